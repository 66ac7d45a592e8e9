import { asOfNow } from '../market/as-of';
import { OTC_TIERS, type Dataset } from '../domain/market-data';
import { addCalendarDays, isIsoDate, mondayOf, weekday } from '../market/iso-date';
import {
  isSettlementDate,
  latestPublishedOtcWeek,
  latestPublishedSettlement,
  shortInterestSettlementDates,
} from '../market/finra-calendar';
import {
  holidayName,
  isTradingDay,
  lastTradingDayOnOrBefore,
  marketDateAt,
  previousTradingDay,
} from '../market/trading-calendar';
import { expectedNewest, releaseDay } from '../signals/freshness';
import { UsageError } from '../shared/errors';
import { createCollectors, type Collectors } from './collectors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { skippedDay } from './short-volume.collector';
import { snapshotSession } from './screener-snapshot.cache';
import { fetchYahooStats } from './yahoo-stats.step';

// One entry point for every collector: `squeezebot ingest` backfills through it, `start` runs
// the daily update through it, and the scheduler's jobs (src/scheduler/job-table.ts) call its parts.

/** A year of bars: 52-week levels, the chart's default range and ATR/RSI seeds. */
export const HISTORY_FILL_CALENDAR_DAYS = 366;

export interface IngestRange {
  from: string;
  to: string;
  symbols?: string[];
}

export function createIngestService(deps: IngestDeps, collectors: Collectors = createCollectors(deps)) {
  const { universe, bars, shortVolume, shortInterest, otc, trades, threshold, options, borrow, fails } = collectors;
  const tracked = deps.repos.trackedSymbols;
  const status = deps.repos.datasetStatus;

  /** The market date whose end-of-day data should be out by now (FINRA posts by 6 pm ET). */
  function latestCompleteDay(now: Date): string {
    return expectedNewest('shortvol', now);
  }

  function shortList(asOf: string, explicit?: string[]): string[] {
    return explicit?.length ? explicit : tracked.shortList(asOf);
  }

  /**
   * A year of daily bars (Yahoo chart, Polygon aggregates when keyed) and the float (Yahoo key statistics)
   * for names new to the short list, one request of each per name. Names already tracked get their bars
   * every day and are not fetched again, so a new listing whose history is short is not asked at every scan.
   */
  async function historyFor(symbols: string[], asOf: string): Promise<{ outcomes: IngestOutcome[]; filled: string[] }> {
    const held = new Set(tracked.recentlyTracked(asOf));
    const need = symbols.filter((s) => !held.has(s));
    if (need.length === 0) return { outcomes: [], filled: [] };
    const got = await bars.collectSymbols(addCalendarDays(asOf, -HISTORY_FILL_CALENDAR_DAYS), asOf, need);
    if (got.status === 'failed') return { outcomes: [got], filled: [] };
    const refused = new Set(got.failed?.map((f) => f.key));
    const filled = need.filter((s) => !refused.has(s));
    const outcomes = [got];
    if (deps.settings.current().short_interest.yahoo_enabled) {
      const stats = await fetchYahooStats(deps, filled, asOf);
      outcomes.push({ ...stats, dataset: 'shortinterest', date: null, ms: 0 });
    }
    return { outcomes, filled };
  }

  /**
   * The day's bars: the whole market (Polygon grouped daily, or the screener's closes), then keyless the
   * short list per symbol — the day's bar for tracked names, a year and the float for names new to it
   * (an ad-hoc ticker or a position just added).
   */
  async function barsOfDay(day: string): Promise<IngestOutcome[]> {
    if (deps.providers.polygon || !isTradingDay(day)) return bars.collect(day, []);
    const known = new Set(tracked.recentlyTracked(day));
    const list = shortList(day);
    const fresh = list.filter((s) => !known.has(s));
    const daily = list.filter((s) => known.has(s));
    const out = daily.length || !fresh.length ? await bars.collect(day, daily) : [await bars.collectScreener(day)];
    if (fresh.length) out.push(...(await historyFor(fresh, day)).outcomes);
    return out;
  }

  /** Trading days in the range; weekends are dropped silently, holidays get a note. */
  function days(dataset: Dataset, range: IngestRange): { dates: string[]; skipped: IngestOutcome[] } {
    const dates: string[] = [];
    const skipped: IngestOutcome[] = [];
    for (let d = range.from; d <= range.to; d = addCalendarDays(d, 1)) {
      if (isTradingDay(d)) dates.push(d);
      else if (range.from === range.to || holidayName(d)) skipped.push(skippedDay(dataset, d));
      else if (weekday(d) === 0 || weekday(d) === 6) continue;
      else skipped.push(skippedDay(dataset, d));
    }
    return { dates, skipped };
  }

  async function run(dataset: Dataset, range: IngestRange): Promise<IngestOutcome[]> {
    if (!isIsoDate(range.from) || !isIsoDate(range.to)) throw new UsageError('dates are YYYY-MM-DD');
    if (range.from > range.to) throw new UsageError(`--from ${range.from} is after --to ${range.to}`);
    const asOf = marketDateAt(deps.clock.now());
    const out: IngestOutcome[] = [];
    switch (dataset) {
      case 'universe':
        out.push(await universe.collect());
        break;
      case 'shortvol': {
        const { dates, skipped } = days(dataset, range);
        out.push(...skipped);
        for (const d of dates) out.push(...(await shortVolume.collect(d)));
        break;
      }
      case 'bars': {
        const { dates, skipped } = days(dataset, range);
        out.push(...skipped);
        if (deps.providers.polygon && !range.symbols?.length) {
          for (const d of dates) out.push(...(await bars.collect(d, [])));
          break;
        }
        if (!deps.providers.polygon && !range.symbols?.length) {
          // keyless, the whole market comes only for the session the screener holds now
          const held = snapshotSession(deps.clock.now()).date;
          const day = dates.length === 1 && range.from === range.to ? dates[0] : dates.find((d) => d === held);
          if (day) out.push(await bars.collectScreener(day));
        }
        if (dates.length) {
          out.push(await bars.collectSymbols(dates[0]!, dates.at(-1)!, shortList(range.to, range.symbols)));
        }
        break;
      }
      case 'trades': {
        const { dates, skipped } = days(dataset, range);
        out.push(...skipped);
        for (const d of dates) out.push(await trades.collect(d, shortList(d, range.symbols)));
        break;
      }
      case 'shortinterest': {
        let settlements = shortInterestSettlementDates(range.from, range.to);
        let note: string | undefined;
        if (range.from === range.to && !isSettlementDate(range.from)) {
          settlements = [latestPublishedSettlement(range.from)];
          note = `${range.from} is not a settlement date: using the newest settlement published by then, ${settlements[0]}`;
        }
        if (note) out.push({ dataset, date: range.from, status: 'skipped', rows: 0, origin: '-', note, ms: 0 });
        for (const s of settlements) out.push(...(await shortInterest.collect(s, shortList(s, range.symbols), asOf)));
        break;
      }
      case 'threshold': {
        const { dates, skipped } = days(dataset, range);
        out.push(...skipped);
        for (const d of dates) out.push(...(await threshold.collect(d)));
        break;
      }
      case 'options':
        out.push(await optionsNow(range));
        break;
      case 'borrow':
        out.push(await borrow.forRange(range));
        break;
      case 'fails':
        // one half-month file each, whatever the days: a file not out yet answers `missing`
        out.push(...(await fails.collectRange(range.from, range.to)));
        break;
      case 'otc': {
        const weeks: string[] = [];
        for (let w = mondayOf(range.from); w <= range.to; w = addCalendarDays(w, 7)) weeks.push(w);
        for (const w of weeks) out.push(...(await otc.collect(w, asOf)));
        break;
      }
    }
    return out;
  }

  return {
    run,
    latestCompleteDay,
    /**
     * The whole-market daily update, a handful of requests: one grouped-daily bar file (keyless: the
     * Nasdaq screener's snapshot, one all-exchange request or one per exchange, shared with the
     * universe, then Yahoo for the short list), today's FINRA file and yesterday's once more, and the
     * universe when it is a week old.
     */
    async daily(now: Date = deps.clock.now()): Promise<IngestOutcome[]> {
      const day = latestCompleteDay(now);
      const out: IngestOutcome[] = [];
      const lastUniverse = status.lastSuccess('universe');
      // measured from the start: a fetch that took a while (paced screener requests) must not
      // push next week's run, started at the same hour, to the day after
      if (!lastUniverse || lastUniverse.startedAt <= new Date(now.getTime() - 7 * 86_400_000).toISOString()) {
        out.push(await universe.collect());
      }
      out.push(...(await barsOfDay(day)));
      out.push(...(await shortVolume.collectDaily(day)));
      return out;
    },
    /** The scan's history fill (scan.service.ts): see historyFor. */
    historyFor,
    /** The scheduler's separate steps of `daily`: each its own job with its own time and retries. */
    universe: () => universe.collect(),
    barsFor: barsOfDay,
    shortVolumeFor: (day: string): Promise<IngestOutcome[]> => shortVolume.collectDaily(day),
    /**
     * The publications that come on their own calendars: the newest short-interest settlement
     * (twice a month) and the newest OTC week of each tier (weekly), each fetched once when out.
     */
    async catchUp(now: Date = deps.clock.now()): Promise<IngestOutcome[]> {
      return [...(await catchUpShortInterest(now)), ...(await catchUpOtc(now))];
    },
    catchUpShortInterest,
    catchUpOtc,
    /** The threshold lists out by `now` not held yet (a few list dates back). */
    thresholdLists: (now: Date = deps.clock.now()): Promise<IngestOutcome[]> => threshold.catchUp(now),
    /** The SEC fails-to-deliver files due by `now` and not held yet (two half months at most). */
    failsToDeliver: (now: Date = deps.clock.now()): Promise<IngestOutcome[]> => fails.catchUp(now),
    /** The options chains of the short list for the session `day` (the job runs after its close, or intraday). */
    optionsFor: (day: string): Promise<IngestOutcome> => options.collect(shortList(day), day),
    /** Lit trades of the short list for `day` (Polygon; skipped with its reason without a key). */
    tradesFor: (day: string): Promise<IngestOutcome> => trades.collect(day, shortList(day)),
    /** One snapshot of IBKR's stock-loan file (every 30 minutes in the session, once after the close). */
    borrowSnapshot: (): Promise<IngestOutcome> => borrow.snapshot(),
  };

  /** Cboe serves the current chain only: a past day comes from saved chains through `import`. */
  async function optionsNow(range: IngestRange): Promise<IngestOutcome> {
    const session = lastTradingDayOnOrBefore(marketDateAt(deps.clock.now()));
    // `ingest options` defaults to the last complete day, which in the session is yesterday: the chain
    // asked for then is today's, and it is stored as today's
    if (range.from !== range.to || range.to < previousTradingDay(session) || range.to > session) {
      const note = `Cboe serves only the current chain (${session}): a past day comes from saved chains (squeezebot import)`;
      return { dataset: 'options', date: range.to, status: 'skipped', rows: 0, origin: '-', note, ms: 0 };
    }
    return options.collect(shortList(session, range.symbols), session);
  }

  async function catchUpShortInterest(now: Date = deps.clock.now()): Promise<IngestOutcome[]> {
    // what counts as out: publications of today only after FINRA's evening release
    const asOf = releaseDay(now);
    const settlement = expectedNewest('shortinterest', now);
    if ((status.newestDate('shortinterest', asOfNow(now)) ?? '') >= settlement) return [];
    return shortInterest.collect(settlement, shortList(asOf), asOf);
  }

  async function catchUpOtc(now: Date = deps.clock.now()): Promise<IngestOutcome[]> {
    const asOf = releaseDay(now);
    const out: IngestOutcome[] = [];
    for (const tier of OTC_TIERS) {
      const week = latestPublishedOtcWeek(asOf, tier);
      if ((status.newestOtcWeek(tier) ?? '') < week) out.push(...(await otc.collect(week, asOf, [tier])));
    }
    return out;
  }
}

export type IngestService = ReturnType<typeof createIngestService>;
