import type { Repos } from '../db/repos';
import { MARKET_TIME_ZONE, marketDateAt } from '../market/market-time';
import { lastTradingDayOnOrBefore } from '../market/trading-calendar';
import type { SnapshotQuote } from '../providers/polygon/map';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Position } from './position-ledger';

// The scheduler's 5-minute pass in market hours: one snapshot call for the short list (the latest live
// run's ranking, the active ad-hoc tickers, every open position), then the dip check of each position at
// its live price. Candidates and ad-hoc tickers only count as quotes received: there is no intraday
// alert kind for them. A provider failure comes back in the stats; the watch never throws.

/** ranked names of the latest live run read per pass: the whole ranked list, capped */
const RANKED_LIMIT = 500;

export interface IntradayStats {
  day: string;
  symbols: number;
  quotes: number;
  positionsChecked: number;
  dipAlerts: number;
  suppressed: number;
  failures: number;
  error?: string;
}

export interface IntradayWatchDeps {
  repos: Repos;
  logger: Logger;
  quotes: { snapshot(symbols: string[]): Promise<SnapshotQuote[]> };
  /** every user's open positions */
  openPositions(): { userId: string; position: Position }[];
  /** the same dip check and alert path as the after-close scan, at `price` */
  checkDip(userId: string, position: Position, day: string, price: number): Promise<'alerted' | 'suppressed' | 'none'>;
}

export function createIntradayWatch(deps: IntradayWatchDeps) {
  const reads = deps.repos.chatReads;
  const adhoc = deps.repos.adhoc;
  const log = deps.logger.child({ component: 'intraday-watch' });

  function shortList(day: string, positions: { position: Position }[]): string[] {
    const run = reads.latestRunOnOrBefore(day);
    const ranked = run ? reads.ranking(run.id, RANKED_LIMIT).map((s) => s.symbol) : [];
    return [
      ...new Set([...ranked, ...adhoc.active().map((a) => a.symbol), ...positions.map((p) => p.position.symbol)]),
    ];
  }

  return async function intradayWatch(now: Date): Promise<IntradayStats> {
    const day = lastTradingDayOnOrBefore(marketDateAt(now, MARKET_TIME_ZONE));
    const positions = deps.openPositions();
    const symbols = shortList(day, positions);
    const stats: IntradayStats = {
      day,
      symbols: symbols.length,
      quotes: 0,
      positionsChecked: 0,
      dipAlerts: 0,
      suppressed: 0,
      failures: 0,
    };
    if (!symbols.length) return stats;
    let quotes: SnapshotQuote[];
    try {
      quotes = await deps.quotes.snapshot(symbols);
    } catch (err) {
      stats.failures++;
      stats.error = errorMessage(err);
      log.warn({ day, symbols: symbols.length, err: stats.error }, 'intraday snapshot failed');
      return stats;
    }
    stats.quotes = quotes.length;
    const price = new Map(quotes.map((q) => [q.symbol, q.price]));
    for (const { userId, position } of positions) {
      const p = price.get(position.symbol);
      if (p === undefined) continue;
      stats.positionsChecked++;
      try {
        const outcome = await deps.checkDip(userId, position, day, p);
        if (outcome === 'alerted') stats.dipAlerts++;
        else if (outcome === 'suppressed') stats.suppressed++;
      } catch (err) {
        stats.failures++;
        log.warn({ userId, symbol: position.symbol, err: errorMessage(err) }, 'intraday dip check failed');
      }
    }
    log.info(stats, 'intraday watch');
    return stats;
  };
}
