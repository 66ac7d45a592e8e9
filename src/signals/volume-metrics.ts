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
// Off-exchange proxy: where the bars hold fewer than N + 1 sessions (keyless, only the screener's
// closes of the days the daily update ran), the volume figures — average, spike, consistency, the day's
// volume — come from FINRA's consolidated off-exchange volume (CNMS TotalVolume, every symbol back to
// 2018 at one file a day) when that holds N + 1 sessions. Off-exchange volume is a share of the
// consolidated volume (about 40%), so the spike, a ratio of like to like, carries over; the levels do
// not (the liquidity filter scales its threshold). `volumeBasis` and a volume_proxy flag say so wherever
// the figures are shown. Price figures (momentum, RSI, ATR) always come from the bars.
//
// ATR on close-only bars (the screener has no high/low): close-to-close true range, flagged.
//
// Short history (a new listing: an IPO or SPAC merger has fewer than N + 1 sessions, and many squeezes
// happen exactly there): with at least MIN_SHORT_HISTORY sessions before the scored one and no proxy, the
// average is over the sessions held, flagged short_history, instead of no figure at all.
//
// Splits (split-detection.ts): a day whose close jumps by a split factor without a dollar-volume
// surge is flagged, and every earlier bar is scaled by the nominal factor before any metric is
// computed, so the jump stays out of momentum and RSI and post-split share volume is no spike.
import type { OhlcvBar } from '../domain/bars';
import type { MetricFlag, VolumeBasis, VolumeMetrics } from './metric-types';
import { cleanWindow, describeDateHole, describeHole, offExchangeWindow, type VolumeDay } from './daily-window';
import { lastDefined, visibleCount, wilderAtr, wilderRsi } from './indicators';
import { detectSplitsOf } from './split-detection';
import { tradingDayDistance } from '../market/trading-calendar';

export interface VolumeMetricsOptions {
  /** bars in the volume average (today excluded); 20 */
  lookback?: number;
  /** bars in the momentum window; 14 */
  momentumPeriod?: number;
  /** bars read before asOf; Wilder smoothing forgets its seed well within 100 (weight (13/14)^85 < 0.2%) */
  historyBars?: number;
  /**
   * FINRA's off-exchange volume by session (CNMS TotalVolume), oldest first: the volume figures' stand-in
   * where the bars are too few for the lookback; a function is called only then (a read the full-bar case skips)
   */
  offExchange?: readonly VolumeDay[] | (() => readonly VolumeDay[]);
}

export type { VolumeDay } from './daily-window';

export interface VolumeMetricsResult {
  metrics: VolumeMetrics | null;
  flags: MetricFlag[];
}

export const RSI_PERIOD = 14;
export const ATR_PERIOD = 14;
export const CONSISTENCY_DAYS = 5;
/** Sessions before the scored one a short history needs for an average (a week of trading). */
export const MIN_SHORT_HISTORY = 5;

export function computeVolumeMetrics(
  bars: readonly OhlcvBar[],
  asOf: string,
  options: VolumeMetricsOptions = {},
): VolumeMetricsResult {
  const o = resolved(options);
  const flags: MetricFlag[] = [];

  const end = visibleCount(bars, asOf);
  const { rows, dropped } = cleanWindow(bars, Math.max(0, end - o.historyBars), end);
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
  const close = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  const dates = new Array<string>(n);
  rows.forEach((b, i) => {
    dates[i] = b.date;
    close[i] = b.close;
    volume[i] = b.volume;
    high[i] = b.high ?? NaN;
    low[i] = b.low ?? NaN;
  });
  return metricsOf({ dates, close, high, low, volume }, end - dropped, asOf, o, flags);
}

/** A symbol's bars as typed columns, oldest first (a missing high or low is NaN): the bar store's shape. */
export interface VolumeColumns {
  dates: readonly string[];
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/**
 * computeVolumeMetrics over the bars columns[from, end) (all dated on or before asOf), read from the
 * columns without an object per bar, with the very same arithmetic on the very same values, so the result
 * is identical. Null when the window is not already clean (a bad close or volume, a duplicate or an
 * out-of-order date) or empty: the caller then takes the object path, which owns those cases.
 */
export function computeVolumeMetricsOfColumns(
  columns: VolumeColumns,
  from: number,
  end: number,
  asOf: string,
  options: VolumeMetricsOptions = {},
): VolumeMetricsResult | null {
  const o = resolved(options);
  const start = Math.max(from, end - o.historyBars);
  if (end <= start) return null;
  const { dates, close, volume } = columns;
  for (let i = start; i < end; i++) {
    const c = close[i]!;
    const v = volume[i]!;
    if (!(Number.isFinite(c) && c > 0 && Number.isFinite(v) && v >= 0)) return null;
    if (i > start && !(dates[i - 1]! < dates[i]!)) return null;
  }
  if (dates[end - 1]! > asOf) return null;
  return metricsOf(
    {
      dates: dates.slice(start, end),
      close: close.slice(start, end),
      high: columns.high.slice(start, end),
      low: columns.low.slice(start, end),
      volume: volume.slice(start, end),
    },
    end - from,
    asOf,
    o,
    [],
  );
}

interface Resolved {
  lookback: number;
  momentumPeriod: number;
  historyBars: number;
  offExchange: VolumeMetricsOptions['offExchange'];
}

function resolved(options: VolumeMetricsOptions): Resolved {
  const lookback = options.lookback ?? 20;
  const momentumPeriod = options.momentumPeriod ?? 14;
  const historyBars = Math.max(
    options.historyBars ?? 100,
    lookback + CONSISTENCY_DAYS,
    momentumPeriod + 1,
    RSI_PERIOD + 1,
  );
  return { lookback, momentumPeriod, historyBars, offExchange: options.offExchange };
}

/**
 * The metrics of clean rows (usable, one per date, oldest first) as columns the function may scale in
 * place; `barsAvailable` is the usable bars of the window read.
 */
function metricsOf(
  rows: { dates: readonly string[]; close: Float64Array; high: Float64Array; low: Float64Array; volume: Float64Array },
  barsAvailable: number,
  asOf: string,
  o: Resolved,
  flags: MetricFlag[],
): VolumeMetricsResult {
  const { lookback, momentumPeriod, historyBars } = o;
  const { dates, close, high, low, volume } = rows;
  const n = dates.length;
  const todayDate = dates[n - 1]!;
  const todayClose = close[n - 1]!;

  const age = tradingDayDistance(todayDate, asOf);
  if (age > 0)
    flags.push({
      code: 'stale_bars',
      message: `no bar for ${asOf}: metrics are from ${todayDate}, ${age} trading day(s) old`,
    });

  for (const split of detectSplitsOf(dates, close, volume, lookback)) {
    flags.push({ code: 'split_suspected', message: split.message });
    for (let j = 0; j < split.index; j++) {
      close[j] = close[j]! * split.priceFactor;
      high[j] = high[j]! * split.priceFactor;
      low[j] = low[j]! * split.priceFactor;
      volume[j] = volume[j]! / split.priceFactor;
    }
  }

  const priceSpan = Math.max(momentumPeriod + 1, RSI_PERIOD + 1);
  const offExchange =
    n < lookback + 1
      ? offExchangeWindow(typeof o.offExchange === 'function' ? o.offExchange() : o.offExchange, asOf, historyBars)
      : null;
  const proxy = offExchange && offExchange.length >= lookback + 1 ? offExchange : null;
  const basis: VolumeBasis = proxy ? 'off_exchange' : 'consolidated';
  let figures: VolumeFigures;
  if (proxy) {
    flags.push({
      code: 'volume_proxy',
      message: `volume figures from FINRA off-exchange volume (CNMS TotalVolume, ${proxy.length} sessions), a proxy: ${n} daily bar(s) held, the ${lookback}-day average needs ${lookback + 1}`,
    });
    const proxyDay = proxy[proxy.length - 1]!.date;
    const proxyAge = tradingDayDistance(proxyDay, asOf);
    if (proxyAge > 0)
      flags.push({
        code: 'stale_bars',
        message: `no off-exchange volume for ${asOf} yet: the volume figures are from ${proxyDay}, ${proxyAge} trading day(s) old`,
      });
    const hole = describeHole(proxy.slice(Math.max(0, proxy.length - lookback - CONSISTENCY_DAYS)));
    if (hole) flags.push({ code: 'data_hole', message: hole });
    figures = volumeFigures(
      Float64Array.from(proxy, (d) => d.volume),
      proxyDay,
      lookback,
      flags,
    );
  } else {
    const hole = describeDateHole(dates.slice(Math.max(0, n - Math.max(lookback + CONSISTENCY_DAYS, priceSpan))));
    if (hole) flags.push({ code: 'data_hole', message: hole });
    figures = volumeFigures(volume, todayDate, lookback, flags, { shortHistory: true });
  }

  const momentum = n > momentumPeriod ? close[n - 1]! / close[n - 1 - momentumPeriod]! - 1 : null;
  const rsi14 = lastDefined(wilderRsi(close, RSI_PERIOD));
  const atr14 = atrOf(high, low, close, flags);
  const volatility20 = realisedVolatility(close, flags);

  return {
    metrics: {
      date: todayDate,
      close: todayClose,
      volume: figures.volume,
      avgVolume20: finiteOrNull(figures.avgVolume20),
      volumeSpikeRatio: finiteOrNull(figures.volumeSpikeRatio),
      rsi14: finiteOrNull(rsi14),
      momentum: finiteOrNull(momentum),
      volumeConsistency: figures.volumeConsistency,
      atr14: finiteOrNull(atr14),
      volatility20: finiteOrNull(volatility20),
      barsAvailable,
      volumeBasis: basis,
    },
    flags,
  };
}

interface VolumeFigures {
  volume: number;
  avgVolume20: number | null;
  volumeSpikeRatio: number | null;
  volumeConsistency: number | null;
}

/** Average, spike and consistency of a volume series whose last entry is `day` (see the header). */
function volumeFigures(
  volume: Float64Array,
  day: string,
  lookback: number,
  flags: MetricFlag[],
  options: { shortHistory?: boolean } = {},
): VolumeFigures {
  const n = volume.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + volume[i]!;
  const meanBefore = (i: number): number | null =>
    i >= lookback ? (prefix[i]! - prefix[i - lookback]!) / lookback : null;

  let avgVolume20 = meanBefore(n - 1);
  if (avgVolume20 === null && options.shortHistory && n - 1 >= MIN_SHORT_HISTORY) {
    avgVolume20 = prefix[n - 1]! / (n - 1);
    flags.push({
      code: 'short_history',
      message: `${n} session(s) held (a new listing?): the volume average is over the ${n - 1} before ${day}, not ${lookback}`,
    });
  }
  let volumeSpikeRatio: number | null = null;
  if (avgVolume20 === null) {
    flags.push({ code: 'thin_history', message: `${n} bar(s) of history: the volume spike needs ${lookback + 1}` });
  } else if (avgVolume20 <= 0) {
    flags.push({ code: 'zero_volume', message: `no volume in the ${lookback} bars before ${day}: no spike ratio` });
  } else {
    volumeSpikeRatio = volume[n - 1]! / avgVolume20;
  }
  if (volume[n - 1] === 0) flags.push({ code: 'zero_volume', message: `no volume on ${day} (halted or not traded?)` });

  let volumeConsistency: number | null = null;
  if (n - CONSISTENCY_DAYS >= lookback) {
    let beat = 0;
    for (let d = n - CONSISTENCY_DAYS; d < n; d++) if (volume[d]! > meanBefore(d)!) beat++;
    volumeConsistency = beat / CONSISTENCY_DAYS;
  }
  return { volume: volume[n - 1]!, avgVolume20, volumeSpikeRatio, volumeConsistency };
}

/**
 * Wilder ATR(14) over the trailing run of bars with a consistent high and low; where that run is too short
 * but the closes are not (screener closes), close-to-close: a close-only bar's range is its close.
 */
function atrOf(high: Float64Array, low: Float64Array, close: Float64Array, flags: MetricFlag[]): number | null {
  const n = close.length;
  const full = (i: number) => Number.isFinite(high[i]!) && Number.isFinite(low[i]!) && high[i]! >= low[i]!;
  let run = 0;
  while (run < n && full(n - 1 - run)) run++;
  if (run > ATR_PERIOD)
    return lastDefined(wilderAtr(high.subarray(n - run), low.subarray(n - run), close.subarray(n - run), ATR_PERIOD));
  if (n <= ATR_PERIOD) return null;
  const span = ATR_PERIOD * 3;
  const from = Math.max(0, n - span);
  const h = new Float64Array(n - from);
  const l = new Float64Array(n - from);
  let closeOnly = 0;
  for (let i = from; i < n; i++) {
    const ok = full(i);
    if (!ok && i >= n - ATR_PERIOD - 1) closeOnly++;
    h[i - from] = ok ? high[i]! : close[i]!;
    l[i - from] = ok ? low[i]! : close[i]!;
  }
  flags.push({
    code: 'atr_close_to_close',
    message: `${closeOnly} of the last ${ATR_PERIOD + 1} bars have no high/low (closes only): ATR(${ATR_PERIOD}) is close-to-close, narrower than the true range`,
  });
  return lastDefined(wilderAtr(h, l, close.subarray(from), ATR_PERIOD));
}

/** Returns in the realised-volatility window, and the fewest a short history may use (flagged). */
export const VOLATILITY_RETURNS = 20;
const MIN_VOLATILITY_RETURNS = 10;

/**
 * Realised volatility: the sample standard deviation of the last 20 daily log returns of the close,
 * annualised by √252 (0.35 = 35% a year). Close to close by definition, so close-only bars need no flag;
 * a new listing with 10–19 returns gets the figure on what it has, flagged.
 */
function realisedVolatility(close: Float64Array, flags: MetricFlag[]): number | null {
  const returns = Math.min(VOLATILITY_RETURNS, close.length - 1);
  if (returns < MIN_VOLATILITY_RETURNS) return null;
  const r: number[] = [];
  for (let i = close.length - returns; i < close.length; i++) {
    const prev = close[i - 1]!;
    const now = close[i]!;
    if (prev > 0 && now > 0) r.push(Math.log(now / prev));
  }
  if (r.length < MIN_VOLATILITY_RETURNS) return null;
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  const variance = r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1);
  if (r.length < VOLATILITY_RETURNS)
    flags.push({
      code: 'short_history_volatility',
      message: `volatility on ${r.length} daily returns (a new listing): the full window is ${VOLATILITY_RETURNS}`,
    });
  return Math.sqrt(variance * 252);
}

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}
