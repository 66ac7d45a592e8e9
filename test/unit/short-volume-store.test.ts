import { describe, expect, it } from 'vitest';
import type { ShortVolumeTuple } from '../../src/db/repos/pipeline-data.repo';
import { tradingDaysBetween } from '../../src/market/trading-calendar';
import { createShortVolumeStore } from '../../src/pipeline/short-volume-store';

// A store filled a symbol at a time (the backtest's) must answer every ask exactly as one built from all
// rows, whichever order the asks come in; it reads a symbol from its first ask to a month past it, then
// on as later asks pass that, not the whole range.

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
    // AAA: read from its first ask to a month past it, the days before it once each time an ask reached
    // back, and on to the end when an ask passed the month
    expect(reads.filter((r) => r.symbol === 'AAA').map((r) => [r.from, r.to])).toEqual([
      ['2024-03-01', '2024-05-16'],
      ['2024-01-10', '2024-03-01'],
      ['2024-01-02', '2024-01-10'],
      ['2024-05-16', '2024-06-28'],
    ]);
    const aaaRows = reads.filter((r) => r.symbol === 'AAA').reduce((n, r) => n + r.rows, 0);
    // every row read once, plus the one each later read shares with the read before it (filtered out)
    expect(aaaRows).toBe(dates.length + 3);
  });

  it('reads a name asked on one day only a month past that day, not to the end of the range', () => {
    const reads: { from: string; to: string }[] = [];
    const lazy = createShortVolumeStore([], range, (symbol, from, to) => {
      reads.push({ from, to });
      return rows.filter((r) => r[0] === symbol && r[1] >= from && r[1] <= to);
    });
    expect(lazy.rows('BBB', '2024-02-01', '2024-03-01')).toHaveLength(
      dates.filter((d) => d >= '2024-02-01' && d <= '2024-03-01').length,
    );
    // the next day's ask is served from what was read
    lazy.rows('BBB', '2024-02-02', '2024-03-04');
    expect(reads).toEqual([{ from: '2024-02-01', to: '2024-04-01' }]);
  });
});
