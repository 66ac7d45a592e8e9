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

export interface LevelOutcome {
  level: AlertLevel | null;
  /** one note per condition skipped for lack of input, e.g. "min_sentiment skipped: no sentiment data" */
  notes: string[];
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

export function alertLevel(score: LevelInput, metrics: SymbolMetrics, thresholds: LevelThresholds): LevelOutcome {
  const readings: Record<Exclude<LevelCondition, 'squeeze_score'>, Reading> = {
    min_volume_spike: read(metrics.volume?.volumeSpikeRatio, 'no volume spike ratio (no bars or too little history)'),
    min_finra_si_percent: readShortInterest(metrics, score.shortInterest),
    min_sentiment: read(metrics.transient?.sentiment24h, 'no sentiment data'),
  };
  const notes = Object.entries(readings).flatMap(([name, r]) => ('skip' in r ? [`${name} skipped: ${r.skip}`] : []));

  const s = finiteOrNull(score.score);
  if (s == null) return { level: null, notes };

  for (const level of LEVELS) {
    const t = thresholds[level];
    const holds = (name: keyof typeof readings): boolean => {
      const r = readings[name];
      return 'skip' in r || r.value >= t[name];
    };
    if (s >= t.squeeze_score && holds('min_volume_spike') && holds('min_finra_si_percent') && holds('min_sentiment')) {
      return { level, notes };
    }
  }
  return { level: null, notes };
}
