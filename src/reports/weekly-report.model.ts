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

/** One level's alerts of an earlier week and what followed; filled by the learning tracker. */
export interface AlertPerformanceRow {
  level: string;
  alerts: number;
  /** median return after the alert, as a fraction */
  medianReturn: number | null;
  /** share of alerts followed by a move the tracker counts as a hit */
  hitRate: number | null;
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
      ? 'Alerts of earlier weeks and what followed, from the learning tracker.'
      : 'How earlier weeks\' alerts performed comes with the learning tracker (its own issue): no outcomes are recorded yet.',
  };
}
