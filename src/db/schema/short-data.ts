import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Facility, OtcTier, ShortInterestRecord } from '../../domain/market-data';
import { now } from './columns';

// FINRA short volume, short interest (with its quality scores) and OTC transparency weeks; point in
// time like every market figure (market.ts).

export const shortVolume = sqliteTable(
  'short_volume',
  {
    symbol: text('symbol').notNull(),
    date: text('date').notNull(),
    /** CNMS (consolidated) or one facility */
    facility: text('facility').$type<Facility>().notNull(),
    /** includes short-exempt volume, as FINRA reports it */
    shortVolume: real('short_volume').notNull(),
    /** null in the pre-2011 five-column layout */
    shortExemptVolume: real('short_exempt_volume'),
    totalVolume: real('total_volume').notNull(),
    markets: text('markets'),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  // One key only: per-symbol history is how short volume is read (z-scores, cards, charts), and a
  // second, date-leading index would double the cost of importing a whole-market file.
  (t) => [primaryKey({ columns: [t.symbol, t.date, t.facility] })],
);

export const shortInterest = sqliteTable(
  'short_interest',
  {
    symbol: text('symbol').notNull(),
    settlementDate: text('settlement_date').notNull(),
    source: text('source').$type<ShortInterestRecord['source']>().notNull(),
    shortInterest: real('short_interest').notNull(),
    previousShortInterest: real('previous_short_interest'),
    avgDailyVolume: real('avg_daily_volume'),
    /** as the source reported it (FINRA floors it at 1 and caps it at 999.99: recompute for scoring) */
    daysToCoverReported: real('days_to_cover_reported'),
    changePercent: real('change_percent'),
    changeShares: real('change_shares'),
    /** fraction of float, only where a source states it (Yahoo) */
    shortPercentFloat: real('short_percent_float'),
    floatShares: real('float_shares'),
    issueName: text('issue_name'),
    marketClass: text('market_class'),
    exchangeCode: text('exchange_code'),
    revisionFlag: integer('revision_flag', { mode: 'boolean' }).notNull().default(false),
    splitFlag: integer('split_flag', { mode: 'boolean' }).notNull().default(false),
    publishedOn: text('published_on').notNull(),
    fetchedAt: text('fetched_at').notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.symbol, t.settlementDate, t.source] }),
    index('short_interest_settlement').on(t.settlementDate),
    index('short_interest_published').on(t.publishedOn),
  ],
);

export const shortInterestQuality = sqliteTable(
  'short_interest_quality',
  {
    symbol: text('symbol').notNull(),
    settlementDate: text('settlement_date').notNull(),
    completeness: real('completeness').notNull(),
    freshness: real('freshness').notNull(),
    consistency: real('consistency').notNull(),
    /** null when only one source has the figure */
    agreement: real('agreement'),
    overall: real('overall').notNull(),
    notes: text('notes', { mode: 'json' }).$type<string[]>().notNull(),
    computedAt: text('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.settlementDate] })],
);

export const otcWeekly = sqliteTable(
  'otc_weekly',
  {
    symbol: text('symbol').notNull(),
    weekStart: text('week_start').notNull(),
    tier: text('tier').$type<OtcTier>().notNull(),
    /** ATS_W_SMBL, ATS_W_SMBL_FIRM, OTC_W_SMBL, ... never add *_SMBL and *_SMBL_FIRM rows together */
    summaryType: text('summary_type').notNull(),
    /** '' for symbol totals; the firm's MPID for per-firm rows */
    mpid: text('mpid').notNull().default(''),
    firmName: text('firm_name'),
    issueName: text('issue_name'),
    shares: real('shares').notNull(),
    trades: integer('trades'),
    notional: real('notional'),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.symbol, t.weekStart, t.tier, t.summaryType, t.mpid] }),
    index('otc_weekly_week').on(t.weekStart),
  ],
);
