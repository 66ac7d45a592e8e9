import { asOfNow } from '../market/as-of';
import { addCalendarDays } from '../market/iso-date';
import { shortInterestSettlementDates } from '../market/finra-calendar';
import { addTradingDays, marketDateAt, tradingDaysBetween } from '../market/trading-calendar';
import { expectedNewest } from '../signals/freshness';
import { createCollectors, type Collectors } from './collectors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { snapshotSession } from './screener-snapshot.cache';

// The first fill of an empty store (`squeezebot ingest backfill`, and `start` on a store without short
// volume): what a scan needs, whole market by date. FINRA's daily files carry every symbol's off-exchange
// volume at one request a day, so N sessions of history cost N requests; the two newest short-interest
// settlements give a change; today's screener snapshot and the directory give the universe (and, after
// the close, today's bars). The plan is made from dataset_status, so a stopped run resumes where it was
// and nothing already held is fetched again; the plan's request count is the budget, printed first.

export interface BackfillStep {
  dataset: 'shortvol' | 'shortinterest' | 'universe' | 'bars';
  date: string | null;
  /** requests this step makes, as the plan counts them (the HTTP layer's own retries aside) */
  requests: number;
  /** of which screener requests: the ones a failed all-exchange answer can add to */
  screener: number;
  what: string;
}

export interface BackfillPlan {
  sessions: { count: number; from: string; to: string };
  steps: BackfillStep[];
  counts: { shortvol: number; shortinterest: number; screener: number; directory: number; fmp: number };
  /** the request budget: the sum over the steps, never exceeded */
  total: number;
  held: { shortvol: number; shortinterest: number; universe: boolean };
}

export interface BackfillProgress {
  done: number;
  total: number;
  what: string;
}

export interface BackfillResult {
  outcomes: IngestOutcome[];
  /** requests made, as the plan counts them, with `unplanned` included */
  requests: number;
  /**
   * screener requests the plan could not know of: the per-exchange requests after a failed all-exchange
   * answer, or a snapshot asked again after one failed
   */
  unplanned: number;
  /** stopped before the end: asked to (the signal), or the network looked down */
  stopped: null | 'aborted' | 'offline';
}

/** Consecutive failed steps after which the network is taken as down: start must not wait on 60 timeouts. */
export const OFFLINE_AFTER_FAILURES = 3;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The budget line printed before a backfill starts. */
export function formatBudget(plan: BackfillPlan): string {
  if (plan.total === 0)
    return `backfill: nothing to fetch — the last ${plan.sessions.count} sessions (${plan.sessions.from} to ${plan.sessions.to}), the newest short interest and today's universe are held`;
  const c = plan.counts;
  const parts = [
    plural(c.shortvol, 'FINRA short-volume file'),
    plural(c.shortinterest, 'short-interest file'),
    c.screener ? plural(c.screener, 'screener request') : '',
    c.directory ? plural(c.directory, 'directory file') : '',
    c.fmp ? plural(c.fmp, 'FMP screener request') : '',
  ].filter(Boolean);
  return `backfill: ${parts.join(', ')} — ${plural(plan.total, 'request')}`;
}

/** Why the backfill fetches what it does: what `start` says before it begins. */
export function backfillReason(plan: BackfillPlan): string {
  return (
    `The store has no short volume yet: fetching what a scan needs — ${plan.sessions.count} sessions of FINRA ` +
    `short-volume files (${plan.sessions.from} to ${plan.sessions.to}; each file is the whole market's ` +
    `off-exchange volume of one day), the newest two short-interest settlements and today's universe.`
  );
}

export function createBackfillService(deps: IngestDeps, collectors: Collectors = createCollectors(deps)) {
  // the ingest service's collectors (main.ts): one snapshot serves the universe and today's bars
  const { universe, bars, shortVolume, shortInterest } = collectors;
  const status = deps.repos.datasetStatus;
  const { fmp, polygon } = deps.providers;

  function plan(sessions = deps.settings.current().app.backfill_sessions, now = deps.clock.now()): BackfillPlan {
    const count = Math.max(1, Math.floor(sessions));
    const to = expectedNewest('shortvol', now);
    const from = addTradingDays(to, -(count - 1));
    const days = tradingDaysBetween(from, to);
    // only the consolidated file: it holds every facility's volume, the others are its parts
    const heldDays = status.heldDates('shortvol', days, { like: '%CNMS%' });
    const newest = expectedNewest('shortinterest', now);
    const settlements = shortInterestSettlementDates(addCalendarDays(newest, -45), newest).slice(-2);
    const heldSettlements = status.heldDates('shortinterest', settlements, { notLike: 'yahoo%' });
    const today = marketDateAt(now);
    const last = status.lastSuccess('universe');
    const universeHeld = !!last && marketDateAt(new Date(last.startedAt)) === today;
    // 1 for the all-exchange request, one per exchange once that fell back (providers.nasdaq_api.one_request)
    const screener = deps.providers.nasdaqApi.plannedRequests();

    const steps: BackfillStep[] = [];
    const counts = { shortvol: 0, shortinterest: 0, screener: 0, directory: 0, fmp: 0 };
    if (!universeHeld) {
      const requests = fmp ? 1 : screener + 2;
      if (fmp) counts.fmp += 1;
      else {
        counts.screener += screener;
        counts.directory += 2;
      }
      const step = { dataset: 'universe', date: null, requests, screener: fmp ? 0 : screener } as const;
      steps.push({ ...step, what: 'universe (screener + directory)' });
    }
    // keyless bars: only the session the screener holds now, and only once that session has closed
    const session = snapshotSession(now);
    if (!polygon && session.final && !status.heldDates('bars', [session.date], { like: 'nasdaq screener%' }).size) {
      // shares the universe's snapshot when that step fetched one
      const requests = !universeHeld && !fmp ? 0 : screener;
      counts.screener += requests;
      const what = `bars ${session.date} (screener)`;
      steps.push({ dataset: 'bars', date: session.date, requests, screener: requests, what });
    }
    for (const s of settlements.filter((d) => !heldSettlements.has(d)).reverse()) {
      counts.shortinterest += 1;
      steps.push({ dataset: 'shortinterest', date: s, requests: 1, screener: 0, what: `short interest ${s}` });
    }
    // newest first: a run stopped halfway still leaves the recent sessions a scan looks at most
    for (const d of days.filter((x) => !heldDays.has(x)).reverse()) {
      counts.shortvol += 1;
      steps.push({ dataset: 'shortvol', date: d, requests: 1, screener: 0, what: `short volume ${d}` });
    }
    const total = steps.reduce((n, s) => n + s.requests, 0);
    return {
      sessions: { count, from: days[0] ?? from, to },
      steps,
      counts,
      total,
      held: { shortvol: heldDays.size, shortinterest: heldSettlements.size, universe: universeHeld },
    };
  }

  async function runStep(step: BackfillStep): Promise<IngestOutcome[]> {
    const asOf = marketDateAt(deps.clock.now());
    switch (step.dataset) {
      case 'universe':
        return [await universe.collect()];
      case 'bars':
        return [await bars.collectScreener(step.date!)];
      case 'shortinterest':
        // FINRA's file only: Yahoo's per-symbol cross-check is for the short list, not the first fill
        return shortInterest.collect(step.date!, [], asOf);
      case 'shortvol':
        return [await shortVolume.collectFile('CNMS', step.date!)];
    }
  }

  async function run(
    p: BackfillPlan,
    options: { onProgress?: (p: BackfillProgress) => void; signal?: AbortSignal } = {},
  ): Promise<BackfillResult> {
    const outcomes: IngestOutcome[] = [];
    let done = 0;
    let unplanned = 0;
    let failedInARow = 0;
    const screenerSent = () => deps.providers.nasdaqApi.requestsSent();
    options.onProgress?.({ done, total: p.total, what: 'starting' });
    for (const step of p.steps) {
      if (options.signal?.aborted) return { outcomes, requests: done, unplanned, stopped: 'aborted' };
      // the budget is the plan's: a step that would pass it is not run (none can, the plan sums them)
      if (done + step.requests > p.total + unplanned) break;
      const before = screenerSent();
      const got = await runStep(step);
      outcomes.push(...got);
      // counted as they went over the wire, so the progress and the last line never understate them
      const extra = Math.max(0, screenerSent() - before - step.screener);
      unplanned += extra;
      done += step.requests + extra;
      failedInARow = got.some((o) => o.status === 'failed') ? failedInARow + 1 : 0;
      options.onProgress?.({ done, total: p.total + unplanned, what: step.what });
      if (failedInARow >= OFFLINE_AFTER_FAILURES) return { outcomes, requests: done, unplanned, stopped: 'offline' };
    }
    return { outcomes, requests: done, unplanned, stopped: null };
  }

  return {
    plan,
    run,
    /** The first start: a store without any short volume gets the backfill before its first scan. */
    needed: (): boolean => status.newestDate('shortvol', asOfNow(deps.clock.now())) === null,
  };
}

export type BackfillService = ReturnType<typeof createBackfillService>;

/** A one-line progress bar: `[#######.............]  12/67 short volume 2021-01-04`. */
export function progressBar(p: BackfillProgress, width = 24): string {
  const share = p.total ? p.done / p.total : 1;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(p.done).padStart(String(p.total).length)}/${p.total} ${p.what}`;
}
