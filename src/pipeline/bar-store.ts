import type { BarSeries } from '../db/repos/pipeline-data.repo';
import type { VolumeBar } from '../signals/volume-metrics';

// Daily bars held in memory for a run or a whole backtest, per symbol, oldest first. `window` is
// the point-in-time cut: the last `n` bars on or before a day, never a bar after it.

export interface BarStore {
  symbols(): string[];
  /** symbols with a bar inside [from, to] */
  symbolsWithBarsBetween(from: string, to: string): string[];
  window(symbol: string, asOf: string, n: number): VolumeBar[];
  newest(): string | null;
  /** bars strictly after `date`, up to n (for outcome checks in a backtest, never for scoring) */
  after(symbol: string, date: string, n: number): VolumeBar[];
}

export function createBarStore(series: Map<string, BarSeries>): BarStore {
  const bars = new Map<string, VolumeBar[]>();
  let newest: string | null = null;
  for (const [symbol, s] of series) {
    const rows: VolumeBar[] = new Array(s.dates.length);
    for (let i = 0; i < s.dates.length; i++) {
      rows[i] = {
        date: s.dates[i]!,
        open: nullIfNaN(s.open[i]!),
        high: nullIfNaN(s.high[i]!),
        low: nullIfNaN(s.low[i]!),
        close: s.close[i]!,
        volume: s.volume[i]!,
      };
    }
    bars.set(symbol, rows);
    const last = s.dates.at(-1);
    if (last && (newest === null || last > newest)) newest = last;
  }
  return {
    symbols: () => [...bars.keys()],
    symbolsWithBarsBetween(from, to) {
      const out: string[] = [];
      for (const [symbol, rows] of bars) {
        const end = upperBound(rows, to);
        if (end > 0 && rows[end - 1]!.date >= from) out.push(symbol);
      }
      return out;
    },
    window(symbol, asOf, n) {
      const rows = bars.get(symbol);
      if (!rows) return [];
      const end = upperBound(rows, asOf);
      return rows.slice(Math.max(0, end - n), end);
    },
    newest: () => newest,
    after(symbol, date, n) {
      const rows = bars.get(symbol);
      if (!rows) return [];
      const start = upperBound(rows, date);
      return rows.slice(start, start + n);
    },
  };
}

/** Index of the first bar dated after `date`. */
function upperBound(rows: readonly VolumeBar[], date: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.date <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
