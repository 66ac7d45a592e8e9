import type { TradesDailyRecord } from '../domain/market-data';
import { isTradingDay } from '../market/trading-calendar';
import { classifyTrades } from '../signals/trade-direction';
import { errorMessage } from '../shared/errors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';
import { skippedDay } from './short-volume.collector';

// Lit trades for the short list only (per symbol, paged): aggregated into buy/sell volume per day
// for the lit flow imbalance. Needs Polygon; without it the dataset is simply absent.

export function createTradesCollector(deps: IngestDeps) {
  const repo = deps.repos.marketData;

  /** Quotes give the better rule (NBBO); without them (plan, size bound, outage) the tick rule still works. */
  async function quotesOrNone(symbol: string, date: string) {
    try {
      return await deps.providers.polygon!.quotes(symbol, date);
    } catch (err) {
      deps.logger.info({ symbol, date, err: errorMessage(err) }, 'no quotes: tick rule');
      return [];
    }
  }

  return {
    async collect(date: string, shortList: string[]): Promise<IngestOutcome> {
      if (!isTradingDay(date)) return skippedDay('trades', date);
      const polygon = deps.providers.polygon;
      const origin = 'polygon trades v3';
      if (!polygon) {
        return {
          dataset: 'trades',
          date,
          status: 'skipped',
          rows: 0,
          origin: '-',
          ms: 0,
          note: 'needs POLYGON_API_KEY (trades are per symbol and keyed)',
        };
      }
      return recordAttempt(deps, 'trades', date, origin, async () => {
        if (shortList.length === 0)
          return { status: 'skipped', rows: 0, origin, note: 'no short list: pass --symbols' };
        const failed: { key: string; error: string }[] = [];
        const records: TradesDailyRecord[] = [];
        for (const symbol of shortList) {
          try {
            const trades = await polygon.trades(symbol, date);
            const totals = classifyTrades(trades, await quotesOrNone(symbol, date));
            records.push({ symbol, date, ...totals, source: 'polygon', publishedOn: date });
          } catch (err) {
            failed.push({ key: symbol, error: errorMessage(err) });
          }
        }
        const rows = repo.transaction(() => repo.upsertTradesDaily(records));
        if (failed.length === shortList.length) return { status: 'failed', rows, origin, failed };
        return { status: rows ? 'ok' : 'empty', rows, origin, failed };
      });
    },
  };
}
