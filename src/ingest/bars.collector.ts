import type { DailyBar } from '../domain/market-data';
import { isTradingDay } from '../market/trading-calendar';
import { errorMessage } from '../shared/errors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';
import { skippedDay } from './short-volume.collector';

// Daily bars: Polygon's grouped daily file gives the whole market in one call when a key is set;
// without keys, Yahoo per symbol for the short list only (DESIGN.md: whole market by date).

export const GROUPED_SOURCE = 'polygon-grouped';

export function createBarsCollector(deps: IngestDeps) {
  const repo = deps.repos.marketData;
  const { polygon, yahoo } = deps.providers;

  return {
    async collect(date: string, shortList: string[]): Promise<IngestOutcome> {
      if (!isTradingDay(date)) return skippedDay('bars', date);
      if (polygon) {
        return recordAttempt(deps, 'bars', date, 'polygon grouped daily', async () => {
          // marked apart from per-symbol bars: the short list is what a user tracks, not the whole market
          const bars = (await polygon.groupedDaily(date)).map((b) => ({ ...b, source: GROUPED_SOURCE }));
          const rows = repo.transaction(() => repo.upsertBars(bars));
          return {
            status: rows ? 'ok' : 'empty',
            rows,
            origin: 'polygon grouped daily',
            note: rows ? undefined : 'no bars in the answer',
          };
        });
      }
      return this.collectSymbols(date, date, shortList);
    },

    /**
     * Per-symbol bars (Yahoo, or Polygon aggregates when keyed) for a range: the short list, ad-hoc names,
     * backfills.
     */
    async collectSymbols(from: string, to: string, symbols: string[]): Promise<IngestOutcome> {
      const origin = polygon ? 'polygon aggregates' : 'yahoo chart';
      return recordAttempt(deps, 'bars', to, origin, async () => {
        if (symbols.length === 0) {
          return {
            status: 'skipped',
            rows: 0,
            origin,
            note: 'no short list yet: without a Polygon key bars come per symbol; pass --symbols',
          };
        }
        const failed: { key: string; error: string }[] = [];
        let rows = 0;
        for (const symbol of symbols) {
          try {
            const bars: DailyBar[] = polygon
              ? await polygon.dailyBars(symbol, from, to)
              : await yahoo.dailyBars(symbol, from, to);
            rows += repo.transaction(() => repo.upsertBars(bars));
          } catch (err) {
            failed.push({ key: symbol, error: errorMessage(err) });
          }
        }
        if (failed.length === symbols.length)
          return { status: 'failed', rows, origin, failed, note: `all ${symbols.length} symbols failed` };
        return {
          status: rows ? 'ok' : 'empty',
          rows,
          origin,
          failed,
          note: `${symbols.length - failed.length}/${symbols.length} symbols`,
        };
      });
    },
  };
}
