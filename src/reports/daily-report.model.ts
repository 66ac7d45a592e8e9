import type { Freshness } from '../signals/freshness';
import type { FunnelStage, TimedRun } from '../present/funnel-view';
import { compareScores, type ComparedName, type ScoreRowInput } from './score-row';

// The daily report as data (issue 5): the top scores with trend arrows against the previous scored
// session, the names new to the ranking, the day's alerts, the funnel of the day's newest run and how
// fresh each dataset is. Pure: the caller reads the store and passes the time; renderers
// (text, HTML, CSV) only format this.

export interface ReportAlert {
  id: number;
  kind: string;
  symbol: string | null;
  severity: string;
  score: number | null;
  title: string;
  createdAt: string;
  acked: boolean;
}

export interface ReportFunnel {
  run: TimedRun;
  stages: FunnelStage[];
}

export interface DailyReportInput {
  asOf: string;
  generatedAt: string;
  /** scores of `asOf`, ranked ones first by rank */
  today: readonly ScoreRowInput[];
  /** the newest day before asOf with scores (normally the previous trading day), and its scores */
  previousDay: string | null;
  previous: readonly ScoreRowInput[];
  alerts: readonly ReportAlert[];
  funnel: ReportFunnel | null;
  freshness: readonly Freshness[];
  topN: number;
}

export interface DailyReport {
  kind: 'daily';
  asOf: string;
  generatedAt: string;
  previousDay: string | null;
  /** the first topN of the ranking */
  top: ComparedName[];
  /** the whole ranking of the day (the CSV has one row per name) */
  ranked: ComparedName[];
  /** ranked today, not ranked on previousDay */
  newCandidates: ComparedName[];
  /** symbols scored on asOf (ranked or not) */
  scoredCount: number;
  alerts: ReportAlert[];
  funnel: ReportFunnel | null;
  freshness: Freshness[];
  staleDatasets: string[];
}

/** Ranked rows, in rank order; a day scored without ranks falls back to score order. */
export function rankedRows(rows: readonly ScoreRowInput[]): ScoreRowInput[] {
  const ranked = rows.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
  return ranked.length ? ranked : [...rows].sort((a, b) => b.score - a.score);
}

export function buildDailyReport(input: DailyReportInput): DailyReport {
  const ranked = compareScores(rankedRows(input.today), input.previous);
  const rankedBefore = new Set(input.previous.filter((r) => r.rank !== null).map((r) => r.symbol));
  return {
    kind: 'daily',
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    previousDay: input.previousDay,
    top: ranked.slice(0, input.topN),
    ranked,
    newCandidates: input.previousDay === null ? [] : ranked.filter((r) => !rankedBefore.has(r.symbol)),
    scoredCount: input.today.length,
    alerts: [...input.alerts],
    funnel: input.funnel,
    freshness: [...input.freshness],
    staleDatasets: input.freshness.filter((f) => f.stale).map((f) => f.dataset),
  };
}
