import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ThesisMetrics } from '../../domain/positions';

// Positions (issue 6): the /buy and /sell ledger.

/**
 * Every /buy and /sell, per user. Positions are folded from this ledger (src/portfolio/position-ledger.ts,
 * average cost), so the ledger is the one truth and a sell can never disagree with the buys before it.
 * A buy carries the thesis metrics as of its day, so a later dip check compares now against then.
 */
export const positionTrades = sqliteTable(
  'position_trades',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side', { enum: ['buy', 'sell'] }).notNull(),
    quantity: real('quantity').notNull(),
    price: real('price').notNull(),
    /** the trading day the trade is booked on */
    tradeDate: text('trade_date').notNull(),
    thesis: text('thesis'),
    /** buys: ThesisMetrics (src/portfolio/thesis-metrics.ts) as of trade_date */
    thesisMetrics: text('thesis_metrics', { mode: 'json' }).$type<ThesisMetrics>(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('position_trades_user').on(t.userId, t.symbol, t.id)],
);
