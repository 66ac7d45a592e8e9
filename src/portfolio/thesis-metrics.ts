import type { ScoreResult, SymbolMetrics } from '../signals/metric-types';

// The few figures a squeeze thesis rests on, taken from the same metrics and score /ticker shows
// (src/chat/ticker-snapshot.ts), so "then" at /buy and "now" at /dips are computed the same way.

export const THESIS_KEYS = [
  'volume_multiple',
  'si_pct_float',
  'days_to_cover',
  'short_ratio_z',
  'score',
  'fuel',
  'trigger',
] as const;
export type ThesisKey = (typeof THESIS_KEYS)[number];
export type ThesisSnapshot = Record<ThesisKey, number | null>;

const finite = (x: number | null | undefined): number | null => (x != null && Number.isFinite(x) ? x : null);

export function thesisMetricsOf(
  metrics: SymbolMetrics,
  score: Pick<ScoreResult, 'score' | 'fuel' | 'trigger'>,
): ThesisSnapshot {
  return {
    volume_multiple: finite(metrics.volume?.volumeSpikeRatio),
    si_pct_float: finite(metrics.shortInterest?.percentOfFloat),
    days_to_cover: finite(metrics.shortInterest?.daysToCover),
    short_ratio_z: finite(metrics.shortVolume?.shortRatioZ60),
    score: finite(score.score),
    fuel: finite(score.fuel),
    trigger: finite(score.trigger),
  };
}

/** A stored JSON object back to a snapshot: unknown keys dropped, missing ones null. */
export function asThesisSnapshot(raw: Record<string, number | null> | null | undefined): ThesisSnapshot | null {
  if (!raw) return null;
  return Object.fromEntries(THESIS_KEYS.map((k) => [k, finite(raw[k])])) as ThesisSnapshot;
}
