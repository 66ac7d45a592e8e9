import type { Db } from '../client';
import type { StoredRun, StoredScore, StoredStage } from './pipeline-runs.repo';

// What the daily and weekly reports read: the newest live run of a day, the scores of a day in rank
// order, the alerts of a period and their counts by level. Plain prepared statements: a report reads
// a handful of rows, and the JSON columns are parsed once here so the models get objects.

export interface ReportAlertRow {
  id: number;
  kind: string;
  symbol: string | null;
  severity: string;
  score: number | null;
  asOf: string | null;
  title: string;
  createdAt: string;
  acked: boolean;
}

const RUN = `id, kind, status, as_of AS "asOf", started_at AS "startedAt", finished_at AS "finishedAt", health_score AS "healthScore",
  fallback_detected AS "fallbackDetected", error, summary`;
const SCORE = `as_of AS "asOf", symbol, run_id AS "runId", rank, score, fuel, "trigger", level, weight_set AS "weightSet", components,
  missing, level_notes AS "levelNotes", metrics, flags, source`;
const STAGE = `run_id AS "runId", seq, name, status, symbols_in AS "symbolsIn", symbols_out AS "symbolsOut", eliminated, criteria,
  elimination_reasons AS "eliminationReasons", duration_ms AS "durationMs", errors, fallback`;
// An alert belongs to the day it scored (as_of); system alerts carry none and belong to the day they were raised.
// alerts of the range's days raised by its end (a rebuild later raises none into it), as they stood then
const ALERT_WHERE = `(as_of BETWEEN @from AND @to OR (as_of IS NULL AND created_at >= @fromInstant)) AND created_at < @toInstant`;

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

export function createReportReadsRepo(db: Db) {
  const sqlite = db.$client;
  const runOfDay = sqlite.prepare(
    `SELECT ${RUN} FROM pipeline_runs WHERE kind = 'live' AND as_of = ? ORDER BY saved_seq DESC LIMIT 1`,
  );
  const stages = sqlite.prepare(`SELECT ${STAGE} FROM pipeline_stages WHERE run_id = ? ORDER BY seq`);
  const scores = sqlite.prepare(
    `SELECT ${SCORE} FROM symbol_scores WHERE as_of = ? ORDER BY rank IS NULL, rank, score DESC`,
  );
  const scoredDayBefore = sqlite.prepare('SELECT max(as_of) FROM symbol_scores WHERE as_of < ?').pluck();
  const alerts = sqlite.prepare(
    `SELECT id, kind, symbol, severity, score, as_of AS "asOf", title, created_at AS "createdAt", CASE WHEN acked_at < @toInstant THEN 1 ELSE 0 END AS acked
     FROM alerts WHERE ${ALERT_WHERE} ORDER BY created_at, id`,
  );
  const alertCounts = sqlite.prepare(
    `SELECT kind, severity, count(*) AS n FROM alerts WHERE ${ALERT_WHERE} GROUP BY kind, severity`,
  );

  return {
    /** The newest live run scored as of `day`. */
    runOfDay(day: string): StoredRun | undefined {
      const r = runOfDay.get(day) as Record<string, unknown> | undefined;
      return r
        ? ({ ...r, fallbackDetected: r.fallbackDetected === 1, summary: json(r.summary ?? null) } as StoredRun)
        : undefined;
    },
    stages(runId: string): StoredStage[] {
      return (stages.all(runId) as Record<string, unknown>[]).map(
        (r) =>
          ({
            ...r,
            criteria: json(r.criteria),
            eliminationReasons: json(r.eliminationReasons) ?? {},
            errors: json(r.errors) ?? [],
          }) as StoredStage,
      );
    },
    /** Every symbol scored as of `day`: ranked ones by rank, then the rest by score. */
    scoresOn(day: string): StoredScore[] {
      return (scores.all(day) as Record<string, unknown>[]).map(
        (r) =>
          ({
            ...r,
            components: json(r.components),
            missing: json(r.missing),
            levelNotes: json(r.levelNotes),
            metrics: json(r.metrics),
            flags: json(r.flags),
          }) as StoredScore,
      );
    },
    /** The newest day before `day` with scores (the previous session, or older after a gap). */
    scoredDayBefore(day: string): string | null {
      return (scoredDayBefore.get(day) as string | null) ?? null;
    },
    /** Alerts of the days [from, to]; `fromInstant`/`toInstant` bound the system alerts (which have no as_of). */
    alerts(range: AlertRange): ReportAlertRow[] {
      return (alerts.all(range) as (Omit<ReportAlertRow, 'acked'> & { acked: number })[]).map((a) => ({
        ...a,
        acked: a.acked === 1,
      }));
    },
    alertCounts(range: AlertRange): { kind: string; severity: string; n: number }[] {
      return alertCounts.all(range) as { kind: string; severity: string; n: number }[];
    },
  };
}

export interface AlertRange {
  from: string;
  to: string;
  fromInstant: string;
  toInstant: string;
}

export type ReportReadsRepo = ReturnType<typeof createReportReadsRepo>;
