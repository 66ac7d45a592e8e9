import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Dataset } from '../../domain/market-data';
import type { CircuitState } from '../../domain/provider-calls';

// What the bot knows about its own work: every fetch or import attempt, provider health, scheduled
// job runs (issue 6).

/** One row per fetch or import attempt: what, for which date, from where, how it went. */
export const datasetStatus = sqliteTable(
  'dataset_status',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dataset: text('dataset').$type<Dataset>().notNull(),
    /** the data date the attempt was for (null for undated sets such as a directory file) */
    date: text('date'),
    kind: text('kind', { enum: ['fetch', 'import'] }).notNull(),
    origin: text('origin').notNull(),
    /** missing: not posted yet */
    status: text('status', { enum: ['ok', 'empty', 'missing', 'skipped', 'failed'] }).notNull(),
    rows: integer('rows').notNull().default(0),
    checksum: text('checksum'),
    error: text('error'),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
  },
  (t) => [index('dataset_status_dataset').on(t.dataset, t.date)],
);

export const providerHealth = sqliteTable('provider_health', {
  provider: text('provider').primaryKey(),
  calls: integer('calls').notNull().default(0),
  failures: integer('failures').notNull().default(0),
  totalMs: real('total_ms').notNull().default(0),
  lastStatus: text('last_status'),
  lastError: text('last_error'),
  lastSuccessAt: text('last_success_at'),
  lastFailureAt: text('last_failure_at'),
  circuitState: text('circuit_state').$type<CircuitState>().notNull().default('closed'),
  circuitOpenedAt: text('circuit_opened_at'),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Every run of a scheduled job. A row is written 'running' when the run starts, so a crash leaves it
 * behind; the next start closes it as 'interrupted' and catches the job up once.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'retry', 'catch_up', 'manual'] }).notNull(),
    /** the market date (New York) of the occurrence this run serves */
    forDate: text('for_date').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** pending: the data is not out yet */
    status: text('status', {
      enum: ['running', 'ok', 'skipped', 'pending', 'failed', 'timeout', 'interrupted'],
    }).notNull(),
    error: text('error'),
    stats: text('stats', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('job_runs_job').on(t.job, t.startedAt), index('job_runs_started').on(t.startedAt)],
);

/**
 * One row per batch of market rows written (bars, short volume), by any process: the dates it touched
 * and, for a few names, which ones. A long-running bot holds the market in memory (pipeline/market-cache.ts)
 * and reads this log to take in only what changed — another process's import included — instead of
 * reloading the whole window for every scan.
 */
export const marketWrites = sqliteTable('market_writes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  dataset: text('dataset', { enum: ['bars', 'shortvol'] }).notNull(),
  fromDate: text('from_date').notNull(),
  toDate: text('to_date').notNull(),
  /** comma-separated names when the batch touched few (a per-symbol history); null: any name on those dates */
  symbols: text('symbols'),
  rows: integer('rows').notNull(),
});
