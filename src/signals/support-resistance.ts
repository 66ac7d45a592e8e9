import { wilderAtr, type Series } from './indicators';

// Support and resistance from swing points, for the buy-the-dip analysis (004 spec §3).
//
// A swing high at bar i is a high strictly above the `window` highs before it and at least as high as
// the `window` highs after it (a flat top counts once, at its first bar); a swing low mirrors it on the
// lows. So a pivot is only confirmed `window` bars later: the newest `window` bars never are pivots,
// which keeps the levels from moving with today's bar.
//
// Highs and lows go into one pool (an old resistance, once broken, is the next support), sorted by
// price, and are clustered greedily: a pivot joins the current cluster while it lies within
// `tolerance` (0.5 × ATR(14) by default) of the cluster's mean. A level is the mean of its cluster;
// `touches` is how many pivots made it. Supports are levels below the price (nearest first),
// resistances levels above it (nearest first).

export interface Pivot {
  index: number;
  date: string;
  price: number;
  kind: 'high' | 'low';
}

export interface Level {
  price: number;
  touches: number;
  /** the newest pivot in the cluster */
  lastDate: string;
  kinds: ('high' | 'low')[];
}

export interface SupportResistance {
  price: number;
  atr: number | null;
  pivots: Pivot[];
  levels: Level[];
  /** below the price, nearest first */
  supports: Level[];
  /** above the price, nearest first */
  resistances: Level[];
}

export interface Bars {
  dates: readonly string[];
  high: Series;
  low: Series;
  close: Series;
}

function isPivot(values: Series, i: number, window: number, above: (a: number, b: number) => boolean): boolean {
  const v = values[i]!;
  if (!Number.isFinite(v)) return false;
  for (let k = i - window; k < i; k++) if (!above(v, values[k]!)) return false;
  // after the bar, ties do not disqualify: a flat top's first bar is the pivot
  for (let k = i + 1; k <= i + window; k++) if (above(values[k]!, v)) return false;
  return true;
}

/** Swing highs and lows with `window` bars on each side; oldest first. */
export function findPivots(bars: Bars, window = 3): Pivot[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  const out: Pivot[] = [];
  const n = bars.close.length;
  for (let i = window; i < n - window; i++) {
    if (isPivot(bars.high, i, window, (a, b) => a > b))
      out.push({ index: i, date: bars.dates[i]!, price: bars.high[i]!, kind: 'high' });
    if (isPivot(bars.low, i, window, (a, b) => a < b))
      out.push({ index: i, date: bars.dates[i]!, price: bars.low[i]!, kind: 'low' });
  }
  return out;
}

/** Pivots clustered within `tolerance` of the running cluster mean; levels ascending by price. */
export function clusterLevels(pivots: readonly Pivot[], tolerance: number): Level[] {
  const sorted = [...pivots].sort((a, b) => a.price - b.price);
  const levels: Level[] = [];
  let members: Pivot[] = [];
  const flush = () => {
    if (!members.length) return;
    const price = members.reduce((s, p) => s + p.price, 0) / members.length;
    const lastDate = members.reduce((d, p) => (p.date > d ? p.date : d), members[0]!.date);
    levels.push({ price, touches: members.length, lastDate, kinds: [...new Set(members.map((p) => p.kind))] });
    members = [];
  };
  for (const p of sorted) {
    const mean = members.length ? members.reduce((s, m) => s + m.price, 0) / members.length : p.price;
    if (members.length && Math.abs(p.price - mean) > tolerance) flush();
    members.push(p);
  }
  flush();
  return levels;
}

export interface SupportResistanceOptions {
  /** bars each side of a pivot; default 3 */
  window?: number;
  /** cluster width in ATRs; default 0.5 */
  toleranceAtr?: number;
  atrPeriod?: number;
  /** the price to split levels at; default the last close */
  price?: number;
}

export function supportResistance(bars: Bars, options: SupportResistanceOptions = {}): SupportResistance {
  const n = bars.close.length;
  const price = options.price ?? (n ? bars.close[n - 1]! : NaN);
  const atrSeries = n ? wilderAtr(bars.high, bars.low, bars.close, options.atrPeriod ?? 14) : new Float64Array();
  const lastAtr = n ? atrSeries[n - 1]! : NaN;
  const atr = Number.isFinite(lastAtr) ? lastAtr : null;
  const pivots = findPivots(bars, options.window ?? 3);
  // without an ATR (too few bars) only identical prices cluster
  const levels = clusterLevels(pivots, atr === null ? 0 : (options.toleranceAtr ?? 0.5) * atr);
  return {
    price,
    atr,
    pivots,
    levels,
    supports: levels.filter((l) => l.price < price).reverse(),
    resistances: levels.filter((l) => l.price > price),
  };
}
