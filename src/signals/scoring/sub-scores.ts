// The two sub-scores users see next to the squeeze score. Both are weighted means of 0..1 transforms
// (normalise.ts), renormalised over the parts present, so a missing part never counts as zero.
import type { ShortInterestMetrics, SymbolMetrics } from '../metric-types';
import {
  normDaysToCover,
  normMomentum,
  normRsi,
  normShortInterestChange,
  normShortPercentFloat,
  normShortRatioZ,
  normVolumeSpike,
} from './normalise';

/**
 * fuel = how much could be squeezed, from the usable short-interest report only:
 *   0.5 · norm(% of float) + 0.3 · norm(days to cover) + 0.2 · norm(SI change), over the parts present.
 * % of float leads because it is the size of the position relative to what trades; days to cover says
 * how hard the exit is; a rising SI adds fuel. The change only counts next to a level: "+50%" of a
 * tiny position is no fuel, so with neither % of float nor days to cover, fuel is null.
 */
export const FUEL_WEIGHTS = { percentOfFloat: 0.5, daysToCover: 0.3, change: 0.2 } as const;

/**
 * trigger = is it starting, from bars and short volume:
 *   0.4 · norm(volume spike) + 0.25 · norm(momentum) + 0.2 · norm(RSI) + 0.15 · norm(short-ratio z),
 * over the parts present; null when all four are missing. Volume leads: squeezes begin with buyers
 * showing up in size; price confirms it; a short-ratio jump says shorts are leaning in against the move.
 */
export const TRIGGER_WEIGHTS = { volumeSpike: 0.4, momentum: 0.25, rsi: 0.2, shortRatioZ: 0.15 } as const;

/** Weighted mean over the parts whose value is not null; null when none is present. */
export function weightedMean(parts: ReadonlyArray<readonly [weight: number, value: number | null]>): number | null {
  let sumW = 0;
  let sum = 0;
  for (const [w, v] of parts) {
    if (v == null || !(w > 0)) continue;
    sumW += w;
    sum += w * v;
  }
  return sumW > 0 ? Math.min(1, Math.max(0, sum / sumW)) : null;
}

/** `si` is the usable report (usableShortInterest), so fuel and the weight set agree on what counts. */
export function fuelScore(si: ShortInterestMetrics | null): number | null {
  if (!si) return null;
  const pct = normShortPercentFloat(si.percentOfFloat);
  const dtc = normDaysToCover(si.daysToCover);
  if (pct == null && dtc == null) return null;
  return weightedMean([
    [FUEL_WEIGHTS.percentOfFloat, pct],
    [FUEL_WEIGHTS.daysToCover, dtc],
    [FUEL_WEIGHTS.change, normShortInterestChange(si.changePct)],
  ]);
}

export function triggerScore(m: SymbolMetrics): number | null {
  return weightedMean([
    [TRIGGER_WEIGHTS.volumeSpike, normVolumeSpike(m.volume?.volumeSpikeRatio)],
    [TRIGGER_WEIGHTS.momentum, normMomentum(m.volume?.momentum)],
    [TRIGGER_WEIGHTS.rsi, normRsi(m.volume?.rsi14)],
    [TRIGGER_WEIGHTS.shortRatioZ, normShortRatioZ(m.shortVolume?.shortRatioZ60)],
  ]);
}
