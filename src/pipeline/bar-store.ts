import type { BarColumnSeries, BarSeries } from '../domain/bars';
import type { OhlcvBar } from '../domain/bars';

// Daily bars held in memory for a run or a whole backtest, per symbol, oldest first, as columns
// (typed arrays; dates shared strings): 10,000 symbols × 300 days as objects would cost ~300 MB, as
// columns ~70 MB. `window` is the point-in-time cut: the last `n` bars on or before a day, never a
// bar after it; objects are made only for the symbols that reach a metric.

export interface BarColumns {
  dates: readonly string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export interface BarStore {
  symbols(): string[];
  /** symbols with a bar inside [from, to], sorted (code-unit order) */
  symbolsWithBarsBetween(from: string, to: string): string[];
  window(symbol: string, asOf: string, n: number): OhlcvBar[];
  /** the newest bar on or before asOf, without copying a window */
  last(symbol: string, asOf: string): { date: string; close: number; volume: number } | null;
  /** the raw columns (indicator pre-computation); undefined for an unknown symbol */
  columns(symbol: string): BarColumns | undefined;
  /** number of bars on or before asOf (index of the first bar after it) */
  visible(symbol: string, asOf: string): number;
  /** bars strictly after `date`, up to n (for outcome checks in a backtest, never for scoring) */
  after(symbol: string, date: string, n: number): OhlcvBar[];
}

/** A symbol's columns and where its last cut fell: a replay asks day after day, so the next cut is there or one on. */
interface Held extends BarColumns {
  cut: number;
}

export function createBarStore(series: ReadonlyMap<string, BarSeries | BarColumnSeries | BarColumns>): BarStore {
  const store = new Map<string, Held>();
  for (const [symbol, s] of series) {
    // the whole-market read already hands typed columns: taken as they are, not copied
    store.set(symbol, {
      dates: s.dates,
      open: typed(s.open),
      high: typed(s.high),
      low: typed(s.low),
      close: typed(s.close),
      volume: typed(s.volume),
      cut: 0,
    });
  }
  // in code-unit order, so a day's symbols come out sorted without sorting them each day
  const sorted = [...store.keys()].sort();
  const held = sorted.map((symbol) => store.get(symbol)!);
  /** index of the first bar after `date` */
  const cutAt = (c: Held, date: string): number => {
    const d = c.dates;
    for (let i = c.cut; i <= c.cut + 1 && i <= d.length; i++)
      if ((i === 0 || d[i - 1]! <= date) && (i === d.length || d[i]! > date)) return (c.cut = i);
    return (c.cut = upperBound(d, date));
  };
  const slice = (c: BarColumns, start: number, end: number): OhlcvBar[] => {
    const rows = new Array<OhlcvBar>(Math.max(0, end - start));
    for (let i = start; i < end; i++) {
      rows[i - start] = {
        date: c.dates[i]!,
        open: nullIfNaN(c.open[i]!),
        high: nullIfNaN(c.high[i]!),
        low: nullIfNaN(c.low[i]!),
        close: c.close[i]!,
        volume: c.volume[i]!,
      };
    }
    return rows;
  };
  return {
    symbols: () => [...store.keys()],
    symbolsWithBarsBetween(from, to) {
      const out: string[] = [];
      for (let k = 0; k < held.length; k++) {
        const c = held[k]!;
        const end = cutAt(c, to);
        if (end > 0 && c.dates[end - 1]! >= from) out.push(sorted[k]!);
      }
      return out;
    },
    window(symbol, asOf, n) {
      const c = store.get(symbol);
      if (!c) return [];
      const end = cutAt(c, asOf);
      return slice(c, Math.max(0, end - n), end);
    },
    last(symbol, asOf) {
      const c = store.get(symbol);
      if (!c) return null;
      const i = cutAt(c, asOf) - 1;
      return i < 0 ? null : { date: c.dates[i]!, close: c.close[i]!, volume: c.volume[i]! };
    },
    columns: (symbol) => store.get(symbol),
    visible(symbol, asOf) {
      const c = store.get(symbol);
      return c ? cutAt(c, asOf) : 0;
    },
    after(symbol, date, n) {
      const c = store.get(symbol);
      if (!c) return [];
      const start = upperBound(c.dates, date);
      return slice(c, start, Math.min(c.dates.length, start + n));
    },
  };
}

/** Index of the first date after `date` (ISO dates compare as strings). */
function upperBound(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function typed(xs: number[] | Float64Array): Float64Array {
  return xs instanceof Float64Array ? xs : Float64Array.from(xs);
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
