import { OUTCOME_ORDER, type OutcomeCategory } from './outcome';

// /performance as data (pure): success rates and average returns by alert level and by score bucket,
// outcome categories, the best and worst calls, and alert feedback (Useful / Not useful) beside the
// outcomes of the same alerts. Rows of one origin only: the caller never mixes live and backtest.

export interface TrackedRow {
  id: string;
  symbol: string;
  asOf: string;
  reason: 'alert' | 'ranked';
  level: string | null;
  score: number;
  return1d: number | null;
  return7d: number | null;
  return30d: number | null;
  lastReturn: number | null;
  peakReturn: number | null;
  daysToPeak: number | null;
  daysTracked: number;
  outcome: OutcomeCategory | null;
  success: boolean | null;
  failure: boolean | null;
  /** the alert's feedback: 1 useful, 0 not useful, null no answer or not an alert */
  feedback: number | null;
}

export interface GroupStats {
  label: string;
  n: number;
  /** rows with at least one close after discovery */
  measured: number;
  successRate: number | null;
  failureRate: number | null;
  avg1d: number | null;
  avg7d: number | null;
  avg30d: number | null;
  avgPeak: number | null;
}

export interface FeedbackStats {
  label: 'Useful' | 'Not useful' | 'no answer';
  n: number;
  successRate: number | null;
  avgPeak: number | null;
}

export interface PerformanceModel {
  total: number;
  alerts: number;
  ranked: number;
  measured: number;
  byLevel: GroupStats[];
  byScore: GroupStats[];
  outcomes: { category: OutcomeCategory; n: number }[];
  /** by peak return, rows that rose at all */
  best: TrackedRow[];
  /** by latest return, rows below their discovery price */
  worst: TrackedRow[];
  feedback: FeedbackStats[];
}

export const SCORE_BUCKETS: [lo: number, label: string][] = [
  [0.8, '≥ 0.80'],
  [0.6, '0.60–0.80'],
  [0.4, '0.40–0.60'],
  [-Infinity, '< 0.40'],
];
const LEVELS = ['high', 'medium', 'low'];

export function performanceModel(rows: readonly TrackedRow[], top = 5): PerformanceModel {
  const alerts = rows.filter((r) => r.reason === 'alert');
  const measured = rows.filter(isMeasured);
  const byLevel = [
    ...LEVELS.map((l) =>
      stats(
        `${l} alert`,
        alerts.filter((r) => r.level === l),
      ),
    ),
    stats(
      'ranked, no alert',
      rows.filter((r) => r.reason === 'ranked'),
    ),
  ].filter((g) => g.n > 0);
  const byScore = SCORE_BUCKETS.map(([lo, label], i) => {
    const hi = i === 0 ? Infinity : SCORE_BUCKETS[i - 1]![0];
    return stats(
      label,
      rows.filter((r) => r.score >= lo && r.score < hi),
    );
  }).filter((g) => g.n > 0);
  const outcomes = OUTCOME_ORDER.map((category) => ({
    category,
    n: rows.filter((r) => r.outcome === category).length,
  })).filter((o) => o.n > 0);
  const best = measured
    .filter((r) => r.peakReturn! > 0)
    .sort((a, b) => b.peakReturn! - a.peakReturn! || a.asOf.localeCompare(b.asOf))
    .slice(0, top);
  const worst = measured
    .filter((r) => r.lastReturn! < 0)
    .sort((a, b) => a.lastReturn! - b.lastReturn! || a.asOf.localeCompare(b.asOf))
    .slice(0, top);
  const fb = (label: FeedbackStats['label'], of: TrackedRow[]): FeedbackStats => {
    const m = of.filter(isMeasured);
    return {
      label,
      n: of.length,
      successRate: rate(m, (r) => r.success === true),
      avgPeak: mean(m.map((r) => r.peakReturn)),
    };
  };
  const feedback = [
    fb(
      'Useful',
      alerts.filter((r) => r.feedback === 1),
    ),
    fb(
      'Not useful',
      alerts.filter((r) => r.feedback === 0),
    ),
    fb(
      'no answer',
      alerts.filter((r) => r.feedback === null),
    ),
  ].filter((f) => f.n > 0);
  return {
    total: rows.length,
    alerts: alerts.length,
    ranked: rows.length - alerts.length,
    measured: measured.length,
    byLevel,
    byScore,
    outcomes,
    best,
    worst,
    feedback,
  };
}

function isMeasured(r: TrackedRow): boolean {
  return r.lastReturn !== null && r.peakReturn !== null;
}

export function stats(label: string, rows: readonly TrackedRow[]): GroupStats {
  const m = rows.filter(isMeasured);
  return {
    label,
    n: rows.length,
    measured: m.length,
    successRate: rate(m, (r) => r.success === true),
    failureRate: rate(m, (r) => r.failure === true),
    avg1d: mean(rows.map((r) => r.return1d)),
    avg7d: mean(rows.map((r) => r.return7d)),
    avg30d: mean(rows.map((r) => r.return30d)),
    avgPeak: mean(m.map((r) => r.peakReturn)),
  };
}

function rate<T>(rows: readonly T[], pass: (r: T) => boolean): number | null {
  return rows.length ? rows.filter(pass).length / rows.length : null;
}

export function mean(xs: readonly (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}
