// Which metric feeds which config weight key, after its 0..1 transform. One table, so the hybrid score,
// the sub-scores and the volume detector's weights (volume_spike_ratio, rsi, price_momentum,
// volume_consistency) all read a metric the same way.
import type { ShortInterestMetrics, SymbolMetrics } from '../metric-types';
import {
  finiteOrNull,
  normBorrowFee,
  normCallPutRatio,
  normDaysToCover,
  normMomentum,
  normRsi,
  normSentiment,
  normShortPercentFloat,
  normShortRatioZ,
  normVolumeConsistency,
  normVolumeSpike,
} from './normalise';

export interface ScoreInput {
  /** the metric in its own units */
  raw: number;
  /** after the documented transform, 0..1 */
  normalised: number;
  /** which metric fed the input when there is a choice (finra_short_interest) */
  basis?: 'percent_of_float' | 'days_to_cover' | 'off_exchange_proxy';
}

/**
 * A short-interest report the score may use: published no more than `maxAgeDays` calendar days ago
 * (a negative age would be a report from the future and is refused), and giving at least one figure
 * the finra_short_interest input can read. A report with neither % of float nor days to cover cannot
 * feed that input, so it counts as no report and the volume_only weights apply.
 */
export function usableShortInterest(m: SymbolMetrics, maxAgeDays: number): ShortInterestMetrics | null {
  const si = m.shortInterest;
  if (!si) return null;
  const age = finiteOrNull(si.ageDays);
  if (age == null || age < 0 || age > maxAgeDays) return null;
  if (finiteOrNull(si.percentOfFloat) == null && finiteOrNull(si.daysToCover) == null) return null;
  return si;
}

function input(raw: number | null | undefined, norm: (x: number) => number | null): ScoreInput | null {
  const r = finiteOrNull(raw);
  if (r == null) return null;
  const n = norm(r);
  return n == null ? null : { raw: r, normalised: n };
}

/**
 * finra_short_interest: % of float when the float is known (the direct measure of how much must be
 * bought back); otherwise days to cover on ADV20, named in `basis` so the explanation says which.
 */
export function shortInterestInput(si: ShortInterestMetrics | null): ScoreInput | null {
  if (!si) return null;
  const pct = input(si.percentOfFloat, normShortPercentFloat);
  if (pct) return { ...pct, basis: 'percent_of_float' };
  const dtc = input(si.daysToCover, normDaysToCover);
  return dtc ? { ...dtc, basis: 'days_to_cover' } : null;
}

type Reader = (m: SymbolMetrics, si: ShortInterestMetrics | null) => ScoreInput | null;

/** A volume input, named off_exchange_proxy when its figures are FINRA's off-exchange volume (volume-metrics.ts). */
const volumeInput =
  (read: (v: NonNullable<SymbolMetrics['volume']>) => number | null, norm: (x: number) => number | null): Reader =>
  (m) => {
    const got = m.volume ? input(read(m.volume), norm) : null;
    return got && m.volume?.volumeBasis === 'off_exchange' ? { ...got, basis: 'off_exchange_proxy' } : got;
  };
const volumeSpike = volumeInput((v) => v.volumeSpikeRatio, normVolumeSpike);

/** Weight key → reader. Keys not listed here are unknown: their component is reported missing. */
export const INPUT_READERS: Readonly<Record<string, Reader>> = {
  volume_spike: volumeSpike,
  volume_spike_ratio: volumeSpike, // the volume detector's name for the same metric
  finra_short_interest: (_m, si) => shortInterestInput(si),
  rsi: (m) => input(m.volume?.rsi14, normRsi),
  price_momentum: (m) => input(m.volume?.momentum, normMomentum),
  volume_consistency: volumeInput((v) => v.volumeConsistency, normVolumeConsistency),
  short_ratio_z: (m) => input(m.shortVolume?.shortRatioZ60, normShortRatioZ),
  sentiment_24h: (m) => input(m.transient?.sentiment24h, normSentiment),
  call_put_ratio: (m) => input(m.transient?.callPutRatio, normCallPutRatio),
  borrow_fee: (m) => input(m.transient?.borrowFeePct, normBorrowFee),
};

/** The input for one weight key; null when the key is unknown or its metric is missing. */
export function readInput(key: string, m: SymbolMetrics, si: ShortInterestMetrics | null): ScoreInput | null {
  const reader = Object.hasOwn(INPUT_READERS, key) ? INPUT_READERS[key] : undefined;
  return reader ? reader(m, si) : null;
}
