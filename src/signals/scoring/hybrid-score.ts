// The hybrid squeeze score (seed 000): each input normalised to 0..1 (normalise.ts), weighted by the
// with_finra set when a usable short-interest report exists, else by volume_only, with the weights
// renormalised over the inputs actually present. Missing is normal (no options data, no float), so a
// missing input hands its weight to the rest instead of counting as zero; `missing` records which.
import type { Config } from '../../config/schema';
import type { ScoreComponent, ScoreResult, ShortInterestMetrics, SymbolMetrics } from '../metric-types';
import { alertLevel } from './alert-level';
import { readInput, usableShortInterest, type ScoreInput } from './score-inputs';
import { fuelScore, triggerScore } from './sub-scores';

export type WeightSetName = ScoreResult['weightSet'];

export interface WeightSetChoice {
  name: WeightSetName;
  weights: Record<string, number>;
  /** the report the score may use; null under volume_only */
  shortInterest: ShortInterestMetrics | null;
}

/** with_finra when a report published within finra_max_age_days (inclusive) gives a usable figure. */
export function chooseWeightSet(metrics: SymbolMetrics, config: Config): WeightSetChoice {
  const scoring = config.deep_scan.hybrid_scoring;
  const si = usableShortInterest(metrics, config.deep_scan.metrics.finra_max_age_days);
  return si
    ? { name: 'with_finra', weights: scoring.with_finra.weights, shortInterest: si }
    : { name: 'volume_only', weights: scoring.volume_only.weights, shortInterest: null };
}

export interface WeightedScore {
  /** 0..1; null when no input with a positive weight was present */
  score: number | null;
  /** sorted by contribution, largest first */
  components: ScoreComponent[];
  /** weight keys whose input was missing or unknown, in config order */
  missing: string[];
}

/**
 * Σ weight·normalised over the present inputs, weights divided by their present total so they sum
 * to 1. A weight that is not a positive finite number takes no share (a 0 in config switches an input
 * off). Exported for any weighted 0..1 score over the same inputs (e.g. the volume detector's weights).
 */
export function weightedScore(
  weights: Record<string, number>,
  read: (key: string) => ScoreInput | null,
): WeightedScore {
  const present: { key: string; input: ScoreInput; w: number }[] = [];
  const missing: string[] = [];
  for (const [key, w] of Object.entries(weights)) {
    const input = read(key);
    if (input) present.push({ key, input, w: Number.isFinite(w) && w > 0 ? w : 0 });
    else missing.push(key);
  }
  const total = present.reduce((acc, p) => acc + p.w, 0);
  const components = present.map(({ key, input, w }): ScoreComponent => {
    const weight = total > 0 ? w / total : 0;
    return {
      name: key,
      ...(input.basis ? { basis: input.basis } : {}),
      raw: input.raw,
      normalised: input.normalised,
      weight,
      contribution: weight * input.normalised,
    };
  });
  components.sort((a, b) => b.contribution - a.contribution || b.weight - a.weight || a.name.localeCompare(b.name));
  const sum = components.reduce((acc, c) => acc + c.contribution, 0);
  return { score: total > 0 ? Math.min(1, Math.max(0, sum)) : null, components, missing };
}

export function scoreSymbol(metrics: SymbolMetrics, config: Config): ScoreResult {
  const set = chooseWeightSet(metrics, config);
  const { score, components, missing } = weightedScore(set.weights, (key) =>
    readInput(key, metrics, set.shortInterest),
  );
  const { level, notes } = alertLevel({ score, weightSet: set.name }, metrics, config.alerting.thresholds);
  return {
    symbol: metrics.symbol,
    asOf: metrics.asOf,
    // ScoreResult.score is a number: nothing to score reads as 0, and `level` is null via alertLevel
    score: score ?? 0,
    fuel: fuelScore(set.shortInterest),
    trigger: triggerScore(metrics),
    weightSet: set.name,
    components,
    missing,
    level,
    levelNotes: notes,
  };
}

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));

/**
 * The explanation a user reads: the top contributing components with their values, e.g.
 * "volume_spike 6.20 → 0.79 × 0.45 = 0.357". Components are already sorted by contribution.
 */
export function topContributors(result: Pick<ScoreResult, 'components'>, n = 3): string[] {
  return result.components
    .filter((c) => c.contribution > 0)
    .slice(0, n)
    .map((c) => {
      const basis = c.basis ? ` (${c.basis})` : '';
      return `${c.name}${basis} ${fmt(c.raw)} → ${c.normalised.toFixed(2)} × ${c.weight.toFixed(2)} = ${c.contribution.toFixed(3)}`;
    });
}
