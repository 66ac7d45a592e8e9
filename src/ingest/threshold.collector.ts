import type { ThresholdMarket } from '../domain/short-supply';
import { addTradingDays, isTradingDay } from '../market/trading-calendar';
import { THRESHOLD_MARKETS } from '../providers/regsho/threshold.client';
import { expectedThresholdList } from '../signals/freshness';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';
import { skippedDay } from './short-volume.collector';

// The Reg SHO threshold lists, one trade date at a time, each market its own attempt (its own line in
// dataset_status), so a Nasdaq block does not hide NYSE's and Cboe's lists and the next run asks only
// for what is still missing. A fetched list replaces what was held for its date and market.

/** List dates the daily job looks back over: a list missed for a few days (a block, an outage) is caught up. */
export const THRESHOLD_CATCH_UP_DAYS = 5;

const originOf = (market: ThresholdMarket) => `${market} threshold list`;

export function createThresholdCollector(deps: IngestDeps) {
  const repo = deps.repos.threshold;
  const status = deps.repos.datasetStatus;

  async function collectMarket(market: ThresholdMarket, date: string): Promise<IngestOutcome> {
    return recordAttempt(deps, 'threshold', date, originOf(market), async () => {
      const got = await deps.providers.threshold.fetch(market, date);
      if (got.status === 'missing') return { status: 'missing', rows: 0, origin: originOf(market), note: got.reason };
      const rows = repo.replaceList(market, date, got.records);
      return { status: rows ? 'ok' : 'empty', rows, origin: originOf(market) };
    });
  }

  /** Every market's list of one trade date (markets: all three unless named). */
  async function collect(
    date: string,
    markets: readonly ThresholdMarket[] = THRESHOLD_MARKETS,
  ): Promise<IngestOutcome[]> {
    if (!isTradingDay(date)) return [skippedDay('threshold', date)];
    const out: IngestOutcome[] = [];
    for (const m of markets) out.push(await collectMarket(m, date));
    return out;
  }

  /**
   * The daily job: the lists of the newest list date out by `now` and of the few before it, each market
   * fetched only while it is not held (ok or empty) yet.
   */
  async function catchUp(now: Date): Promise<IngestOutcome[]> {
    const newest = expectedThresholdList(now);
    const out: IngestOutcome[] = [];
    for (let back = THRESHOLD_CATCH_UP_DAYS - 1; back >= 0; back--) {
      const date = addTradingDays(newest, -back);
      for (const m of THRESHOLD_MARKETS) {
        if (status.heldDates('threshold', [date], { like: originOf(m) }).size) continue;
        out.push(await collectMarket(m, date));
      }
    }
    return out;
  }

  return { collect, catchUp };
}
