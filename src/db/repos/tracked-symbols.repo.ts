import type { Db } from '../client';

/**
 * The short list per-symbol collectors work on, until the pipeline's candidates, the ad-hoc list and
 * positions exist: symbols whose bars came per symbol (imported files, Yahoo, Polygon aggregates)
 * in the last `days` days before `asOf`. Whole-market bars (Polygon grouped daily, the Nasdaq screener's
 * close-only snapshot) don't make a symbol tracked, or the short list would be the whole market.
 */
export function createTrackedSymbolsRepo(db: Db) {
  const recent = db.$client.prepare(
    `SELECT symbol FROM daily_bars WHERE date > date(?, '-' || ? || ' days') AND date <= ? AND source NOT IN ('polygon-grouped', 'nasdaq-screener')
     GROUP BY symbol ORDER BY symbol LIMIT ?`,
  );
  return {
    recentlyTracked(asOf: string, days = 14, limit = 200): string[] {
      return recent.pluck().all(asOf, days, asOf, limit) as string[];
    },
  };
}
