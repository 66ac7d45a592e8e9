import { describe, expect, it } from 'vitest';
import type { ScreenerRow, ScreenerSnapshot, SymbolRecord } from '../../src/domain/market-data';
import { snapshotSession } from '../../src/ingest/screener-snapshot.cache';
import { mergeUniverse, snapshotBars, snapshotSymbols } from '../../src/ingest/screener.map';

// Point in time for the keyless screener: which session's close a snapshot holds, by when it was taken.
describe('snapshotSession', () => {
  it.each([
    // taken at (UTC)          ET                         holds
    ['2021-01-30T00:40:00Z', 'Fri 19:40', '2021-01-29'],
    ['2021-01-29T21:30:00Z', 'Fri 16:30, bars settled', '2021-01-29'],
    ['2021-01-30T15:00:00Z', 'Sat 10:00', '2021-01-29'],
    ['2021-02-16T00:40:00Z', "Mon 19:40, Presidents' Day", '2021-02-12'],
    ['2021-11-26T18:30:00Z', 'Fri 13:30 after Thanksgiving (early close)', '2021-11-26'],
    ['2021-01-29T21:29:00Z', 'Fri 16:29', null],
    ['2021-01-29T15:00:00Z', 'Fri 10:00, session open', null],
    ['2021-02-01T12:00:00Z', 'Mon 07:00, before the open', null],
  ])('a snapshot taken %s (%s) holds the close of %s', (takenAt, _et, holds) => {
    const s = snapshotSession(new Date(takenAt));
    expect(s.date).toBe(holds);
    expect(s.final).toBe(holds !== null);
  });

  it('says why a snapshot of a running session is no bar', () => {
    const s = snapshotSession(new Date('2021-01-29T15:00:00Z'));
    expect(!s.final && s.note).toBe(
      'a screener snapshot before 16:30 ET on 2021-01-29 holds live prices, not a close: not stored as a bar',
    );
  });
});

describe('what a snapshot gives the store', () => {
  const row = (symbol: string, lastSale: number | null, marketCap: number | null): ScreenerRow => ({
    symbol,
    name: `${symbol} Inc.`,
    exchange: 'NYSE',
    lastSale,
    netChange: null,
    pctChange: null,
    volume: lastSale === null ? 0 : 1000,
    marketCap,
    country: null,
    ipoYear: null,
    sector: 'Technology',
    industry: 'Semiconductors',
  });
  const snapshot: ScreenerSnapshot = {
    takenAt: '2021-01-30T00:40:00.000Z',
    rows: [row('GME', 325, 22e9), row('ZZNA', null, null), row('SPY', 370, null)],
    answered: { nyse: 3 },
    skipped: {},
  };

  it('a close-only bar for each row with a last sale, none for "NA"', () => {
    const bars = snapshotBars(snapshot, '2021-01-29');
    expect(bars.map((b) => [b.symbol, b.open, b.high, b.low, b.close])).toEqual([
      ['GME', null, null, null, 325],
      ['SPY', null, null, null, 370],
    ]);
  });

  it("keeps the directory's flags and exchange, takes the screener's fundamentals", () => {
    const screener = snapshotSymbols(snapshot, '2021-01-29');
    const spy: SymbolRecord = { ...screener[2]!, exchange: 'ARCA', type: 'etf', isEtf: true, marketCap: null };
    const merged = mergeUniverse(screener, [{ ...spy, sector: null, industry: null, source: 'nasdaq-trader' }]);
    expect(merged.map((r) => r.symbol)).toEqual(['GME', 'SPY', 'ZZNA']);
    expect(merged[1]).toMatchObject({
      exchange: 'ARCA',
      isEtf: true,
      sector: 'Technology',
      source: 'nasdaq-screener+nasdaq-trader',
    });
  });
});
