import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Every market figure carries its source and `published_on`: the date it became known, so a
// backtest on day D sees only what was public by D. Dates are ISO `YYYY-MM-DD` text, instants
// ISO-8601 UTC text. Volumes are REAL because recent FINRA files carry fractional shares.

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const symbols = sqliteTable('symbols', {
  symbol: text('symbol').primaryKey(),
  name: text('name'),
  exchange: text('exchange'),
  /** common | etf | preferred | warrant | unit | right | fund | other */
  type: text('type'),
  isEtf: integer('is_etf', { mode: 'boolean' }).notNull().default(false),
  isTestIssue: integer('is_test_issue', { mode: 'boolean' }).notNull().default(false),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  marketCap: real('market_cap'),
  floatShares: real('float_shares'),
  sharesOutstanding: real('shares_outstanding'),
  sector: text('sector'),
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

export const shortVolume = sqliteTable(
  'short_volume',
  {
    symbol: text('symbol').notNull(),
    date: text('date').notNull(),
    /** CNMS (consolidated) or one facility: FNQC, FNSQ, FNYX, FNRA, FORF */
    facility: text('facility').notNull(),
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
    /** finra | yahoo */
    source: text('source').notNull(),
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
    /** T1 | T2 | OTC */
    tier: text('tier').notNull(),
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
    /** nbbo | tick */
    method: text('method').notNull(),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.date] })],
);

/** One row per fetch or import attempt: what, for which date, from where, how it went. */
export const datasetStatus = sqliteTable(
  'dataset_status',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** universe | bars | shortvol | shortinterest | otc | trades */
    dataset: text('dataset').notNull(),
    /** the data date the attempt was for (null for undated sets such as a directory file) */
    date: text('date'),
    /** fetch | import */
    kind: text('kind').notNull(),
    origin: text('origin').notNull(),
    /** ok | empty | missing (not posted yet) | skipped | failed */
    status: text('status').notNull(),
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
  /** closed | open | half_open */
  circuitState: text('circuit_state').notNull().default('closed'),
  circuitOpenedAt: text('circuit_opened_at'),
  updatedAt: text('updated_at').notNull(),
});

/** Runtime settings changed in chat: the top config layer, with who and when. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  setBy: text('set_by').notNull(),
  setAt: text('set_at').notNull(),
});
