import { addCalendarDays } from '../../market/iso-date';
import type { Db } from '../client';

// The short list per-symbol collectors work on (Yahoo or Polygon aggregates, one request a name): the
// names that matter without the whole market — active ad-hoc tickers, open positions, and the names whose
// bars already come per symbol (imported files, Yahoo, Polygon aggregates) in the last `days` days, which
// is how the scan's history fill (names of the day's list) stays on it. Whole-market bars (Polygon grouped
// daily, the Nasdaq screener's close-only snapshot) don't make a name tracked, or the short list would
// be the whole market.

export function createTrackedSymbolsRepo(db: Db) {
  const recent = db.$client.prepare(
    `SELECT symbol FROM daily_bars WHERE date > ? AND date <= ? AND source NOT IN ('polygon-grouped', 'nasdaq-screener')
     GROUP BY symbol ORDER BY symbol LIMIT ?`,
  );
  const held = db.$client.prepare(
    `SELECT symbol FROM adhoc_candidates WHERE status = 'active'
     UNION
     SELECT symbol FROM position_trades GROUP BY user_id, symbol
       HAVING sum(CASE side WHEN 'buy' THEN quantity ELSE -quantity END) > 1e-9
     ORDER BY symbol`,
  );
  return {
    /** names with per-symbol bars in the `days` days up to asOf */
    recentlyTracked(asOf: string, days = 14, limit = 200): string[] {
      return recent.pluck().all(addCalendarDays(asOf, -days), asOf, limit) as string[];
    },
    /** the whole short list: active ad-hoc tickers and open positions first, then the tracked names */
    shortList(asOf: string, days = 14, limit = 200): string[] {
      const first = held.pluck().all() as string[];
      const seen = new Set(first);
      return [...first, ...this.recentlyTracked(asOf, days, limit).filter((s) => !seen.has(s))].slice(
        0,
        Math.max(limit, first.length),
      );
    },
  };
}
