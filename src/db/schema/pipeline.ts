import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { StageName } from '../../domain/runs';
import type { AlertLevel, MetricFlag, ScoreComponent } from '../../domain/scores';

// The discovery pipeline (issue 3): runs, their stages and eliminations, the scores, and the
// tickers added by hand.

/** One pipeline run: `discovery_20250903_143022`, live or backtest, for one as-of date. */
export const pipelineRuns = sqliteTable(
  'pipeline_runs',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['live', 'backtest'] }).notNull(),
    /** partial: a stage failed, the run finished with what it had */
    status: text('status', { enum: ['running', 'completed', 'partial', 'aborted', 'failed'] }).notNull(),
    asOf: text('as_of').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** 0..1: stages that ran, data freshness, error rate */
    healthScore: real('health_score'),
    /** a stage fell back to a weaker source or weight set */
    fallbackDetected: integer('fallback_detected', { mode: 'boolean' }).notNull().default(false),
    error: text('error'),
    /** candidates scored, alerts, freshness per dataset, ... */
    summary: text('summary', { mode: 'json' }).$type<Record<string, unknown>>(),
    /**
     * The order runs were saved in, across processes (one more than the highest so far). "The run of a
     * day" is the one saved last, whose scores are the day's: a clock says when a run started, and a
     * past day re-scanned later (chat --as-of) starts at that day's clock, not after the run it replaces.
     */
    savedSeq: integer('saved_seq').notNull().default(0),
  },
  (t) => [index('pipeline_runs_as_of').on(t.asOf, t.kind)],
);

/** Each stage of a run: the funnel a user sees, with elimination reasons and timings. */
export const pipelineStages = sqliteTable(
  'pipeline_stages',
  {
    runId: text('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    name: text('name').$type<StageName>().notNull(),
    status: text('status', { enum: ['ok', 'failed', 'skipped'] }).notNull(),
    symbolsIn: integer('symbols_in').notNull(),
    symbolsOut: integer('symbols_out').notNull(),
    criteria: text('criteria', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    eliminated: integer('eliminated').notNull(),
    /** reason → count, e.g. { price_too_high: 1432 } */
    eliminationReasons: text('elimination_reasons', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    durationMs: real('duration_ms').notNull(),
    errors: text('errors', { mode: 'json' }).$type<string[]>().notNull(),
    /** what the stage fell back to, when it did */
    fallback: text('fallback'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** Why a symbol was cut: the stage and criterion, its value against the threshold. */
export const pipelineEliminations = sqliteTable(
  'pipeline_eliminations',
  {
    runId: text('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    stage: text('stage').$type<StageName>().notNull(),
    criterion: text('criterion').notNull(),
    value: real('value'),
    threshold: real('threshold'),
    detail: text('detail'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.symbol] })],
);

/** Scores and metrics per symbol and day (live runs). */
export const symbolScores = sqliteTable(
  'symbol_scores',
  {
    asOf: text('as_of').notNull(),
    symbol: text('symbol').notNull(),
    runId: text('run_id').notNull(),
    rank: integer('rank'),
    score: real('score').notNull(),
    fuel: real('fuel'),
    trigger: real('trigger'),
    /** null below alerting */
    level: text('level').$type<AlertLevel>(),
    weightSet: text('weight_set', { enum: ['with_finra', 'volume_only'] }).notNull(),
    components: text('components', { mode: 'json' }).$type<ScoreComponent[]>().notNull(),
    missing: text('missing', { mode: 'json' }).$type<string[]>().notNull(),
    levelNotes: text('level_notes', { mode: 'json' }).$type<string[]>().notNull(),
    metrics: text('metrics', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    flags: text('flags', { mode: 'json' }).$type<MetricFlag[]>().notNull(),
    source: text('source', { enum: ['volume_detector', 'adhoc', 'followed'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.symbol] }), index('symbol_scores_symbol').on(t.symbol, t.asOf)],
);

/** Tickers a trader added by hand: always deep-scanned until they expire. */
export const adhocCandidates = sqliteTable(
  'adhoc_candidates',
  {
    symbol: text('symbol').primaryKey(),
    reason: text('reason'),
    addedBy: text('added_by').notNull(),
    addedAt: text('added_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    status: text('status', { enum: ['active', 'expired', 'removed', 'promoted'] }).notNull(),
    endedAt: text('ended_at'),
  },
  (t) => [index('adhoc_candidates_status').on(t.status, t.expiresAt)],
);
