import { rankedRows } from './daily-report.model';
import { compareScores, scoredName, type ComparedName, type ScoredName, type ScoreRowInput } from './score-row';

// The weekly summary as data (issue 5): the top candidates at the week's last session against the
// session a week earlier, who entered and who left the ranking, the week's alerts counted by kind and
// level, and how earlier weeks' alerts did. The last part belongs to the learning tracker (its own
// issue): until outcomes exist the section says so instead of guessing. Pure.

export interface AlertCount {
  kind: string;
  severity: string;
  n: number;
}

/** One level's alerts of the four weeks before this one and what followed (the learning tracker's outcomes). */
export interface AlertPerformanceRow {
  level: string;
  alerts: number;
  /** alerts with at least one close since */
  measured: number;
  /** share of measured alerts the tracker counts as a success */
  successRate: number | null;
  /** mean return 7 days after the alert, a fraction */
  avgReturn7d: number | null;
  /** mean best return since the alert, a fraction */
  avgPeak: number | null;
}

export interface WeeklyReportInput {
  asOf: string;
  /** the first session of asOf's calendar week */
  weekStart: string;
  generatedAt: string;
  today: readonly ScoreRowInput[];
  /** the newest scored day a week before asOf, and its scores */
  weekAgoDay: string | null;
  weekAgo: readonly ScoreRowInput[];
  alertCounts: readonly AlertCount[];
  /** null until the learning tracker records outcomes */
  performance: readonly AlertPerformanceRow[] | null;
  topN: number;
}

export interface WeeklyReport {
  kind: 'weekly';
  asOf: string;
  weekStart: string;
  generatedAt: string;
  weekAgoDay: string | null;
  top: ComparedName[];
  /** ranked at asOf, not ranked a week earlier */
  entered: ComparedName[];
  /** ranked a week earlier, not ranked at asOf */
  left: ScoredName[];
  /** names in both rankings with the largest score change, largest first */
  movers: ComparedName[];
  alertCounts: AlertCount[];
  alertTotals: { squeeze: number; system: number };
  performance: AlertPerformanceRow[] | null;
  performanceNote: string;
}

export const LEVEL_ORDER = ['high', 'medium', 'low', 'emergency', 'critical', 'warning', 'info'];

export function buildWeeklyReport(input: WeeklyReportInput): WeeklyReport {
  const ranked = compareScores(rankedRows(input.today), input.weekAgo);
  const rankedBefore = rankedRows(input.weekAgo).filter((r) => r.rank !== null);
  const nowRanked = new Set(ranked.map((r) => r.symbol));
  const before = new Set(rankedBefore.map((r) => r.symbol));
  const counts = [...input.alertCounts].sort(
    (a, b) => a.kind.localeCompare(b.kind) || LEVEL_ORDER.indexOf(a.severity) - LEVEL_ORDER.indexOf(b.severity),
  );
  const total = (kind: string) => counts.filter((c) => c.kind === kind).reduce((s, c) => s + c.n, 0);
  return {
    kind: 'weekly',
    asOf: input.asOf,
    weekStart: input.weekStart,
    generatedAt: input.generatedAt,
    weekAgoDay: input.weekAgoDay,
    top: ranked.slice(0, input.topN),
    entered: input.weekAgoDay === null ? [] : ranked.filter((r) => !before.has(r.symbol)),
    left: rankedBefore.filter((r) => !nowRanked.has(r.symbol)).map(scoredName),
    movers: ranked
      .filter((r) => r.change !== null && before.has(r.symbol))
      .sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!))
      .slice(0, 5),
    alertCounts: counts,
    alertTotals: { squeeze: total('squeeze'), system: total('system') },
    performance: input.performance ? [...input.performance] : null,
    performanceNote: input.performance
      ? 'Squeeze alerts of the four weeks before this one and what followed, from the learning tracker.'
      : "How earlier weeks' alerts performed comes from the learning tracker: it has no tracked alerts from the four weeks before this one yet.",
  };
}
