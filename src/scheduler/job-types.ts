import type { JobRunStatus, JobTrigger } from '../db/repos/job-runs.repo';
import type { Logger } from '../shared/logger';
import type { ScheduleRule } from './schedule-rule';

// What a scheduled job is. The job table (job-table.ts) builds these from config; the scheduler
// (scheduler.ts) only knows this shape, so tests give it jobs of their own.

/** ok: done; skipped: nothing to do (not configured, already held); pending: the data is not out yet. */
export interface JobOutcome {
  status: 'ok' | 'skipped' | 'pending';
  stats?: Record<string, unknown>;
  /** why it skipped or is pending, for /jobs */
  note?: string;
}

export interface JobContext {
  now: Date;
  /** the market date (in the job's zone) of the occurrence this run serves */
  forDate: string;
  trigger: JobTrigger;
  /** aborted when the run times out or the process stops */
  signal: AbortSignal;
  log: Logger;
}

export interface JobSpec {
  name: string;
  /** one line for /jobs */
  description: string;
  rule: ScheduleRule;
  timeoutMs: number;
  enabled: boolean;
  /** shown in /jobs when disabled ('no quote source: set POLYGON_API_KEY') */
  disabledReason?: string;
  /** on start, run once if the last successful run is older than the last occurrence */
  catchUp: boolean;
  /** a run that is pending or failed is tried again every `everyMs` until `until` (HH:MM) of its market date */
  retry?: { everyMs: number; until: string };
  /**
   * Publication-driven jobs: after a run that did not succeed, also due at this rule's occurrences
   * (the following trading days) until one succeeds.
   */
  retryRule?: ScheduleRule;
  /** jobs that must have succeeded for the same market date first; waited for until `retry.until` */
  after?: string[];
  run(ctx: JobContext): Promise<JobOutcome>;
}

export interface JobState {
  name: string;
  description: string;
  enabled: boolean;
  disabledReason?: string;
  schedule: string;
  nextAt: Date | null;
  nextTrigger: JobTrigger | null;
  running: { since: Date; trigger: JobTrigger } | null;
  /** jobs it is waiting for before it starts */
  waitingFor: string[];
  last: {
    status: JobRunStatus;
    startedAt: string;
    finishedAt: string | null;
    error: string | null;
    note?: string;
  } | null;
}

/** A run's final status is a failure for health rules and retries. */
export const FAILED_STATUSES: readonly JobRunStatus[] = ['failed', 'timeout', 'interrupted'];
