import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AlertLevel } from '../../domain/scores';

// Learning from outcomes (issue 6): tracked recommendations and missed opportunities.

/**
 * Every alert and top-ranked candidate, tracked for 30 trading days after discovery: the price path at
 * checkpoints, peak, drawdown and an outcome category (src/learning/outcome.ts defines them). `origin`
 * keeps live runs apart from backtest replays, which are recorded into the same table.
 */
export const trackedRecommendations = sqliteTable(
  'tracked_recommendations',
  {
    /** rec_live_20250903_QUBT: one per origin, day and symbol */
    id: text('id').primaryKey(),
    origin: text('origin', { enum: ['live', 'backtest'] }).notNull(),
    symbol: text('symbol').notNull(),
    /** the discovery day (the run's as-of trading day) */
    asOf: text('as_of').notNull(),
    /** the live run's start instant; null for a backtest day */
    discoveredAt: text('discovered_at'),
    runId: text('run_id'),
    /** alert: an alert was raised after cooldowns; ranked: top-ranked only */
    reason: text('reason', { enum: ['alert', 'ranked'] }).notNull(),
    alertId: integer('alert_id'),
    rank: integer('rank'),
    /** the close of the as-of day */
    price: real('price').notNull(),
    score: real('score').notNull(),
    fuel: real('fuel'),
    trigger: real('trigger'),
    /** the score's level, null below alerting */
    level: text('level').$type<AlertLevel>(),
    /** volumeSpike, rsi, siPercentFloat, daysToCover, shortRatioZ, fuel, trigger at discovery */
    features: text('features', { mode: 'json' }).$type<Record<string, number | null>>().notNull(),
    thesis: text('thesis').notNull(),
    price1d: real('price_1d'),
    return1d: real('return_1d'),
    price7d: real('price_7d'),
    return7d: real('return_7d'),
    price14d: real('price_14d'),
    return14d: real('return_14d'),
    price30d: real('price_30d'),
    return30d: real('return_30d'),
    lastPrice: real('last_price'),
    lastReturn: real('last_return'),
    /** trading days after discovery covered so far */
    daysTracked: integer('days_tracked').notNull().default(0),
    peakPrice: real('peak_price'),
    peakReturn: real('peak_return'),
    daysToPeak: integer('days_to_peak'),
    /** ≤ 0: the worst close against the highest close before it (discovery price included) */
    maxDrawdown: real('max_drawdown'),
    /** src/learning/outcome.ts defines the categories */
    outcome: text('outcome', { enum: ['explosive', 'strong', 'moderate', 'poor', 'failed'] }),
    success: integer('success', { mode: 'boolean' }),
    failure: integer('failure', { mode: 'boolean' }),
    status: text('status', { enum: ['tracking', 'completed'] }).notNull(),
    updatedAt: text('updated_at'),
  },
  (t) => [
    index('tracked_recs_origin').on(t.origin, t.asOf),
    index('tracked_recs_status').on(t.status, t.asOf),
    index('tracked_recs_symbol').on(t.symbol),
  ],
);

/**
 * Names the pipeline cut or scored below alerting that then closed at least learning.missed_min_return
 * above their as-of close within the tracking window, with the stage and criterion that cut them.
 */
export const missedOpportunities = sqliteTable(
  'missed_opportunities',
  {
    origin: text('origin', { enum: ['live', 'backtest'] }).notNull(),
    asOf: text('as_of').notNull(),
    symbol: text('symbol').notNull(),
    runId: text('run_id'),
    /** volume_filtering | squeeze_detection | final_ranking | alerting */
    stage: text('stage').notNull(),
    criterion: text('criterion').notNull(),
    value: real('value'),
    threshold: real('threshold'),
    detail: text('detail'),
    score: real('score'),
    features: text('features', { mode: 'json' }).$type<Record<string, number | null>>().notNull(),
    price: real('price').notNull(),
    peakPrice: real('peak_price').notNull(),
    peakReturn: real('peak_return').notNull(),
    daysToPeak: integer('days_to_peak').notNull(),
    foundAt: text('found_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.origin, t.asOf, t.symbol] }), index('missed_opps_origin').on(t.origin, t.asOf)],
);
