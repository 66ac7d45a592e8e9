import type { DailyBar } from '../domain/market-data';
import { isTradingDay, marketDateAt } from '../market/trading-calendar';
import { errorMessage } from '../shared/errors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';
import { createScreenerSnapshots, snapshotSession, type ScreenerSnapshots } from './screener-snapshot.cache';
import { snapshotBars, snapshotSymbols } from './screener.map';
import { skippedDay } from './short-volume.collector';

// Daily bars, whole market by date (DESIGN.md): Polygon's grouped daily file when a key is set; without
// keys the Nasdaq screener's snapshot after the close (close and volume of every listed stock, open,
// high and low unknown), then Yahoo per symbol for the short list (full bars, which win over the
// screener's close-only ones).

export const GROUPED_SOURCE = 'polygon-grouped';
const SCREENER_ORIGIN = 'nasdaq screener';

export function createBarsCollector(deps: IngestDeps, snapshots: ScreenerSnapshots = createScreenerSnapshots(deps)) {
  const repo = deps.repos.marketData;
  const { polygon, yahoo } = deps.providers;

  return {
    async collect(date: string, shortList: string[]): Promise<IngestOutcome[]> {
      if (!isTradingDay(date)) return [skippedDay('bars', date)];
      if (polygon) {
        const grouped = await recordAttempt(deps, 'bars', date, 'polygon grouped daily', async () => {
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
        return [grouped];
      }
      return [await this.collectScreener(date), await this.collectSymbols(date, date, shortList)];
    },

    /**
     * The whole market's close-only bars of `date` from the screener, when the snapshot it would take
     * now is of that session (see snapshotSession); else nothing is fetched and the outcome says why.
     * The snapshot's market caps and sectors refresh the universe on the way.
     */
    async collectScreener(date: string): Promise<IngestOutcome> {
      return recordAttempt(deps, 'bars', date, SCREENER_ORIGIN, async () => {
        const now = deps.clock.now();
        const session = snapshotSession(now);
        if (!session.final && date === marketDateAt(now))
          // the day's close is still to come: pending, so the job tries again later
          return { status: 'missing', rows: 0, origin: SCREENER_ORIGIN, note: session.note };
        if (session.date !== date) {
          const held = session.final ? `the close of ${session.date}` : 'live prices';
          const note = `the screener holds ${held}, not ${date}: whole-market bars of other days need POLYGON_API_KEY`;
          return { status: 'skipped', rows: 0, origin: SCREENER_ORIGIN, note };
        }
        const snapshot = await snapshots.get();
        const taken = snapshotSession(new Date(snapshot.takenAt));
        if (taken.date !== date) throw new Error(`the snapshot of ${snapshot.takenAt} is not of ${date}`);
        const bars = snapshotBars(snapshot, date);
        const untraded = snapshot.rows.length - bars.length;
        const rows = repo.transaction(() => {
          repo.upsertFundamentals(snapshotSymbols(snapshot, date));
          return repo.upsertCloseOnlyBars(bars);
        });
        const kept = bars.length - rows;
        const note = [
          `${bars.length} closes, open/high/low unknown`,
          untraded && `${untraded} without a trade`,
          kept && `${kept} full bars already held kept`,
        ]
          .filter(Boolean)
          .join('; ');
        return { status: bars.length ? 'ok' : 'empty', rows, origin: SCREENER_ORIGIN, note };
      });
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
            note: 'no short list yet: full bars come per symbol for the short list; pass --symbols',
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
