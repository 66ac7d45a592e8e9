import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { SymbolRecord } from '../../domain/market-data';
import { now } from './columns';

// Symbols and their daily bars and lit-trade aggregates. Every market figure carries its source and
// `published_on`: the date it became known, so a backtest on day D sees only what was public by D.
// Dates are ISO `YYYY-MM-DD` text, instants ISO-8601 UTC text. Volumes are REAL because recent FINRA
// files carry fractional shares.

export const symbols = sqliteTable('symbols', {
  symbol: text('symbol').primaryKey(),
  name: text('name'),
  exchange: text('exchange'),
  type: text('type').$type<NonNullable<SymbolRecord['type']>>(),
  isEtf: integer('is_etf', { mode: 'boolean' }).notNull().default(false),
  isTestIssue: integer('is_test_issue', { mode: 'boolean' }).notNull().default(false),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  marketCap: real('market_cap'),
  floatShares: real('float_shares'),
  sharesOutstanding: real('shares_outstanding'),
  sector: text('sector'),
  industry: text('industry'),
  source: text('source').notNull(),
  asOf: text('as_of').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

export const dailyBars = sqliteTable(
  'daily_bars',
  {
    symbol: text('symbol').notNull(),
    date: text('date').notNull(),
    open: real('open'),
    high: real('high'),
    low: real('low'),
    close: real('close').notNull(),
    adjClose: real('adj_close'),
    volume: real('volume').notNull(),
    vwap: real('vwap'),
    trades: integer('trades'),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.date] }), index('daily_bars_date').on(t.date)],
);

/** Lit trades aggregated per symbol and day, classified by the NBBO rule or the tick rule. */
export const tradesDaily = sqliteTable(
  'trades_daily',
  {
    symbol: text('symbol').notNull(),
    date: text('date').notNull(),
    buyVolume: real('buy_volume').notNull(),
    sellVolume: real('sell_volume').notNull(),
    unclassifiedVolume: real('unclassified_volume').notNull(),
    tradeCount: integer('trade_count').notNull(),
    method: text('method', { enum: ['nbbo', 'tick'] }).notNull(),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.date] })],
);
