import type { Db } from '../client';
import { inTransaction } from '../transaction';
import type {
  DailyBar,
  OtcWeeklyRecord,
  ShortInterestRecord,
  ShortVolumeRecord,
  SymbolRecord,
  TradesDailyRecord,
} from '../../domain/market-data';
import { createUpsert } from './upsert';

// Writers for every market dataset, keyed on natural keys so re-running a day or re-importing a
// file changes nothing. Callers wrap a file or a day in one `transaction` so a crash leaves no half day.

export function createMarketDataRepo(db: Db) {
  const sqlite = db.$client;
  return {
    /** Runs fn in one SQLite transaction (rolled back whole if it throws). */
    transaction<R>(fn: () => R): R {
      return inTransaction(db, fn);
    },

    upsertSymbols: createUpsert<SymbolRecord>(
      sqlite,
      'symbols',
      {
        symbol: 'symbol',
        name: 'name',
        exchange: 'exchange',
        type: 'type',
        is_etf: 'isEtf',
        is_test_issue: 'isTestIssue',
        is_active: 'isActive',
        market_cap: 'marketCap',
        float_shares: 'floatShares',
        shares_outstanding: 'sharesOutstanding',
        sector: 'sector',
        industry: 'industry',
        source: 'source',
        as_of: 'asOf',
      },
      ['symbol'],
    ),

    /**
     * Float and shares outstanding for symbols of the short list, without touching the rest of a
     * symbol's row (a symbol the universe has not listed yet gets a minimal row).
     */
    upsertShareCounts: (() => {
      const stmt = sqlite.prepare(`
        INSERT INTO symbols (symbol, float_shares, shares_outstanding, source, as_of)
        VALUES (@symbol, @floatShares, @sharesOutstanding, @source, @asOf)
        ON CONFLICT (symbol) DO UPDATE SET
          float_shares = coalesce(excluded.float_shares, float_shares),
          shares_outstanding = coalesce(excluded.shares_outstanding, shares_outstanding),
          updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`);
      return (rows: Iterable<ShareCounts>) => {
        let n = 0;
        for (const r of rows) if (r.floatShares !== null || r.sharesOutstanding !== null) n += stmt.run(r).changes;
        return n;
      };
    })(),

    upsertBars: createUpsert<DailyBar>(
      sqlite,
      'daily_bars',
      {
        symbol: 'symbol',
        date: 'date',
        open: 'open',
        high: 'high',
        low: 'low',
        close: 'close',
        adj_close: 'adjClose',
        volume: 'volume',
        vwap: 'vwap',
        trades: 'trades',
        source: 'source',
        published_on: 'publishedOn',
      },
      ['symbol', 'date'],
    ),

    upsertShortVolume: createUpsert<ShortVolumeRecord>(
      sqlite,
      'short_volume',
      {
        symbol: 'symbol',
        date: 'date',
        facility: 'facility',
        short_volume: 'shortVolume',
        short_exempt_volume: 'shortExemptVolume',
        total_volume: 'totalVolume',
        markets: 'markets',
        source: 'source',
        published_on: 'publishedOn',
      },
      ['symbol', 'date', 'facility'],
    ),

    upsertShortInterest: createUpsert<ShortInterestRecord>(
      sqlite,
      'short_interest',
      {
        symbol: 'symbol',
        settlement_date: 'settlementDate',
        source: 'source',
        short_interest: 'shortInterest',
        previous_short_interest: 'previousShortInterest',
        avg_daily_volume: 'avgDailyVolume',
        days_to_cover_reported: 'daysToCoverReported',
        change_percent: 'changePercent',
        change_shares: 'changeShares',
        short_percent_float: 'shortPercentFloat',
        float_shares: 'floatShares',
        issue_name: 'issueName',
        market_class: 'marketClass',
        exchange_code: 'exchangeCode',
        revision_flag: 'revisionFlag',
        split_flag: 'splitFlag',
        published_on: 'publishedOn',
      },
      ['symbol', 'settlement_date', 'source'],
    ),

    upsertOtcWeekly: createUpsert<OtcWeeklyRecord>(
      sqlite,
      'otc_weekly',
      {
        symbol: 'symbol',
        week_start: 'weekStart',
        tier: 'tier',
        summary_type: 'summaryType',
        mpid: 'mpid',
        firm_name: 'firmName',
        issue_name: 'issueName',
        shares: 'shares',
        trades: 'trades',
        notional: 'notional',
        source: 'source',
        published_on: 'publishedOn',
      },
      ['symbol', 'week_start', 'tier', 'summary_type', 'mpid'],
    ),

    upsertTradesDaily: createUpsert<TradesDailyRecord>(
      sqlite,
      'trades_daily',
      {
        symbol: 'symbol',
        date: 'date',
        buy_volume: 'buyVolume',
        sell_volume: 'sellVolume',
        unclassified_volume: 'unclassifiedVolume',
        trade_count: 'tradeCount',
        method: 'method',
        source: 'source',
        published_on: 'publishedOn',
      },
      ['symbol', 'date'],
    ),
  };
}

export interface ShareCounts {
  symbol: string;
  floatShares: number | null;
  sharesOutstanding: number | null;
  source: string;
  asOf: string;
}

export type MarketDataRepo = ReturnType<typeof createMarketDataRepo>;
