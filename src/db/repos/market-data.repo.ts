import type { Db } from '../client';
import { inTransaction } from '../transaction';
import {
  SOURCE_FINRA_FACILITY_SUM,
  type DailyBar,
  type OtcWeeklyRecord,
  type ShortInterestRecord,
  type ShortVolumeRecord,
  type SymbolRecord,
  type TradesDailyRecord,
} from '../../domain/market-data';
import { createMarketWritesRepo } from './market-writes.repo';
import { createUpsert } from './upsert';

// Writers for every market dataset, keyed on natural keys so re-running a day or re-importing a
// file changes nothing. Callers wrap a file or a day in one `transaction` so a crash leaves no half day.

export function createMarketDataRepo(db: Db) {
  const sqlite = db.$client;
  // bars and short volume are logged as they are written: the bot's in-memory market follows the log
  const writes = createMarketWritesRepo(sqlite);
  const logged = writes.logged.bind(writes);
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
          float_shares = coalesce(excluded.float_shares, symbols.float_shares),
          shares_outstanding = coalesce(excluded.shares_outstanding, symbols.shares_outstanding),
          updated_at = excluded.updated_at`);
      return (rows: Iterable<ShareCounts>) => {
        let n = 0;
        for (const r of rows) if (r.floatShares !== null || r.sharesOutstanding !== null) n += stmt.run(r).changes;
        return n;
      };
    })(),

    /**
     * Market cap, sector and industry from a screener snapshot, leaving the ETF, test-issue and type
     * flags the directory set (a new symbol gets a row with the defaults). A symbol the screener does not
     * know the cap of keeps the cap it had.
     */
    upsertFundamentals: (() => {
      const stmt = sqlite.prepare(`
        INSERT INTO symbols (symbol, name, exchange, type, market_cap, sector, industry, source, as_of)
        VALUES (@symbol, @name, @exchange, @type, @marketCap, @sector, @industry, @source, @asOf)
        ON CONFLICT (symbol) DO UPDATE SET
          market_cap = coalesce(excluded.market_cap, symbols.market_cap),
          sector = coalesce(excluded.sector, symbols.sector),
          industry = coalesce(excluded.industry, symbols.industry),
          updated_at = excluded.updated_at`);
      return (rows: Iterable<SymbolRecord>) => {
        let n = 0;
        for (const r of rows) {
          const { symbol, name, exchange, type, marketCap, sector, industry, source, asOf } = r;
          n += stmt.run({ symbol, name, exchange, type, marketCap, sector, industry, source, asOf }).changes;
        }
        return n;
      };
    })(),

    /**
     * Close-only bars (a screener snapshot): stored where no bar is held, and over another close-only bar,
     * never over a bar with open/high/low (Yahoo, Polygon, an import), whatever order they come in.
     */
    upsertCloseOnlyBars: (() => {
      const stmt = sqlite.prepare(`
        INSERT INTO daily_bars (symbol, date, open, high, low, close, adj_close, volume, vwap, trades, source, published_on)
        VALUES (@symbol, @date, NULL, NULL, NULL, @close, NULL, @volume, NULL, NULL, @source, @publishedOn)
        ON CONFLICT (symbol, date) DO UPDATE SET
          close = excluded.close, volume = excluded.volume, source = excluded.source, published_on = excluded.published_on
        WHERE daily_bars.open IS NULL AND daily_bars.high IS NULL AND daily_bars.low IS NULL`);
      return logged(
        'bars',
        (rows: Iterable<Pick<DailyBar, 'symbol' | 'date' | 'close' | 'volume' | 'source' | 'publishedOn'>>) => {
          let n = 0;
          for (const r of rows)
            n += stmt.run({
              symbol: r.symbol,
              date: r.date,
              close: r.close,
              volume: r.volume,
              source: r.source,
              publishedOn: r.publishedOn,
            }).changes;
          return n;
        },
      );
    })(),

    upsertBars: logged<DailyBar>(
      'bars',
      createUpsert<DailyBar>(
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
    ),

    upsertShortVolume: logged<ShortVolumeRecord>(
      'shortvol',
      createUpsert<ShortVolumeRecord>(
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
        // a CNMS row summed from facility rows never replaces one FINRA reported (consolidate.ts)
        `excluded.source = '${SOURCE_FINRA_FACILITY_SUM}' AND short_volume.source <> '${SOURCE_FINRA_FACILITY_SUM}'`,
      ),
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
