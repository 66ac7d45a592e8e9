import { normaliseTicker } from '../../market/symbol-map';

// The one word grammar of chat arguments. Every command's schema (the *.args.ts files beside this one,
// commands/*.ts) reads its words with these token kinds, so `1,5`, `1e23` or `R007` mean the same thing, or
// are refused the same way, in every command. A word either reads as exactly one value or is refused with
// a sentence for the user (no trailing full stop: the chat core adds it before the usage line).

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const refuse = (message: string): Read<never> => ({ ok: false, message });

/** A ticker: letters and digits (FINRA and OTC symbols can hold digits: R007), not all digits; an optional
 *  `$`; a share class as BRK.B, BRK/B or BRK-B. Returned in the store's form (BRK/B). */
export function readSymbol(word: string): Read<string> {
  const symbol = normaliseTicker(word);
  return symbol ? ok(symbol) : refuse(`"${word}" is not a ticker (such as GME, R007 or BRK.B)`);
}

/** Bounds so a typo cannot record a position larger than any float or a price no share has ever had. */
export const MAX_QUANTITY = 1_000_000_000;
export const MAX_PRICE = 10_000_000;

// Digits with a `.` decimal point; a `,` only as thousands grouping (1,000 and 12,345,678). Anything else
// with a comma is ambiguous: 1,5 is a decimal comma in Europe and a typo for 15 or 1,500 elsewhere.
const DECIMAL = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

function readDecimal(word: string, name: string, shown: string): Read<number> {
  if (/\d[eE][+-]?\d/.test(word))
    return refuse(`${name} is written in plain digits, not exponent notation ("${shown}")`);
  if (word.includes(',') && !DECIMAL.test(word))
    return refuse(`${name} "${shown}" is ambiguous: write a decimal point (1.5) or group thousands by three (1,500)`);
  if (!/\d/.test(word) || !DECIMAL.test(word)) return refuse(`${name} must be a positive number, not "${shown}"`);
  return ok(Number(word.replaceAll(',', '')));
}

/** `shown` is the word as typed, for the message (a price's `$` is stripped before reading). */
function readBoundedPositive(word: string, name: string, max: number, unit: string, shown = word): Read<number> {
  const n = readDecimal(word, name, shown);
  if (!n.ok) return n;
  if (!(n.value > 0)) return refuse(`${name} must be more than 0, not "${shown}"`);
  if (n.value > max) return refuse(`${name} is at most ${max.toLocaleString('en-US')}${unit}, not "${shown}"`);
  return n;
}

/** A number of shares: `100`, `2.5`, `1,000`; more than 0 and at most MAX_QUANTITY. */
export function readQuantity(word: string, name = 'the quantity'): Read<number> {
  return readBoundedPositive(word, name, MAX_QUANTITY, ' shares');
}

/** A price per share: `43.03`, `$43.03`, `$1,250`; more than 0 and at most MAX_PRICE dollars. */
export function readPrice(word: string, name = 'the price'): Read<number> {
  return readBoundedPositive(word.replace(/^\$/, ''), name, MAX_PRICE, ' dollars', word);
}

/** A whole number from `min` to `max`, digits only. */
export function readInteger(word: string, name: string, min: number, max: number): Read<number> {
  const n = /^\d{1,15}$/.test(word) ? Number(word) : NaN;
  return n >= min && n <= max ? ok(n) : refuse(`${name} must be a whole number from ${min} to ${max}, not "${word}"`);
}

/** One of a few words, any case. */
export function readChoice<T extends string>(word: string, name: string, choices: readonly T[]): Read<T> {
  const v = word.toLowerCase() as T;
  return choices.includes(v) ? ok(v) : refuse(`${name} is one of ${choices.join(', ')}, not "${word}"`);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY_MS = 24 * HOUR;

// One table for every duration: `m` is always minutes and `mo` always months, so no word means a minute in
// one command and a month in another. A bare number is days.
const UNITS: readonly [RegExp, number][] = [
  [/^(?:m|mins?|minutes?)$/, MINUTE],
  [/^(?:h|hrs?|hours?)$/, HOUR],
  [/^(?:|d|days?)$/, DAY_MS],
  [/^(?:w|wks?|weeks?)$/, 7 * DAY_MS],
  [/^(?:mo|mos|months?)$/, 30 * DAY_MS],
  [/^(?:y|yrs?|years?)$/, 365 * DAY_MS],
];
const DURATION_WORD = /^(\d{1,6})\s*([a-z]*)$/i;

/** Whether a word reads as a duration of any length (`90`, `12h`); with `unit`, only one with a unit (`2w`),
 *  since a bare number in free text (`100 shares`) is not read as one. */
export function isDurationWord(word: string, options: { unit?: boolean } = {}): boolean {
  return durationMs(word) !== null && !(options.unit && /^\d+$/.test(word.trim()));
}

function durationMs(word: string): number | null {
  const m = DURATION_WORD.exec(word.trim());
  if (!m) return null;
  const unit = UNITS.find(([re]) => re.test(m[2]!.toLowerCase()));
  return unit ? Number(m[1]) * unit[1] : null;
}

/** A span of time: `30m`, `12h`, `3d`, `2w`, `1mo`, `1y`, or a bare number of days; at most `maxDays`. */
export function readDuration(word: string, name: string, maxDays = 365): Read<number> {
  const ms = durationMs(word);
  if (ms === null || ms <= 0 || ms > maxDays * DAY_MS)
    return refuse(`${name} is a duration such as 30m, 12h, 3d, 2w, 1mo or 1y, at most ${maxDays} days, not "${word}"`);
  return ok(ms);
}

/** A whole number of days: `7`, `7d`, `2w`, `1mo` (30 days), `1y` (365 days); from 1 to `maxDays`. */
export function readDays(word: string, name: string, maxDays = 365): Read<number> {
  const ms = durationMs(word);
  if (ms !== null && ms % DAY_MS !== 0)
    return refuse(`${name} is in whole days (7, 7d, 2w, 1mo, 1y), and "${word}" is in minutes or hours`);
  const days = ms === null ? NaN : ms / DAY_MS;
  return days >= 1 && days <= maxDays
    ? ok(days)
    : refuse(`${name} is a number of days (7, 7d, 2w, 1mo, 1y) from 1 to ${maxDays}, not "${word}"`);
}

/** An alert number as /alerts prints it: `12` or `#12`. */
export function readAlertId(word: string): Read<number> {
  const m = /^#?(\d{1,12})$/.exec(word);
  return m ? ok(Number(m[1])) : refuse(`"${word}" is not an alert number (see /alerts)`);
}

/** A Telegram user id: digits, negative for a group. */
export function readUserId(word: string): Read<string> {
  return /^-?\d{1,20}$/.test(word) ? ok(word) : refuse(`"${word}" is not a Telegram user id (a number)`);
}

/** The word `all` (or `*`), which some commands take in place of a ticker or an alert number. */
export function isAllWord(word: string): boolean {
  return /^(?:all|\*)$/i.test(word);
}

/** A ticker, or `all` / `*` → '*' (every squeeze alert: /mute, /unmute). */
export function readSymbolOrAll(word: string): Read<string> {
  if (isAllWord(word)) return ok('*');
  return readSymbol(word).ok ? readSymbol(word) : refuse(`"${word}" is not a ticker or "all"`);
}

/** An alert number, or `all` (/ack). */
export function readAlertIdOrAll(word: string): Read<number | 'all'> {
  if (isAllWord(word)) return ok('all');
  return readAlertId(word).ok ? readAlertId(word) : refuse(`"${word}" is not an alert number (see /alerts) or "all"`);
}
