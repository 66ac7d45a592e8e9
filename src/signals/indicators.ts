// Indicator math over plain number series, oldest first. Series functions return a Float64Array
// aligned with the input: index i holds the value as of input i, and NaN marks the warm-up before
// the indicator is defined. NaN never leaves this module through a metric: callers read a value with
// `lastDefined` (NaN → null) or check `Number.isFinite` themselves.
//
// Reference definitions: RSI and ATR follow Wilder (New Concepts in Technical Trading Systems, 1978)
// exactly as the `technicalindicators` package computes them (a test holds the two equal):
// - RSI(n): the first value sits at input n (n changes). Seed = mean gain and mean loss of the first n
//   changes; after that avg = (avg·(n−1) + x) / n. RSI = 100 − 100 / (1 + avgGain / avgLoss); 100 when
//   avgLoss is 0. One deliberate difference: a flat series (both averages 0) gives 50 (no pressure
//   either way), where the package says 100 — an "overbought" reading on a halted stock would score it.
// - ATR(n): true range from the second bar on (it needs the previous close), so the first ATR sits at
//   input n: the mean of the first n true ranges, then Wilder smoothing as above.

export type Series = ArrayLike<number>;

/** The last defined (finite) value of a series, or null. */
export function lastDefined(series: Series): number | null {
  const v = series.length > 0 ? series[series.length - 1]! : NaN;
  return Number.isFinite(v) ? v : null;
}

/**
 * Index of the first row dated after `asOf` in rows sorted oldest first (binary search): rows[0, i)
 * are the ones visible on asOf, so a backtest day reads a prefix without copying.
 */
export function visibleCount(rows: readonly { date: string }[], asOf: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.date <= asOf) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Simple moving average over `period` values ending at each index. */
export function sma(values: Series, period: number): Float64Array {
  checkPeriod(period);
  const out = new Float64Array(values.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= period) sum -= values[i - period]!;
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

/** Mean and sample standard deviation (n − 1) of values[start, end); null when fewer than 2 values. */
export function meanStd(values: Series, start = 0, end = values.length): { mean: number; std: number } | null {
  const from = Math.max(0, start);
  const to = Math.min(values.length, end);
  const n = to - from;
  if (n < 2) return null;
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  const mean = sum / n;
  // Two-pass variance: ratios near 0.45 with tiny spread lose everything to cancellation in one pass.
  let ss = 0;
  for (let i = from; i < to; i++) {
    const d = values[i]! - mean;
    ss += d * d;
  }
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}

/** Mean of values[start, end); null when the range is empty. */
export function mean(values: Series, start = 0, end = values.length): number | null {
  const from = Math.max(0, start);
  const to = Math.min(values.length, end);
  if (to <= from) return null;
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  return sum / (to - from);
}

/** Rolling mean over `window` values; same as sma, named for the statistics side. */
export const rollingMean = sma;

/** Rolling sample standard deviation over `window` values (window ≥ 2). */
export function rollingStd(values: Series, window: number): Float64Array {
  checkPeriod(window);
  if (window < 2) throw new RangeError('a standard deviation needs a window of at least 2');
  const out = new Float64Array(values.length).fill(NaN);
  for (let i = window - 1; i < values.length; i++) out[i] = meanStd(values, i - window + 1, i + 1)!.std;
  return out;
}

/**
 * (x − mean) / std; null when the spread is 0 or anything is not finite. A flat history says nothing
 * about how unusual a value is, so it gets no z-score rather than an infinite one.
 */
export function zScore(x: number, stats: { mean: number; std: number } | null): number | null {
  if (!stats || !Number.isFinite(x) || !Number.isFinite(stats.mean) || !Number.isFinite(stats.std)) return null;
  // A spread under 1e-10 of the mean is rounding noise (0.45·1e6/1e6 is not exactly 0.45 every day).
  if (stats.std === 0 || stats.std <= 1e-10 * Math.abs(stats.mean)) return null;
  return (x - stats.mean) / stats.std;
}

/** Exponential moving average seeded with the SMA of the first `period` values; α = 2 / (period + 1). */
export function ema(values: Series, period: number): Float64Array {
  checkPeriod(period);
  const out = new Float64Array(values.length).fill(NaN);
  if (values.length < period) return out;
  const alpha = 2 / (period + 1);
  let prev = 0;
  for (let i = 0; i < period; i++) prev += values[i]!;
  prev /= period;
  out[period - 1] = prev;
  for (let i = period; i < values.length; i++) {
    prev = prev + alpha * (values[i]! - prev);
    out[i] = prev;
  }
  return out;
}

/** Wilder RSI; see the header for the definition. */
/** `out`: where to write (closes.length long), for a caller that allocates its arrays in bulk. */
export function wilderRsi(
  closes: Series,
  period = 14,
  out: Float64Array = new Float64Array(closes.length),
): Float64Array {
  checkPeriod(period);
  out.fill(NaN);
  if (closes.length <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = closes[i]! - closes[i - 1]!;
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  out[period] = rsiOf(gain, loss);
  for (let i = period + 1; i < closes.length; i++) {
    const d = closes[i]! - closes[i - 1]!;
    gain = (gain * (period - 1) + (d > 0 ? d : 0)) / period;
    loss = (loss * (period - 1) + (d < 0 ? -d : 0)) / period;
    out[i] = rsiOf(gain, loss);
  }
  return out;
}

function rsiOf(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgGain / avgLoss);
}

/** True range of bar i (i ≥ 1): the largest of high − low, |high − prev close|, |low − prev close|. */
export function trueRange(high: Series, low: Series, close: Series, i: number): number {
  const prevClose = close[i - 1]!;
  return Math.max(high[i]! - low[i]!, Math.abs(high[i]! - prevClose), Math.abs(low[i]! - prevClose));
}

/** Wilder ATR; see the header for the definition. */
export function wilderAtr(high: Series, low: Series, close: Series, period = 14): Float64Array {
  checkPeriod(period);
  const n = close.length;
  if (high.length !== n || low.length !== n) throw new RangeError('high, low and close must have the same length');
  const out = new Float64Array(n).fill(NaN);
  if (n <= period) return out;
  let atr = 0;
  for (let i = 1; i <= period; i++) atr += trueRange(high, low, close, i);
  atr /= period;
  out[period] = atr;
  for (let i = period + 1; i < n; i++) {
    atr = (atr * (period - 1) + trueRange(high, low, close, i)) / period;
    out[i] = atr;
  }
  return out;
}

function checkPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive integer, got ${period}`);
}
