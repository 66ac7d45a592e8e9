// Volume-detector metrics of one symbol as of one day, from its daily bars (oldest first, one per
// date; a later duplicate wins). Pure: no I/O, the day is a parameter. Faults become flags, and a
// metric that cannot be computed honestly is null — never NaN, never Infinity, never a 0 stand-in.
//
// Definitions (N = lookback, 20 by default):
// - avgVolume20: mean volume of the N bars before the scored bar (the scored bar excluded).
// - volumeSpikeRatio: the scored bar's volume / avgVolume20. Needs N + 1 bars.
// - volumeConsistency: of the last 5 bars (the scored one included), the share whose volume beat the
//   mean of its own N previous bars. 1.0 = a sustained surge, 0.2 = a one-day blip. Needs N + 5 bars.
// - momentum: close / close `momentumPeriod` bars earlier − 1.
// - rsi14 / atr14: Wilder, see indicators.ts. ATR uses the trailing run of bars with high and low.
// Windows count bars, not calendar days: across a hole of missing trading days they reach further
// back, and a data_hole flag names the gap so the reader knows the figures straddle it.
//
// Splits (split-detection.ts): a day whose close jumps by a split factor without a dollar-volume
// surge is flagged, and every earlier bar is scaled by the nominal factor before any metric is
// computed, so the jump stays out of momentum and RSI and post-split share volume is no spike.
import type { OhlcvBar } from '../domain/bars';
import type { MetricFlag, VolumeMetrics } from './metric-types';
import { lastDefined, visibleCount, wilderAtr, wilderRsi } from './indicators';
import { detectSplits } from './split-detection';
import { tradingDayDistance, tradingDaysBetween } from '../market/trading-calendar';

export interface VolumeMetricsOptions {
  /** bars in the volume average (today excluded); 20 */
  lookback?: number;
  /** bars in the momentum window; 14 */
  momentumPeriod?: number;
  /** bars read before asOf; Wilder smoothing forgets its seed well within 100 (weight (13/14)^85 < 0.2%) */
  historyBars?: number;
}

export interface VolumeMetricsResult {
  metrics: VolumeMetrics | null;
  flags: MetricFlag[];
}

export const RSI_PERIOD = 14;
export const ATR_PERIOD = 14;
export const CONSISTENCY_DAYS = 5;

export function computeVolumeMetrics(
  bars: readonly OhlcvBar[],
  asOf: string,
  options: VolumeMetricsOptions = {},
): VolumeMetricsResult {
  const lookback = options.lookback ?? 20;
  const momentumPeriod = options.momentumPeriod ?? 14;
  const historyBars = Math.max(
    options.historyBars ?? 100,
    lookback + CONSISTENCY_DAYS,
    momentumPeriod + 1,
    RSI_PERIOD + 1,
  );
  const flags: MetricFlag[] = [];

  const end = visibleCount(bars, asOf);
  const { rows, dropped } = cleanWindow(bars, Math.max(0, end - historyBars), end);
  if (dropped > 0)
    flags.push({
      code: 'invalid_bar',
      message: `${dropped} bar(s) with a missing or non-positive close or a bad volume were ignored`,
    });
  const n = rows.length;
  if (n === 0) {
    flags.push({ code: 'no_bars', message: `no usable bars on or before ${asOf}` });
    return { metrics: null, flags };
  }
  const today = rows[n - 1]!;

  const age = tradingDayDistance(today.date, asOf);
  if (age > 0)
    flags.push({
      code: 'stale_bars',
      message: `no bar for ${asOf}: metrics are from ${today.date}, ${age} trading day(s) old`,
    });

  const close = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  rows.forEach((b, i) => {
    close[i] = b.close;
    volume[i] = b.volume;
    high[i] = b.high ?? NaN;
    low[i] = b.low ?? NaN;
  });
  for (const split of detectSplits(rows, lookback)) {
    flags.push({ code: 'split_suspected', message: split.message });
    for (let j = 0; j < split.index; j++) {
      close[j] = close[j]! * split.priceFactor;
      high[j] = high[j]! * split.priceFactor;
      low[j] = low[j]! * split.priceFactor;
      volume[j] = volume[j]! / split.priceFactor;
    }
  }

  const hole = describeHole(
    rows.slice(Math.max(0, n - Math.max(lookback + CONSISTENCY_DAYS, momentumPeriod + 1, RSI_PERIOD + 1))),
  );
  if (hole) flags.push({ code: 'data_hole', message: hole });

  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + volume[i]!;
  const meanBefore = (i: number): number | null =>
    i >= lookback ? (prefix[i]! - prefix[i - lookback]!) / lookback : null;

  const avgVolume20 = meanBefore(n - 1);
  let volumeSpikeRatio: number | null = null;
  if (avgVolume20 === null) {
    flags.push({ code: 'thin_history', message: `${n} bar(s) of history: the volume spike needs ${lookback + 1}` });
  } else if (avgVolume20 <= 0) {
    flags.push({
      code: 'zero_volume',
      message: `no volume in the ${lookback} bars before ${today.date}: no spike ratio`,
    });
  } else {
    volumeSpikeRatio = volume[n - 1]! / avgVolume20;
  }
  if (today.volume === 0)
    flags.push({ code: 'zero_volume', message: `no volume on ${today.date} (halted or not traded?)` });

  let volumeConsistency: number | null = null;
  if (n - CONSISTENCY_DAYS >= lookback) {
    let beat = 0;
    for (let d = n - CONSISTENCY_DAYS; d < n; d++) if (volume[d]! > meanBefore(d)!) beat++;
    volumeConsistency = beat / CONSISTENCY_DAYS;
  }

  const momentum = n > momentumPeriod ? close[n - 1]! / close[n - 1 - momentumPeriod]! - 1 : null;
  const rsi14 = lastDefined(wilderRsi(close, RSI_PERIOD));

  let run = 0;
  while (
    run < n &&
    Number.isFinite(high[n - 1 - run]!) &&
    Number.isFinite(low[n - 1 - run]!) &&
    high[n - 1 - run]! >= low[n - 1 - run]!
  )
    run++;
  const atr14 =
    run > ATR_PERIOD
      ? lastDefined(wilderAtr(high.subarray(n - run), low.subarray(n - run), close.subarray(n - run), ATR_PERIOD))
      : null;
  if (atr14 === null && n > ATR_PERIOD) {
    flags.push({
      code: 'ohlc_missing',
      message: `high/low missing or inconsistent within the last ${ATR_PERIOD + 1} bars: no ATR`,
    });
  }

  return {
    metrics: {
      date: today.date,
      close: today.close,
      volume: today.volume,
      avgVolume20: finiteOrNull(avgVolume20),
      volumeSpikeRatio: finiteOrNull(volumeSpikeRatio),
      rsi14: finiteOrNull(rsi14),
      momentum: finiteOrNull(momentum),
      volumeConsistency,
      atr14: finiteOrNull(atr14),
      barsAvailable: end - dropped,
    },
    flags,
  };
}

/** Missing trading days between the first and last of `rows`, as a sentence, or null. */
function describeHole(rows: readonly OhlcvBar[]): string | null {
  if (rows.length < 2) return null;
  const first = rows[0]!.date;
  const last = rows[rows.length - 1]!.date;
  // Fast path: as many sessions in the span as bars means nothing is missing.
  if (tradingDayDistance(first, last) + 1 <= rows.length) return null;
  const have = new Set(rows.map((r) => r.date));
  const runs: [string, string, number][] = [];
  let prevMissing = false;
  for (const d of tradingDaysBetween(first, last)) {
    if (have.has(d)) {
      prevMissing = false;
      continue;
    }
    const cur = runs[runs.length - 1];
    if (prevMissing && cur) {
      cur[1] = d;
      cur[2]++;
    } else runs.push([d, d, 1]);
    prevMissing = true;
  }
  if (runs.length === 0) return null;
  const total = runs.reduce((s, r) => s + r[2], 0);
  const shown = runs.slice(0, 3).map(([a, b, c]) => (c === 1 ? a : `${a} to ${b} (${c} days)`));
  const more = runs.length > 3 ? ` and ${runs.length - 3} more gap(s)` : '';
  return `${total} trading day(s) missing between ${first} and ${last}: ${shown.join(', ')}${more}; the windows reach back past the gap`;
}

/**
 * Bars in [start, end) with a usable close and volume, one per date (the later duplicate wins). Input
 * that breaks the oldest-first contract is sorted (a copy) rather than trusted.
 */
function cleanWindow(bars: readonly OhlcvBar[], start: number, end: number): { rows: OhlcvBar[]; dropped: number } {
  const rows: OhlcvBar[] = [];
  let dropped = 0;
  for (let i = start; i < end; i++) {
    const b = bars[i]!;
    const prev = rows[rows.length - 1];
    if (!(Number.isFinite(b.close) && b.close > 0 && Number.isFinite(b.volume) && b.volume >= 0)) dropped++;
    else if (prev && prev.date === b.date) rows[rows.length - 1] = b;
    else if (prev && prev.date > b.date) {
      const copy = bars.slice(start, end).sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
      return cleanWindow(copy, 0, copy.length);
    } else rows.push(b);
  }
  return { rows, dropped };
}

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}
