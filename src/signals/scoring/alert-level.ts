// Alert level from the configured thresholds: the highest level (high, medium, low) whose every
// condition holds. A condition whose input is missing is skipped, and the notes say which and why,
// because "no sentiment" must not silently block (or silently pass) an alert. The score itself is
// never skipped: a missing score never passes.
import type { Config } from '../../config/schema';
import type { AlertLevel, ShortInterestMetrics, SymbolMetrics } from '../metric-types';
import { finiteOrNull } from './normalise';

export type LevelThresholds = Config['alerting']['thresholds'];
export type LevelCondition = 'squeeze_score' | 'min_volume_spike' | 'min_finra_si_percent' | 'min_sentiment';

export interface LevelInput {
  /** null (or non-finite) when nothing could be scored */
  score: number | null;
  /**
   * The short-interest report the score used (usableShortInterest), null when none was recent enough, so the
   * condition and the score agree on whether a report counts. When absent, any report in the metrics counts.
   */
  shortInterest?: ShortInterestMetrics | null;
}

/** One condition of one level as the decision read it. */
export interface LevelCheck {
  condition: LevelCondition;
  /** null when the input is missing: the condition is skipped (counts as held) */
  value: number | null;
  threshold: number;
  holds: boolean;
}

export interface LevelOutcome {
  level: AlertLevel | null;
  /** one note per condition skipped for lack of input, e.g. "min_sentiment skipped: no sentiment data" */
  notes: string[];
  /** the level above the one decided (low when none was) and its checks; null at high */
  next: { level: AlertLevel; checks: LevelCheck[] } | null;
}

const LEVELS: readonly AlertLevel[] = ['high', 'medium', 'low'];

/** A condition's input, or why it is missing (becomes the skip note). */
type Reading = { value: number } | { skip: string };

function read(x: number | null | undefined, why: string): Reading {
  const v = finiteOrNull(x);
  return v == null ? { skip: why } : { value: v };
}

/**
 * SI % of float. When the float is unknown we skip rather than convert days to cover into a
 * percentage: there is no honest conversion, and the score already used days to cover instead.
 */
function readShortInterest(m: SymbolMetrics, usable: LevelInput['shortInterest']): Reading {
  const si = m.shortInterest;
  if (!si) return { skip: 'no short-interest report' };
  // a report with a % of float the score could not use was past finra_max_age_days (or dated ahead)
  if (usable === null && finiteOrNull(si.percentOfFloat) != null) {
    return { skip: `short-interest report is ${si.ageDays} days old, outside finra_max_age_days` };
  }
  const dtc = finiteOrNull(si.daysToCover);
  const dtcText = dtc == null ? '' : ` (days to cover ${dtc.toFixed(1)} was not compared)`;
  return read(si.percentOfFloat, `float unknown, so short interest % of float is unknown${dtcText}`);
}

export const LEVEL_CONDITIONS: readonly LevelCondition[] = [
  'squeeze_score',
  'min_volume_spike',
  'min_finra_si_percent',
  'min_sentiment',
];

export function alertLevel(score: LevelInput, metrics: SymbolMetrics, thresholds: LevelThresholds): LevelOutcome {
  const readings: Record<Exclude<LevelCondition, 'squeeze_score'>, Reading> = {
    min_volume_spike: read(metrics.volume?.volumeSpikeRatio, 'no volume spike ratio (no bars or too little history)'),
    min_finra_si_percent: readShortInterest(metrics, score.shortInterest),
    min_sentiment: read(metrics.transient?.sentiment24h, 'no sentiment data'),
  };
  const notes = Object.entries(readings).flatMap(([name, r]) => ('skip' in r ? [`${name} skipped: ${r.skip}`] : []));
  const s = finiteOrNull(score.score);

  // the checks decide the level and are what the explanation prints: the two cannot disagree
  const checksOf = (level: AlertLevel): LevelCheck[] =>
    LEVEL_CONDITIONS.map((condition) => {
      const threshold = thresholds[level][condition];
      if (condition === 'squeeze_score') return { condition, value: s, threshold, holds: s != null && s >= threshold };
      const r = readings[condition];
      return 'skip' in r
        ? { condition, value: null, threshold, holds: true }
        : { condition, value: r.value, threshold, holds: r.value >= threshold };
    });

  const decided = s == null ? -1 : LEVELS.findIndex((level) => checksOf(level).every((c) => c.holds));
  const level = decided < 0 ? null : LEVELS[decided]!;
  const above = decided < 0 ? LEVELS.at(-1)! : decided > 0 ? LEVELS[decided - 1]! : null;
  return { level, notes, next: above ? { level: above, checks: checksOf(above) } : null };
}

/**
 * What each condition compares, in words: the engine's own names, so they live with it; the label table
 * (src/present/labels) re-exports them for every view, and the stored "needs" line reads the same.
 */
export const CONDITION_LABEL: Readonly<Record<LevelCondition, string>> = {
  squeeze_score: 'score',
  min_volume_spike: 'volume spike',
  min_finra_si_percent: 'short interest % of float',
  min_sentiment: 'sentiment',
};
const LABEL = CONDITION_LABEL;

/** The shown value with enough digits that a failed check never reads as "0.80 ≥ 0.80". */
function shown(c: LevelCheck, value: number): [string, string] {
  const pct = c.condition === 'min_finra_si_percent';
  const base = c.condition === 'min_volume_spike' ? 1 : pct ? 0 : 2;
  const fmt = (x: number, d: number) => (pct ? `${(x * 100).toFixed(d)}%` : x.toFixed(d));
  const t = fmt(c.threshold, base);
  for (let d = base; d <= base + 6; d++) {
    const v = fmt(value, d);
    const looksEqual = Number.parseFloat(v) === Number.parseFloat(fmt(c.threshold, d));
    if (c.holds || !looksEqual) return [v, t];
  }
  return [fmt(value, base + 6), t];
}

/** e.g. "high needs: score 0.80 ≥ 0.80 ✓, volume spike 2.1 ≥ 3.0 ✗, short interest % of float skipped, sentiment skipped" */
export function nextLevelText(outcome: Pick<LevelOutcome, 'next'>): string | null {
  if (!outcome.next) return null;
  const parts = outcome.next.checks.map((c) => {
    if (c.value === null)
      return c.condition === 'squeeze_score' ? `${LABEL[c.condition]} missing ✗` : `${LABEL[c.condition]} skipped`;
    const [v, t] = shown(c, c.value);
    return `${LABEL[c.condition]} ${v} ≥ ${t} ${c.holds ? '✓' : '✗'}`;
  });
  return `${outcome.next.level} needs: ${parts.join(', ')}`;
}
