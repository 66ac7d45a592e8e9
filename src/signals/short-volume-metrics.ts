// Short-volume metrics of one symbol as of one day, from FINRA's consolidated (CNMS) daily rows,
// oldest first, one per date. Pure; asOf is a parameter.
//
// - shortRatio: ShortVolume / TotalVolume of the newest day on or before asOf. TotalVolume is the
//   off-exchange (TRF/ADF) volume only, so this is a facility short ratio, not a market one, and market
//   makers' hedging keeps it near 40–50% for most names (FORMATS.md): it is read against the symbol's
//   own history, never a fixed level.
// - shortRatioZ60: that ratio's z-score against the ratios of the symbol's previous 60 rows (today
//   excluded, sample deviation); null with a flag under 20 rows of history or a flat history.
// - shortExemptShare: ShortExemptVolume / ShortVolume (ShortVolume already includes the exempt part).
// A day with TotalVolume 0 has no ratio: the metrics are null and the flag says why; such days are
// also left out of the history.
import type { MetricFlag, ShortVolumeMetrics } from './metric-types';
import type { ShortVolumeRow } from '../domain/short-data';
import { meanStd, visibleCount, zScore } from './indicators';
import { tradingDayDistance } from '../market/trading-calendar';

export interface ShortVolumeMetricsOptions {
  /** rows of history for the z-score; 60 */
  window?: number;
  /** fewer rows than this give no z-score; 20 */
  minHistory?: number;
}

export interface ShortVolumeMetricsResult {
  metrics: ShortVolumeMetrics | null;
  flags: MetricFlag[];
}

/** The facility short ratio of a row, or null when it has none (no volume, bad numbers). */
export function shortRatioOf(row: ShortVolumeRow): number | null {
  const { shortVolume: s, totalVolume: t } = row;
  if (!Number.isFinite(s) || !Number.isFinite(t) || t <= 0 || s < 0 || s > t) return null;
  return s / t;
}

export function computeShortVolumeMetrics(
  rows: readonly ShortVolumeRow[],
  asOf: string,
  options: ShortVolumeMetricsOptions = {},
): ShortVolumeMetricsResult {
  const window = options.window ?? 60;
  const minHistory = options.minHistory ?? 20;
  const flags: MetricFlag[] = [];

  const end = visibleCount(rows, asOf);
  if (end === 0) {
    flags.push({ code: 'no_short_volume', message: `no short-volume rows on or before ${asOf}` });
    return { metrics: null, flags };
  }
  const today = rows[end - 1]!;
  const age = tradingDayDistance(today.date, asOf);
  if (age > 0)
    flags.push({
      code: 'short_volume_stale',
      message: `no short-volume row for ${asOf}: using ${today.date}, ${age} trading day(s) old`,
    });

  const shortRatio = shortRatioOf(today);
  if (shortRatio === null) {
    const why =
      Number.isFinite(today.totalVolume) && today.totalVolume <= 0
        ? `TotalVolume is 0 on ${today.date}: no short ratio`
        : `short volume ${today.shortVolume} against total ${today.totalVolume} on ${today.date} is not a ratio`;
    flags.push({ code: today.totalVolume === 0 ? 'zero_total_volume' : 'invalid_short_volume', message: why });
    return { metrics: null, flags };
  }

  // The previous `window` rows with a usable ratio, newest first, stopping at the window's length.
  const history = new Float64Array(window);
  let count = 0;
  for (let i = end - 2; i >= 0 && count < window; i--) {
    const r = shortRatioOf(rows[i]!);
    if (r !== null) history[count++] = r;
  }

  let shortRatioZ60: number | null = null;
  if (count < minHistory) {
    flags.push({
      code: 'short_ratio_thin_history',
      message: `${count} day(s) of short-volume history: the z-score needs ${minHistory}`,
    });
  } else {
    shortRatioZ60 = zScore(shortRatio, meanStd(history, 0, count));
    if (shortRatioZ60 === null)
      flags.push({ code: 'short_ratio_flat', message: `the short ratio did not vary over ${count} days: no z-score` });
  }

  const exempt = today.shortExemptVolume;
  const shortExemptShare =
    exempt != null && Number.isFinite(exempt) && exempt >= 0 && today.shortVolume > 0
      ? Math.min(1, exempt / today.shortVolume)
      : null;

  return {
    metrics: {
      date: today.date,
      shortRatio,
      shortRatioZ60,
      shortExemptShare,
      daysOfHistory: count,
      shortVolume: today.shortVolume,
      totalVolume: today.totalVolume,
    },
    flags,
  };
}
