import type { Db } from '../client';

/**
 * The short list per-symbol collectors work on, until the pipeline's candidates, the ad-hoc list and
 * positions exist: symbols that have daily bars in the last `days` days before `asOf`.
 */
export function createTrackedSymbolsRepo(db: Db) {
  const recent = db.$client.prepare(
    `SELECT symbol FROM daily_bars WHERE date > date(?, '-' || ? || ' days') AND date <= ?
     GROUP BY symbol ORDER BY symbol LIMIT ?`,
  );
  return {
    recentlyTracked(asOf: string, days = 14, limit = 200): string[] {
      return recent.pluck().all(asOf, days, asOf, limit) as string[];
    },
  };
}
