import type { Config } from '../config/schema';
import type { RetentionResult } from '../db/repos/retention.repo';
import type { IngestService } from '../ingest/ingest.service';
import {
  latestPublishedOtcWeek,
  latestPublishedSettlement,
  otcWeekPublicationDate,
  shortInterestPublicationDate,
} from '../market/finra-calendar';
import { OTC_TIERS } from '../domain/market-data';
import type { RunRecord } from '../domain/runs';
import { expectedThresholdList } from '../signals/freshness';
import { fromIngest, JobFailedError } from './job-outcomes';
import type { JobContext, JobOutcome } from './job-types';

// THE table of jobs: what runs, when (scheduling.* in config), and which service it calls. Chat
// commands and these jobs are two thin callers of the same services. job-specs.ts turns each row into
// the scheduler's JobSpec with its schedule from config.

export interface JobServices {
  config: Config;
  /** a quote source for the intraday watch (POLYGON_API_KEY) */
  hasQuoteSource: boolean;
  ingest: Pick<
    IngestService,
    | 'universe'
    | 'barsFor'
    | 'shortVolumeFor'
    | 'catchUpShortInterest'
    | 'catchUpOtc'
    | 'thresholdLists'
    | 'failsToDeliver'
    | 'optionsFor'
    | 'tradesFor'
    | 'borrowSnapshot'
  >;
  /**
   * Why alerting is paused (/emergency_off or SQUEEZEBOT_EMERGENCY_DISABLE), or null: the jobs that only
   * raise alerts skip, the scan runs without raising any (seed 002: the kill switch stops alerting, not
   * data collection).
   */
  alertsPaused: () => string | null;
  pipeline: {
    run(options?: {
      alerts?: boolean;
    }): Promise<{ run: Pick<RunRecord, 'id' | 'status' | 'asOf' | 'error' | 'healthScore'>; ranking: unknown[] }>;
  };
  adhoc: { expire(): string[] };
  /** null without SMTP_URL */
  digest: (() => number[] | Promise<number[]>) | null;
  retention: { deleteBefore(cutoff: Date): RetentionResult };
  health: { check(now: Date): { findings: string[]; raised: number } };
  /** the learning tracker's after-close checkpoint update for `asOf` */
  learningDaily: (asOf: string) => Promise<Record<string, unknown> | void>;
  /** the after-close dip scan of every open position for `asOf` */
  dipScan: (asOf: string) => Promise<Record<string, unknown> | void>;
  /** one intraday pass over candidates, ad-hoc tickers and positions */
  intradayWatch: (now: Date) => Promise<Record<string, unknown> | void>;
}

export type JobKey = Exclude<keyof Config['scheduling'], 'timezone' | 'volume_detector'>;

/** One job as the table states it; buildJobTable (job-specs.ts) adds its schedule from config. */
export interface JobRow {
  name: string;
  key: JobKey;
  description: string;
  tradingDaysOnly: boolean;
  timeoutMinutes: number;
  catchUp: boolean;
  after?: string[];
  publicationDay?: (date: string) => boolean;
  /** a job whose only product is alerts: skipped while alerting is paused (JobServices.alertsPaused) */
  onlyAlerts?: boolean;
  run(ctx: JobContext): Promise<JobOutcome>;
}

const isSiPublicationDay = (date: string): boolean =>
  shortInterestPublicationDate(latestPublishedSettlement(date)) === date;
const isOtcPublicationDay = (date: string): boolean =>
  OTC_TIERS.some((tier) => otcWeekPublicationDate(latestPublishedOtcWeek(date, tier), tier) === date);

export function jobRows(s: JobServices): JobRow[] {
  return [
    {
      name: 'universe',
      key: 'universe_loader',
      description: 'listed universe (FMP screener, or the Nasdaq screener and Nasdaq Trader directory)',
      tradingDaysOnly: false,
      timeoutMinutes: 10,
      catchUp: true,
      run: async () => fromIngest([await s.ingest.universe()]),
    },
    {
      name: 'short_volume',
      key: 'short_volume',
      description: "FINRA daily short volume (today's file, yesterday's re-post)",
      tradingDaysOnly: true,
      timeoutMinutes: 10,
      catchUp: true,
      run: async (c) => fromIngest(await s.ingest.shortVolumeFor(c.forDate), { primaryDate: c.forDate }),
    },
    {
      name: 'daily_bars',
      key: 'daily_bars',
      description: 'daily bars after the close',
      tradingDaysOnly: true,
      timeoutMinutes: 20,
      catchUp: true,
      run: async (c) => fromIngest(await s.ingest.barsFor(c.forDate), { primaryDate: c.forDate }),
    },
    {
      name: 'short_interest',
      key: 'finra_collector',
      description: 'FINRA short interest on publication days',
      tradingDaysOnly: true,
      timeoutMinutes: 20,
      catchUp: true,
      publicationDay: isSiPublicationDay,
      run: async (c) =>
        fromIngest(await s.ingest.catchUpShortInterest(c.now), { nothingNote: 'newest settlement already held' }),
    },
    {
      name: 'otc_weekly',
      key: 'otc_weekly',
      description: 'FINRA OTC/ATS weekly volume when new weeks publish',
      tradingDaysOnly: true,
      timeoutMinutes: 20,
      catchUp: true,
      publicationDay: isOtcPublicationDay,
      run: async (c) => fromIngest(await s.ingest.catchUpOtc(c.now), { nothingNote: 'newest weeks already held' }),
    },
    {
      name: 'threshold_lists',
      key: 'threshold_lists',
      // Nasdaq posts about 23:00 ET, NYSE about 22:00 ET, Cboe about 03:00 ET the next calendar day: one
      // run after all three, every calendar day (Saturday's run fetches Friday's lists)
      description: 'Reg SHO threshold lists (Nasdaq, NYSE, Cboe BZX) of the last session, after all three post',
      tradingDaysOnly: false,
      timeoutMinutes: 10,
      catchUp: true,
      run: async (c) =>
        fromIngest(await s.ingest.thresholdLists(c.now), {
          primaryDate: expectedThresholdList(c.now),
          nothingNote: 'every list of the last sessions already held',
        }),
    },
    {
      name: 'fails_to_deliver',
      key: 'fails_to_deliver',
      // the SEC posts a half month's file 2-3 weeks after it ends, on no fixed day: a daily run asks for
      // the newest one due and the one before only while they are missing (0-2 requests)
      description: 'SEC fails-to-deliver half-month files due and not held yet (www.sec.gov)',
      tradingDaysOnly: false,
      timeoutMinutes: 10,
      catchUp: true,
      run: async (c) =>
        fromIngest(await s.ingest.failsToDeliver(c.now), { nothingNote: 'the newest half-month files already held' }),
    },
    {
      name: 'options_snapshot',
      key: 'options_snapshot',
      description: "options chains of the short list after the close (Cboe's delayed quotes, one request a name)",
      tradingDaysOnly: true,
      timeoutMinutes: 30,
      catchUp: false,
      run: async (c) => fromIngest([await s.ingest.optionsFor(c.forDate)], { primaryDate: c.forDate }),
    },
    {
      name: 'options_intraday',
      key: 'options_intraday',
      description: 'options chains of the short list during the session (off unless enabled)',
      tradingDaysOnly: true,
      timeoutMinutes: 30,
      catchUp: false,
      run: async (c) => fromIngest([await s.ingest.optionsFor(c.forDate)], { primaryDate: c.forDate }),
    },
    {
      name: 'borrow_snapshot',
      key: 'borrow_snapshot',
      // IBKR rewrites the file through the day and keeps no history: what is not snapshotted is lost
      description: 'IBKR stock-loan file (borrow fee, shares available) in the session, stored as changes',
      tradingDaysOnly: true,
      timeoutMinutes: 10,
      catchUp: false,
      run: async () => fromIngest([await s.ingest.borrowSnapshot()], { nothingNote: 'file not rewritten since' }),
    },
    {
      name: 'borrow_close',
      key: 'borrow_close',
      description: 'IBKR stock-loan file once after the close (the figures the next session opens on)',
      tradingDaysOnly: true,
      timeoutMinutes: 10,
      catchUp: false,
      run: async () => fromIngest([await s.ingest.borrowSnapshot()], { nothingNote: 'file not rewritten since' }),
    },
    {
      name: 'lit_trades',
      key: 'lit_trades',
      description: 'lit trades of the short list after the close (Polygon, POLYGON_API_KEY)',
      tradingDaysOnly: true,
      timeoutMinutes: 180,
      catchUp: true,
      after: ['daily_bars'],
      run: async (c) => fromIngest([await s.ingest.tradesFor(c.forDate)], { primaryDate: c.forDate }),
    },
    {
      name: 'scan',
      key: 'deep_scan',
      description: 'discovery pipeline scan and alerts, after short volume and bars',
      tradingDaysOnly: true,
      timeoutMinutes: 30,
      catchUp: true,
      after: ['short_volume', 'daily_bars'],
      run: async () => {
        const paused = s.alertsPaused();
        const { run, ranking } = await s.pipeline.run({ alerts: !paused });
        const stats = {
          runId: run.id,
          asOf: run.asOf,
          status: run.status,
          ranked: ranking.length,
          health: run.healthScore,
        };
        if (run.status === 'failed' || run.status === 'aborted')
          throw new JobFailedError(`run ${run.id} ${run.status}: ${run.error ?? 'no error recorded'}`);
        const notes = [
          run.status === 'partial' && `partial run: ${run.error ?? 'a stage failed'}`,
          paused && `no alerts raised: ${paused}`,
        ].filter(Boolean);
        return { status: 'ok', stats, note: notes.length ? notes.join('; ') : undefined };
      },
    },
    {
      name: 'intraday_watch',
      key: 'intraday_watch',
      description: 'quotes for candidates, ad-hoc tickers and positions in market hours',
      tradingDaysOnly: true,
      timeoutMinutes: 4,
      catchUp: false,
      onlyAlerts: true,
      run: async (c) => {
        return { status: 'ok', stats: (await s.intradayWatch(c.now)) ?? undefined };
      },
    },
    {
      name: 'learning',
      key: 'learning_tracker',
      description: 'outcome checkpoints of tracked recommendations',
      tradingDaysOnly: true,
      timeoutMinutes: 20,
      catchUp: true,
      after: ['daily_bars', 'scan'],
      run: async (c) => {
        return { status: 'ok', stats: (await s.learningDaily(c.forDate)) ?? undefined };
      },
    },
    {
      name: 'dip_scan',
      key: 'dip_scan',
      description: 'buy-the-dip analysis of open positions (alerts through the engine)',
      tradingDaysOnly: true,
      timeoutMinutes: 10,
      catchUp: true,
      after: ['daily_bars'],
      onlyAlerts: true,
      run: async (c) => {
        return { status: 'ok', stats: (await s.dipScan(c.forDate)) ?? undefined };
      },
    },
    {
      name: 'digest',
      key: 'daily_digest',
      description: 'daily digest: email, and the chats that turned it on',
      tradingDaysOnly: true,
      timeoutMinutes: 5,
      catchUp: false,
      after: ['scan'],
      run: async () => {
        if (!s.digest) return { status: 'skipped', note: 'no digest service in this process' };
        const ids = await s.digest();
        return ids.length
          ? { status: 'ok', stats: { queued: ids.length } }
          : { status: 'skipped', note: 'email off or no recipients, and no chat has /settings digest on' };
      },
    },
    {
      name: 'adhoc_expiry',
      key: 'adhoc_expiry',
      description: 'ends ad-hoc tickers past their TTL',
      tradingDaysOnly: false,
      timeoutMinutes: 1,
      catchUp: true,
      run: async () => {
        const expired = s.adhoc.expire();
        return expired.length ? { status: 'ok', stats: { expired } } : { status: 'skipped', note: 'none due' };
      },
    },
    {
      name: 'retention',
      key: 'retention_cleanup',
      description: `deletes monitoring data older than app.retention_days`,
      tradingDaysOnly: false,
      timeoutMinutes: 30,
      catchUp: true,
      run: async (c) => {
        const cutoff = new Date(c.now.getTime() - s.config.app.retention_days * 86_400_000);
        return { status: 'ok', stats: { cutoff: cutoff.toISOString(), ...s.retention.deleteBefore(cutoff) } };
      },
    },
    {
      name: 'health_check',
      key: 'health_check',
      description: 'stale data, open circuits, failing jobs → system alerts',
      tradingDaysOnly: false,
      timeoutMinutes: 1,
      catchUp: false,
      run: async (c) => {
        const r = s.health.check(c.now);
        return { status: 'ok', stats: r };
      },
    },
  ];
}
