import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The supply side of a short squeeze (issue 12), point in time like every market figure: the cost and
// availability of borrow (IBKR's stock-loan file, stored as changes: a row only when a symbol's figures
// differ from its previous one), fails-to-deliver (SEC, twice a month, by settlement day), the Reg SHO
// threshold lists (daily, per market) and the options chain's summary for the short list (Cboe delayed
// quotes, one row a symbol a snapshot).

export const borrowSnapshots = sqliteTable(
  'borrow_snapshots',
  {
    symbol: text('symbol').notNull(),
    /** when the file said it was generated (ISO-8601 UTC instant) */
    takenAt: text('taken_at').notNull(),
    /** annual %, null where the file says NA */
    feeRate: real('fee_rate'),
    rebateRate: real('rebate_rate'),
    /** shares available to borrow; the file's `>10000000` is stored as 10000000 with availableCapped */
    available: real('available'),
    availableCapped: integer('available_capped', { mode: 'boolean' }).notNull().default(false),
    source: text('source').notNull(),
    /** the market date the figure became known (a run as of D sees only published_on ≤ D) */
    publishedOn: text('published_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.takenAt] }), index('borrow_snapshots_published').on(t.publishedOn)],
);

export const failsToDeliver = sqliteTable(
  'fails_to_deliver',
  {
    symbol: text('symbol').notNull(),
    settlementDate: text('settlement_date').notNull(),
    cusip: text('cusip').notNull(),
    /** the outstanding balance of fails that day (a missing day is a zero balance) */
    quantity: real('quantity').notNull(),
    /** the previous trading day's close as the SEC prints it; null for its lone `.` */
    price: real('price'),
    description: text('description'),
    /** the half-month file it came from, e.g. cnsfails202101b */
    file: text('file').notNull(),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.symbol, t.settlementDate, t.cusip] }),
    index('fails_to_deliver_published').on(t.publishedOn),
  ],
);

export const thresholdList = sqliteTable(
  'threshold_list',
  {
    symbol: text('symbol').notNull(),
    /** the trade date the list is for */
    date: text('date').notNull(),
    /** nasdaq | nyse | cboe (the list's publisher) */
    market: text('market').notNull(),
    name: text('name'),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.date, t.market] }), index('threshold_list_date').on(t.date)],
);

export const optionsSnapshots = sqliteTable(
  'options_snapshots',
  {
    symbol: text('symbol').notNull(),
    /** the market date of the quotes (the chain's last trade day) */
    date: text('date').notNull(),
    takenAt: text('taken_at').notNull(),
    underlyingPrice: real('underlying_price'),
    callVolume: real('call_volume').notNull(),
    putVolume: real('put_volume').notNull(),
    callOpenInterest: real('call_open_interest').notNull(),
    putOpenInterest: real('put_open_interest').notNull(),
    /** open interest of calls struck within ±10% of the underlying, expiring within 30 days (gamma pressure) */
    nearMoneyCallOpenInterest: real('near_money_call_open_interest'),
    /** 30-day implied volatility as a fraction (Cboe prints it in percent) */
    iv30: real('iv30'),
    contracts: real('contracts').notNull(),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.date] })],
);
