import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_PRICE,
  MAX_QUANTITY,
  isDurationWord,
  readAlertId,
  readChoice,
  readDays,
  readDuration,
  readInteger,
  readPrice,
  readQuantity,
  readSymbol,
  readSymbolOrAll,
  readUserId,
  type Read,
} from '../../src/chat/args/grammar';
import { COMMANDS } from '../../commands';

// The chat's one word grammar: each token kind's accepted words with their value and refused words with
// their message, then properties over generated words.

const DAY = 86_400_000;
const value = <T>(r: Read<T>) => (r.ok ? r.value : `refused: ${r.message}`);
const message = <T>(r: Read<T>) => (r.ok ? `accepted: ${String(r.value)}` : r.message);
const duration = (w: string) => readDuration(w, 'the duration');
const ttl = (w: string) => readDays(w, 'the TTL');
const upTo50 = (w: string) => readInteger(w, 'n', 1, 50);
const range = (w: string) => readChoice(w, 'the range', ['1m', '3m', '1y']);

describe('token kinds: accepted words', () => {
  it.each<[string, string, (w: string) => Read<unknown>, unknown]>([
    ['symbol', 'gme', readSymbol, 'GME'],
    ['symbol', '$gme', readSymbol, 'GME'],
    ['symbol', 'R007', readSymbol, 'R007'],
    ['symbol', 'brk.b', readSymbol, 'BRK/B'],
    ['symbol', 'BRK/B', readSymbol, 'BRK/B'],
    ['symbol', 'BRK-B', readSymbol, 'BRK/B'],
    ['symbol', '$brk.b', readSymbol, 'BRK/B'],
    ['symbol or all', 'all', readSymbolOrAll, '*'],
    ['quantity', '100', readQuantity, 100],
    ['quantity', '2.5', readQuantity, 2.5],
    ['quantity', '0.5', readQuantity, 0.5],
    ['quantity', '1,000', readQuantity, 1000],
    ['quantity', '12,345,678', readQuantity, 12_345_678],
    ['quantity', '1,000,000,000', readQuantity, MAX_QUANTITY],
    ['price', '43.03', readPrice, 43.03],
    ['price', '$43.03', readPrice, 43.03],
    ['price', '$1,250.50', readPrice, 1250.5],
    ['duration', '30m', duration, 30 * 60_000],
    ['duration', '12h', duration, 12 * 3_600_000],
    ['duration', '3', duration, 3 * DAY],
    ['duration', '2w', duration, 14 * DAY],
    ['duration', '1y', duration, 365 * DAY],
    ['days', '7', ttl, 7],
    ['days', '7d', ttl, 7],
    ['days', '2w', ttl, 14],
    ['days', '1mo', ttl, 30],
    ['days', '3mo', ttl, 90],
    ['days', '1y', ttl, 365],
    ['integer', '50', upTo50, 50],
    ['choice', '1Y', range, '1y'],
    ['alert id', '#12', readAlertId, 12],
    ['user id', '-100123', readUserId, '-100123'],
  ])('%s reads %j', (_kind, word, read, expected) => expect(value(read(word))).toEqual(expected));
});

describe('token kinds: refused words, with the message', () => {
  it.each<[string, string, (w: string) => Read<unknown>, RegExp]>([
    ['symbol', '12345', readSymbol, /"12345" is not a ticker/],
    ['symbol', '1y', readSymbol, /"1y" is not a ticker/],
    ['symbol', 'GME!!', readSymbol, /is not a ticker \(such as GME, R007 or BRK\.B\)/],
    ['symbol', 'TOOLONGTICKER', readSymbol, /is not a ticker/],
    ['quantity', '1,5', readQuantity, /the quantity "1,5" is ambiguous: write a decimal point \(1\.5\)/],
    ['quantity', '1,50', readQuantity, /"1,50" is ambiguous/],
    ['quantity', '12,34,5', readQuantity, /"12,34,5" is ambiguous/],
    ['quantity', '1,0000', readQuantity, /"1,0000" is ambiguous/],
    ['quantity', '1e23', readQuantity, /plain digits, not exponent notation \("1e23"\)/],
    ['quantity', '1E9', readQuantity, /not exponent notation/],
    ['quantity', '2.5e-3', readQuantity, /not exponent notation/],
    ['quantity', '1000000001', readQuantity, /at most 1,000,000,000 shares, not "1000000001"/],
    ['quantity', '0', readQuantity, /more than 0/],
    ['quantity', 'ten', readQuantity, /must be a positive number, not "ten"/],
    ['quantity', '-5', readQuantity, /must be a positive number/],
    ['quantity', 'Infinity', readQuantity, /must be a positive number/],
    ['quantity', '0x10', readQuantity, /must be a positive number/],
    ['price', '$1,5', readPrice, /the price "\$1,5" is ambiguous/],
    ['price', String(MAX_PRICE * 2), readPrice, /at most 10,000,000 dollars, not "20000000"/],
    ['price', '$', readPrice, /must be a positive number/],
    ['duration', '2y', duration, /at most 365 days, not "2y"/],
    ['duration', 'soon', duration, /is a duration such as 30m/],
    ['duration', '0d', duration, /not "0d"/],
    ['days', '12h', ttl, /the TTL is in whole days .* "12h" is in minutes or hours/],
    ['days', '1m', ttl, /"1m" is in minutes or hours/],
    ['days', '900', ttl, /from 1 to 365, not "900"/],
    ['integer', '1e1', upTo50, /whole number from 1 to 50, not "1e1"/],
    ['integer', '5.0', upTo50, /whole number/],
    ['choice', '6m', range, /one of 1m, 3m, 1y, not "6m"/],
    ['alert id', '12a', readAlertId, /not an alert number/],
    ['user id', 'bob', readUserId, /not a Telegram user id/],
  ])('%s refuses %j', (_kind, word, read, expected) => expect(message(read(word))).toMatch(expected));
});

// Words of the symbol grammar: a letter, then letters or digits (root of at most 6), and an optional share
// class written with any of the three separators, in any case, with or without `$`.
const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
const symbolWord = fc
  .tuple(
    fc.constantFrom('', '$'),
    letter,
    fc.array(alnum, { maxLength: 5 }),
    fc.option(fc.tuple(fc.constantFrom('.', '/', '-'), fc.constantFrom(...'ABCDEFGHJKLMNOQSTVXYZ'))),
  )
  .map(([dollar, first, rest, cls]) => `${dollar}${first}${rest.join('')}${cls ? cls.join('') : ''}`);

describe('properties', () => {
  it('any accepted quantity prints back (with or without grouping) to the same value', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_QUANTITY * 100 }), fc.boolean(), (cents, grouped) => {
        const n = cents / 100;
        const word = grouped ? n.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(n);
        const r = readQuantity(word);
        if (n > MAX_QUANTITY) return !r.ok && /at most 1,000,000,000 shares/.test(r.message);
        return r.ok && r.value === n && value(readQuantity(String(r.value))) === n;
      }),
    ));

  it('no word with an exponent or a comma not grouping thousands by three is read as a number', () =>
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,4}(?:[.,]\d{1,4}){0,3}(?:[eE][+-]?\d{1,3})?$/), (word) => {
        const exponent = /[eE]/.test(word);
        const badComma = word.includes(',') && !/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(word);
        if (!exponent && !badComma) return true;
        return [readQuantity(word), readPrice(word), readPrice(`$${word}`)].every((r) => !r.ok);
      }),
    ));

  it('no word is both a ticker and a number or a duration', () =>
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9.,$#]{0,2}[0-9a-zA-Z.,]{1,6}$/), (word) => {
        const asNumber = readQuantity(word).ok || readPrice(word).ok || isDurationWord(word);
        return !(asNumber && readSymbol(word).ok);
      }),
    ));

  it('any word of the symbol grammar is accepted, in one canonical form, by every command that takes a symbol', () => {
    // each command with its words around the symbol; the quantity and price of /buy and /sell are fixed
    const takers: Record<string, (sym: string) => string[]> = {
      ticker: (s) => [s],
      chart: (s) => [s],
      why: (s) => [s],
      si: (s) => [s],
      shortvol: (s) => [s],
      darkpool: (s) => [s],
      borrow: (s) => [s],
      ftd: (s) => [s],
      add: (s) => [s],
      remove: (s) => [s],
      buy: (s) => [s, '1', '1'],
      sell: (s) => [s, '1', '1'],
      mute: (s) => [s],
      unmute: (s) => [s],
      alerts: (s) => [s],
    };
    const defs = Object.keys(takers).map((name) => {
      const def = COMMANDS.find((c) => c.name === name);
      if (!def) throw new Error(`no /${name}`);
      return def;
    });
    fc.assert(
      fc.property(symbolWord, (word) => {
        const canonical = readSymbol(word);
        if (!canonical.ok) return false;
        return defs.every((def) => {
          const r = def.parse.safeParse(takers[def.name]!(word));
          return r.success && JSON.stringify(r.data).includes(JSON.stringify(canonical.value));
        });
      }),
    );
  });
});
