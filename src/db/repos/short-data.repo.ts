import type { Db } from '../client';
import type { OtcWeekRow, SiHistoryRow } from '../../domain/short-data';

// Reads of the short-data views (/si, /shortvol, /darkpool, /basket): one symbol's short-interest
// history as published, its daily short volume for every facility held, its OTC weekly rows, its
// daily volumes and float. Point in time: nothing published after `asOf` is returned.

export interface FacilityDayRow {
  date: string;
  facility: string;
  shortVolume: number;
  shortExemptVolume: number | null;
  totalVolume: number;
}

export function createShortDataRepo(db: Db) {
  const sqlite = db.$client;
  const si = sqlite.prepare(
    `SELECT s.settlement_date AS "settlementDate", s.published_on AS "publishedOn", s.short_interest AS "shortInterest",
            s.previous_short_interest AS "previousShortInterest", s.avg_daily_volume AS "avgDailyVolume", coalesce(y.float_shares, s.float_shares) AS "floatShares",
            q.overall AS quality, s.revision_flag AS revised
     FROM short_interest s
     LEFT JOIN short_interest_quality q ON q.symbol = s.symbol AND q.settlement_date = s.settlement_date
     LEFT JOIN symbols y ON y.symbol = s.symbol
     WHERE s.symbol = ? AND s.source = 'finra' AND s.published_on <= ? ORDER BY s.settlement_date DESC LIMIT ?`,
  );
  const shortVolume = sqlite.prepare(
    `SELECT date, facility, short_volume AS "shortVolume", short_exempt_volume AS "shortExemptVolume", total_volume AS "totalVolume"
     FROM short_volume WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date, facility`,
  );
  const otc = sqlite.prepare(
    `SELECT week_start AS "weekStart", tier, summary_type AS "summaryType", shares, published_on AS "publishedOn"
     FROM otc_weekly WHERE symbol = ? AND week_start BETWEEN ? AND ? AND published_on <= ? ORDER BY week_start, tier`,
  );
  const volumes = sqlite.prepare(
    'SELECT date, volume FROM daily_bars WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date',
  );
  const float = sqlite.prepare('SELECT float_shares FROM symbols WHERE symbol = ?').pluck();

  return {
    /** FINRA reports published by asOf, newest settlement first. */
    shortInterest(symbol: string, asOf: string, limit = 12): SiHistoryRow[] {
      return (si.all(symbol, asOf, limit) as (Omit<SiHistoryRow, 'revised'> & { revised: number | null })[]).map(
        (r) => ({ ...r, revised: r.revised === 1 }),
      );
    },
    /** Every facility's rows (CNMS and the single facilities held), oldest first. */
    shortVolume(symbol: string, from: string, to: string): FacilityDayRow[] {
      return shortVolume.all(symbol, from, to) as FacilityDayRow[];
    },
    otcWeeks(symbol: string, from: string, to: string, asOf: string): OtcWeekRow[] {
      return otc.all(symbol, from, to, asOf) as OtcWeekRow[];
    },
    volumes(symbol: string, from: string, to: string): { date: string; volume: number }[] {
      return volumes.all(symbol, from, to) as { date: string; volume: number }[];
    },
    floatShares(symbol: string): number | null {
      return (float.get(symbol) as number | null | undefined) ?? null;
    },
  };
}

export type ShortDataRepo = ReturnType<typeof createShortDataRepo>;
