import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/domain/line-format';
import { cboeChainFileFormat } from '../../src/providers/cboe/chain-file';
import { mapChain } from '../../src/providers/cboe/map';
import { parseOccSymbol } from '../../src/providers/cboe/occ-symbol';
import { cboeChainSchema } from '../../src/providers/cboe/schemas';
import { ParseError } from '../../src/shared/errors';
import { hasSharedData, sharedPath, SHARED_SKIP_MESSAGE } from '../support/shared-data';

const REAL = sharedPath('OpenBB-finance-OpenBB/openbb_platform/providers/cboe/tests/data/options_clx.first36.json');
const own = () => readFileSync(new URL('../fixtures/cboe/GME.json', import.meta.url), 'utf8');

describe('OCC option symbols', () => {
  it.each([
    ['CLX260821C00055000', { root: 'CLX', expiry: '2026-08-21', right: 'C', strike: 55 }],
    ['GME260807P00027500', { root: 'GME', expiry: '2026-08-07', right: 'P', strike: 27.5 }],
    ['GME1260807C00001500', { root: 'GME1', expiry: '2026-08-07', right: 'C', strike: 1.5 }],
  ])('%s', (symbol, parsed) => expect(parseOccSymbol(symbol)).toEqual(parsed));

  it.each(['CLX261321C00055000', 'CLX260821X00055000', 'CLX260821C5500', ''])('refuses %j', (s) =>
    expect(parseOccSymbol(s)).toBeNull(),
  );
});

describe('a Cboe chain summarised (own fixture, the real shape of FORMATS-keyless.md §6)', () => {
  const snapshot = mapChain(cboeChainSchema.parse(JSON.parse(own())), '2026-07-24T21:00:00.000Z');

  it('adds call and put volume and open interest from float fields', () => {
    expect(snapshot).toMatchObject({
      symbol: 'GME',
      callVolume: 1150,
      putVolume: 350,
      callOpenInterest: 11_000,
      putOpenInterest: 2700,
      contracts: 8,
      underlyingPrice: 25,
    });
  });

  it('counts near-money calls: struck within ±10% (27.5 on the edge is in), expiring within 30 days', () => {
    // 25 and 27.5 of 2026-08-07; the 20 strike is out of the band, 2026-09-18 is 56 days out
    expect(snapshot.nearMoneyCallOpenInterest).toBe(5000);
  });

  it("dates the chain by the underlying's last trade (ET), not the zone-less outer timestamp, and keeps iv30 a fraction", () => {
    expect(snapshot).toMatchObject({ date: '2026-07-24', publishedOn: '2026-07-24', iv30: 1.205 });
  });
});

describe.skipIf(!hasSharedData)(`the real CLX excerpt (${hasSharedData ? 'present' : SHARED_SKIP_MESSAGE})`, () => {
  it('validates and summarises its 36 contracts, the 7 never traded (last_trade_time null) included', () => {
    const body = JSON.parse(readFileSync(REAL, 'utf8')) as { data: { options: { last_trade_time: unknown }[] } };
    expect(body.data.options.filter((o) => o.last_trade_time === null)).toHaveLength(7);
    const s = mapChain(cboeChainSchema.parse(body), 'now');
    expect(s).toMatchObject({
      symbol: 'CLX',
      date: '2026-07-24',
      underlyingPrice: 95.55,
      callVolume: 2194,
      putVolume: 357,
      callOpenInterest: 14_393,
      putOpenInterest: 14_869,
      // calls struck 90, 95, 100 and 105 of the 2026-08-21 expiry (28 days out)
      nearMoneyCallOpenInterest: 12_166,
      contracts: 36,
    });
    expect(s.iv30).toBeCloseTo(0.38981, 10);
  });

  it('is recognised and read by the import format, by its content', () => {
    const text = readFileSync(REAL, 'utf8');
    expect(cboeChainFileFormat.recognise('options_clx.first36.json', text.split('\n')[0]!)).toBe(true);
    const { records } = parseText(cboeChainFileFormat, 'options_clx.first36.json', text);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ symbol: 'CLX', takenAt: '2026-07-25T00:43:14', callVolume: 2194 });
  });
});

describe('the chain import format', () => {
  it('reads a saved chain whole', () => {
    const { records } = parseText(cboeChainFileFormat, 'GME.json', own());
    expect(records.map((r) => [r.symbol, r.date, r.nearMoneyCallOpenInterest])).toEqual([['GME', '2026-07-24', 5000]]);
  });

  it.each([
    ['cut short', (t: string) => t.slice(0, 500), /not a whole JSON document/],
    [
      'an option without an OCC symbol',
      (t: string) => t.replace('GME260807C00020000', 'GME AUG 20 C'),
      /not an OCC symbol/,
    ],
    ['volume as text', (t: string) => t.replace('"volume":100.0', '"volume":"100"'), /data\.options\.0\.volume/],
    [
      'no underlying last trade',
      (t: string) => t.replace('"last_trade_time":"2026-07-24T15:59:59"', '"last_trade_time":null'),
      /data\.last_trade_time/,
    ],
  ])('rejects a chain %s', (_what, spoil, reason) => {
    let err: unknown;
    try {
      parseText(cboeChainFileFormat, 'GME.json', spoil(own()));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).reason).toMatch(reason);
  });

  it('leaves other JSON alone', () => {
    expect(cboeChainFileFormat.recognise('x.json', '{"results":[{"T":"GME"}]}')).toBe(false);
  });
});
