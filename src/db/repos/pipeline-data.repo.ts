import type { Db } from '../client';

// What the discovery pipeline reads, in the shapes it computes on: columnar arrays per symbol,
// read in one pass (`raw` rows, no objects per row) because a run reads the whole market's bars.

export interface BarSeries {
  dates: string[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

export interface ShortVolumeRow {
  date: string;
  shortVolume: number;
  shortExemptVolume: number | null;
  totalVolume: number;
}

export interface SiReport {
  settlementDate: string;
  publishedOn: string;
  shortInterest: number;
  previousShortInterest: number | null;
  quality: number | null;
}

export interface OtcWeekRow {
  weekStart: string;
  tier: string;
  summaryType: string;
  shares: number;
  publishedOn: string;
}

export interface TradesDay {
  date: string;
  buyVolume: number;
  sellVolume: number;
  method: 'nbbo' | 'tick';
}

export interface UniverseRow {
  symbol: string;
  exchange: string | null;
  isEtf: boolean;
  isTestIssue: boolean;
  isActive: boolean;
  marketCap: number | null;
  floatShares: number | null;
}

export function createPipelineDataRepo(db: Db) {
  const sqlite = db.$client;
  const barsBetween = sqlite
    .prepare('SELECT symbol, date, open, high, low, close, volume FROM daily_bars WHERE date BETWEEN ? AND ? ORDER BY date')
    .raw(true);
  const shortVolume = sqlite.prepare(
    `SELECT date, short_volume AS shortVolume, short_exempt_volume AS shortExemptVolume, total_volume AS totalVolume
     FROM short_volume WHERE symbol = ? AND facility = 'CNMS' AND date BETWEEN ? AND ? ORDER BY date`,
  );
  const siReports = sqlite.prepare(
    `SELECT s.settlement_date AS settlementDate, s.published_on AS publishedOn, s.short_interest AS shortInterest,
            s.previous_short_interest AS previousShortInterest, q.overall AS quality
     FROM short_interest s LEFT JOIN short_interest_quality q ON q.symbol = s.symbol AND q.settlement_date = s.settlement_date
     WHERE s.symbol = ? AND s.source = 'finra' AND s.published_on <= ? ORDER BY s.settlement_date DESC LIMIT ?`,
  );
  const otcWeeks = sqlite.prepare(
    `SELECT week_start AS weekStart, tier, summary_type AS summaryType, shares, published_on AS publishedOn
     FROM otc_weekly WHERE symbol = ? AND week_start BETWEEN ? AND ? AND published_on <= ? ORDER BY week_start`,
  );
  const trades = sqlite.prepare(
    `SELECT date, buy_volume AS buyVolume, sell_volume AS sellVolume, method FROM trades_daily
     WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date`,
  );
  const universe = sqlite.prepare(
    `SELECT symbol, exchange, is_etf AS isEtf, is_test_issue AS isTestIssue, is_active AS isActive, market_cap AS marketCap,
            float_shares AS floatShares FROM symbols`,
  );

  return {
    /** Every symbol's bars between two dates, oldest first, as columns. */
    barsBetween(from: string, to: string): Map<string, BarSeries> {
      const out = new Map<string, BarSeries>();
      // one string per distinct date, not per row: 3 M rows hold ~300 dates
      const dates = new Map<string, string>();
      for (const row of barsBetween.iterate(from, to) as Iterable<[string, string, number | null, number | null, number | null, number, number]>) {
        let s = out.get(row[0]);
        if (!s) out.set(row[0], (s = { dates: [], open: [], high: [], low: [], close: [], volume: [] }));
        let date = dates.get(row[1]);
        if (date === undefined) dates.set(row[1], (date = row[1]));
        s.dates.push(date);
        s.open.push(row[2] ?? NaN);
        s.high.push(row[3] ?? NaN);
        s.low.push(row[4] ?? NaN);
        s.close.push(row[5]);
        s.volume.push(row[6]);
      }
      return out;
    },
    shortVolume(symbol: string, from: string, to: string): ShortVolumeRow[] {
      return shortVolume.all(symbol, from, to) as ShortVolumeRow[];
    },
    /** FINRA reports visible on `asOf` (published by then), newest first. */
    shortInterestReports(symbol: string, asOf: string, limit = 6): SiReport[] {
      return siReports.all(symbol, asOf, limit) as SiReport[];
    },
    otcWeeks(symbol: string, from: string, to: string, asOf: string): OtcWeekRow[] {
      return otcWeeks.all(symbol, from, to, asOf) as OtcWeekRow[];
    },
    trades(symbol: string, from: string, to: string): TradesDay[] {
      return trades.all(symbol, from, to) as TradesDay[];
    },
    universe(): UniverseRow[] {
      return (universe.all() as Record<string, unknown>[]).map((r) => ({
        ...(r as unknown as UniverseRow),
        isEtf: r.isEtf === 1,
        isTestIssue: r.isTestIssue === 1,
        isActive: r.isActive === 1,
      }));
    },
  };
}

export type PipelineDataRepo = ReturnType<typeof createPipelineDataRepo>;
