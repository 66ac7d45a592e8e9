// The hybrid squeeze score: one weight table (deep_scan.hybrid_scoring.weights), each input normalised to
// 0..1 (normalise.ts) and a missing input counted at its neutral prior (score-inputs.ts), so the weights
// never change with what is present. Adding an input therefore moves the score by exactly its weight share
// times its distance from neutral, and no report appearing or ageing out can swap a whole weight set (it
// did: one short-interest report moved AMC from 0.98 to 0.49 when weights were renormalised over the inputs
// present). Fuel and trigger are the same sum over each group's inputs, so
// score = fuel share · fuel + trigger share · trigger.
import { inputBasisLabel, scoreInputLabel } from './score-input-words';
import type { Config } from '../../config/schema';
import type { ScoreComponent, ScoreResult } from '../metric-types';
import type { SymbolMetrics } from '../metric-types';
import { alertLevel, nextLevelText } from './alert-level';
import { SCORE_INPUTS, readInput, usableShortInterest, type ReadContext, type ScoreInput } from './score-inputs';

export interface WeightedScore {
  /** 0..1; null when no known input has a positive weight */
  score: number | null;
  /** the fuel / trigger inputs' weighted mean (priors included); null when none of the group's inputs is present */
  fuel: number | null;
  trigger: number | null;
  /** every known weighted input, present ones first by contribution, then those at their prior */
  components: ScoreComponent[];
  /** weight keys whose input was missing (counted at its prior) or unknown, in config order */
  missing: string[];
}

/** A weight that is not a positive finite number takes no share (a 0 in config switches an input off). */
const share = (w: number): number => (Number.isFinite(w) && w > 0 ? w : 0);

/**
 * Σ share·value over the table's known inputs, value = the normalised input or, when missing, its prior;
 * shares are the weights over the table's total, the same whatever is present.
 */
export function weightedScore(
  weights: Readonly<Record<string, number>>,
  read: (key: string) => ScoreInput | null,
): WeightedScore {
  const known = Object.entries(weights).filter(([key]) => Object.hasOwn(SCORE_INPUTS, key));
  const total = known.reduce((acc, [, w]) => acc + share(w), 0);
  const missing: string[] = Object.keys(weights).filter((key) => !Object.hasOwn(SCORE_INPUTS, key));
  const components: ScoreComponent[] = [];
  const groups = { fuel: { w: 0, sum: 0, present: 0 }, trigger: { w: 0, sum: 0, present: 0 } };
  for (const [key, w] of known) {
    const spec = SCORE_INPUTS[key]!;
    const weight = total > 0 ? share(w) / total : 0;
    const got = read(key);
    if (!got) missing.push(key);
    const normalised = got ? got.normalised : spec.prior;
    const component: ScoreComponent = got
      ? { name: key, ...(got.basis ? { basis: got.basis } : {}), raw: got.raw, normalised, weight, contribution: 0 }
      : { name: key, raw: spec.prior, normalised, weight, contribution: 0, fromPrior: true };
    component.contribution = weight * normalised;
    components.push(component);
    const g = groups[spec.group];
    g.w += weight;
    g.sum += component.contribution;
    if (got && weight > 0) g.present++;
  }
  components.sort(
    (a, b) =>
      Number(a.fromPrior ?? false) - Number(b.fromPrior ?? false) ||
      b.contribution - a.contribution ||
      b.weight - a.weight ||
      a.name.localeCompare(b.name),
  );
  const sum = components.reduce((acc, c) => acc + c.contribution, 0);
  const sub = (g: { w: number; sum: number; present: number }) =>
    g.present > 0 && g.w > 0 ? clamp(g.sum / g.w) : null;
  return {
    score: total > 0 ? clamp(sum) : null,
    fuel: sub(groups.fuel),
    trigger: sub(groups.trigger),
    components,
    missing,
  };
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** What the readers need from config and the metrics besides the metrics themselves. */
export function readContext(metrics: SymbolMetrics, config: Config): ReadContext {
  return {
    shortInterest: usableShortInterest(metrics, config.deep_scan.metrics.finra_max_age_days),
    optionsMinVolume: config.deep_scan.metrics.options_min_volume,
  };
}

export function scoreSymbol(metrics: SymbolMetrics, config: Config): ScoreResult {
  const ctx = readContext(metrics, config);
  const { weights, held_at_prior: held } = config.deep_scan.hybrid_scoring;
  const { score, fuel, trigger, components, missing } = weightedScore(weights, (key) =>
    held.includes(key) ? null : readInput(key, metrics, ctx),
  );
  const outcome = alertLevel({ score, shortInterest: ctx.shortInterest }, metrics, config.alerting.thresholds);
  const { level } = outcome;
  // the next level's conditions first: the one line that says why the level is not higher
  const next = nextLevelText(outcome);
  const notes = next ? [next, ...outcome.notes] : outcome.notes;
  return {
    symbol: metrics.symbol,
    asOf: metrics.asOf,
    // ScoreResult.score is a number: nothing to score reads as 0, and `level` is null via alertLevel
    score: score ?? 0,
    fuel,
    trigger,
    weightSet: ctx.shortInterest ? 'with_finra' : 'volume_only',
    components,
    missing,
    level,
    levelNotes: notes,
  };
}

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));

/**
 * What drove a score: the measured components with a positive contribution, largest first. Inputs at their
 * prior are not drivers (they are what a typical stock would have). Every view of "top factors" reads this.
 */
export function drivers(components: readonly ScoreComponent[], n = 3): ScoreComponent[] {
  return components
    .filter((c) => c && typeof c.contribution === 'number' && c.contribution > 0 && !c.fromPrior)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, n);
}

/**
 * The explanation a user reads: the top drivers with their values, e.g.
 * "volume spike 6.20 → 0.79 × 0.15 = 0.118" (inputs in their words, score-input-words.ts).
 */
export function topContributors(result: Pick<ScoreResult, 'components'>, n = 3): string[] {
  return drivers(result.components, n).map((c) => {
    const basis = c.basis ? ` (${inputBasisLabel(c.basis)})` : '';
    return `${scoreInputLabel(c.name)}${basis} ${fmt(c.raw)} → ${c.normalised.toFixed(2)} × ${c.weight.toFixed(2)} = ${c.contribution.toFixed(3)}`;
  });
}

/**
 * The inputs a score had to count at their neutral prior, in one line for the card and /why, e.g.
 * "Missing inputs (counted as a typical stock): borrow fee, sentiment (24 h)"; null when nothing was missing.
 */
export function missingInputsLine(result: Pick<ScoreResult, 'missing'>): string | null {
  if (!result.missing.length) return null;
  return `Missing inputs (counted as a typical stock): ${result.missing.map(scoreInputLabel).join(', ')}`;
}
