import { endOfDayIso, type AsOf } from '../../market/as-of';
import type { Db } from '../client';
import { scrubSecrets } from '../../shared/secrets';

// Scheduled job runs. Hot paths (start/finish of a run, the /status and health reads) are prepared
// statements over the (job, started_at) index, so monitoring stays a few microseconds a query.

export type JobRunStatus = 'running' | 'ok' | 'skipped' | 'pending' | 'failed' | 'timeout' | 'interrupted';
export type JobTrigger = 'schedule' | 'retry' | 'catch_up' | 'manual';

export interface JobRunRow {
  id: number;
  job: string;
  trigger: JobTrigger;
  forDate: string;
  startedAt: string;
  finishedAt: string | null;
  status: JobRunStatus;
  error: string | null;
  stats: Record<string, unknown> | null;
}

interface RawRow {
  id: number;
  job: string;
  trigger: string;
  for_date: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  error: string | null;
  stats: string | null;
}

const COLUMNS = 'id, job, trigger, for_date, started_at, finished_at, status, error, stats';

function toRow(r: RawRow): JobRunRow {
  return {
    id: r.id,
    job: r.job,
    trigger: r.trigger as JobTrigger,
    forDate: r.for_date,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status as JobRunStatus,
    error: r.error,
    stats: r.stats ? (JSON.parse(r.stats) as Record<string, unknown>) : null,
  };
}

/** Statuses that mean the job did what its occurrence asked (skipped: nothing to do). */
export const SUCCESS_STATUSES: readonly JobRunStatus[] = ['ok', 'skipped'];

export function createJobRunsRepo(db: Db) {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `INSERT INTO job_runs (job, trigger, for_date, started_at, status) VALUES (?, ?, ?, ?, 'running')`,
  );
  const finish = sqlite.prepare(`UPDATE job_runs SET finished_at = ?, status = ?, error = ?, stats = ? WHERE id = ?`);
  const interrupt = sqlite.prepare(
    `UPDATE job_runs SET finished_at = ?, status = 'interrupted', error = 'the process stopped during the run' WHERE status = 'running'`,
  );
  const last = sqlite.prepare(
    `SELECT ${COLUMNS} FROM job_runs WHERE job = ? ORDER BY started_at DESC, id DESC LIMIT 1`,
  );
  const lastBy = sqlite.prepare(
    `SELECT ${COLUMNS} FROM job_runs WHERE job = ? AND started_at <= ? ORDER BY started_at DESC, id DESC LIMIT 1`,
  );
  const lastSuccess = sqlite.prepare(
    `SELECT ${COLUMNS} FROM job_runs WHERE job = ? AND status IN ('ok', 'skipped') ORDER BY started_at DESC, id DESC LIMIT 1`,
  );
  const okFor = sqlite.prepare(`SELECT 1 FROM job_runs WHERE job = ? AND for_date = ? AND status = 'ok' LIMIT 1`);
  const triedFor = sqlite.prepare(
    `SELECT 1 FROM job_runs WHERE job = ? AND for_date = ? AND status != 'running' LIMIT 1`,
  );
  const recent = sqlite.prepare(
    `SELECT ${COLUMNS} FROM job_runs WHERE job = ? AND status != 'running' ORDER BY started_at DESC, id DESC LIMIT ?`,
  );
  const since = sqlite.prepare(`SELECT ${COLUMNS} FROM job_runs WHERE started_at >= ? ORDER BY started_at, id`);

  return {
    start(job: string, trigger: JobTrigger, forDate: string, startedAt: Date): number {
      return Number(insert.run(job, trigger, forDate, startedAt.toISOString()).lastInsertRowid);
    },
    finish(
      id: number,
      r: {
        status: Exclude<JobRunStatus, 'running'>;
        finishedAt: Date;
        error?: string | null;
        stats?: Record<string, unknown> | null;
      },
    ): void {
      finish.run(
        r.finishedAt.toISOString(),
        r.status,
        r.error == null ? null : scrubSecrets(r.error),
        r.stats ? scrubSecrets(JSON.stringify(r.stats)) : null,
        id,
      );
    },
    /** Closes the rows a crash left 'running'; returns how many. */
    interruptRunning(at: Date): number {
      return interrupt.run(at.toISOString()).changes;
    },
    /** The newest run of `job`; with `asOf`, the newest one started by the end of that day. */
    last: (job: string, asOf?: AsOf): JobRunRow | null => {
      const r = (asOf ? lastBy.get(job, endOfDayIso(asOf)) : last.get(job)) as RawRow | undefined;
      return r ? toRow(r) : null;
    },
    lastSuccess: (job: string): JobRunRow | null => {
      const r = lastSuccess.get(job) as RawRow | undefined;
      return r ? toRow(r) : null;
    },
    /** Did `job` finish 'ok' for the market date `forDate`? (the scan waits on this for its inputs) */
    succeededFor: (job: string, forDate: string): boolean => okFor.get(job, forDate) !== undefined,
    /** Has a run of `job` for `forDate` finished, whatever its outcome? */
    attemptedFor: (job: string, forDate: string): boolean => triedFor.get(job, forDate) !== undefined,
    /** The newest finished runs of a job, newest first. */
    recent: (job: string, limit: number): JobRunRow[] => (recent.all(job, limit) as RawRow[]).map(toRow),
    /** Every run started at or after `from`, oldest first (tests, /jobs history). */
    since: (from: Date): JobRunRow[] => (since.all(from.toISOString()) as RawRow[]).map(toRow),
  };
}

export type JobRunsRepo = ReturnType<typeof createJobRunsRepo>;
