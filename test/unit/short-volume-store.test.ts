import { describe, expect, it } from 'vitest';
import type { ShortVolumeTuple } from '../../src/db/repos/pipeline-data.repo';
import { tradingDaysBetween } from '../../src/market/trading-calendar';
import { createShortVolumeStore } from '../../src/pipeline/short-volume-store';

// A store filled a symbol at a time (the backtest's) must answer every ask exactly as one built from all
// rows, whichever order the asks come in; it reads a symbol from its first ask on, not the whole range.

const dates = tradingDaysBetween('2024-01-02', '2024-06-28');
const rows: ShortVolumeTuple[] = dates.flatMap((date, i): ShortVolumeTuple[] => [
  ['AAA', date, 1000 + i, i % 5 === 0 ? null : i, 3000 + 7 * i],
  ['BBB', date, 500 + 2 * i, 0, 2000 + i],
]);
const range = { from: dates[0]!, to: dates.at(-1)! };

describe('short volume read a symbol at a time', () => {
  it('answers forward, backward and off-exchange asks as the store of every row', () => {
    const full = createShortVolumeStore(rows, range);
    const reads: { symbol: string; from: string; to: string; rows: number }[] = [];
    const lazy = createShortVolumeStore([], range, (symbol, from, to) => {
      const out = rows.filter((r) => r[0] === symbol && r[1] >= from && r[1] <= to);
      reads.push({ symbol, from, to, rows: out.length });
      return out;
    });
    const asks: [string, string, string][] = [
      ['AAA', '2024-03-01', '2024-04-15'],
      ['AAA', '2024-03-04', '2024-04-16'],
      ['BBB', '2024-05-01', '2024-06-03'],
      // reaching back before the first ask: the days before it are read then
      ['AAA', '2024-01-10', '2024-04-16'],
      ['AAA', '2024-01-02', '2024-06-28'],
      ['BBB', '2024-02-01', '2024-06-28'],
      ['CCC', '2024-02-01', '2024-06-28'],
    ];
    for (const [symbol, from, to] of asks) {
      expect(lazy.rows(symbol, from, to), `${symbol} ${from}..${to}`).toEqual(full.rows(symbol, from, to));
      expect(lazy.totalVolume(symbol, from, to)).toEqual(full.totalVolume(symbol, from, to));
    }
    // AAA: read from its first ask, then the days before it once each time an ask reached back
    expect(reads.filter((r) => r.symbol === 'AAA').map((r) => r.from)).toEqual([
      '2024-03-01',
      '2024-01-10',
      '2024-01-02',
    ]);
    const aaaRows = reads.filter((r) => r.symbol === 'AAA').reduce((n, r) => n + r.rows, 0);
    // every row read once, plus the one each back-read shares with the read after it (filtered out)
    expect(aaaRows).toBe(dates.length + 2);
  });
});
