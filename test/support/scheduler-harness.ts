import type { Config } from '../../src/config/schema';
import type { Db } from '../../src/db/client';
import { createJobRunsRepo } from '../../src/db/repos/job-runs.repo';
import type { IngestOutcome } from '../../src/ingest/ingest-deps';
import { marketDateAt, minutesOfDayAt } from '../../src/market/market-time';
import { buildJobTable } from '../../src/scheduler/job-specs';
import type { JobServices } from '../../src/scheduler/job-table';
import type { JobOutcome, JobSpec } from '../../src/scheduler/job-types';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler';
import { zonedInstant } from '../../src/scheduler/schedule-rule';
import { fakeClock } from '../../src/shared/clock';
import { testLogger } from './logger';

// Drives the real job table with fake services through a fake clock: every call a job makes is
// recorded with its New York time, and each service's answer can be scripted per market date.

export type FakeClock = ReturnType<typeof fakeClock>;

/** 'YYYY-MM-DD HH:MM' in New York */
export function et(at: Date): string {
  const m = minutesOfDayAt(at);
  return `${marketDateAt(at)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The instant of 'YYYY-MM-DD HH:MM' New York time. */
export function nyTime(s: string): Date {
  const [date, time] = s.split(' ') as [string, string];
  return zonedInstant(date, time, 'America/New_York');
}

export interface Call {
  job: string;
  at: string;
}

const ok = (
  dataset: IngestOutcome['dataset'],
  date: string | null,
  status: IngestOutcome['status'] = 'ok',
): IngestOutcome => ({
  dataset,
  date,
  status,
  rows: status === 'ok' ? 100 : 0,
  origin: 'fake',
  ms: 1,
});

/** Services whose answers are `status(job, forDate/now)`; default 'ok'. */
export function fakeServices(
  config: Config,
  clock: FakeClock,
  calls: Call[],
  status: (job: string, date: string, now: Date) => IngestOutcome['status'] = () => 'ok',
  paused: () => string | null = () => null,
): JobServices {
  const rec = (job: string) => calls.push({ job, at: et(clock.now()) });
  return {
    config,
    hasQuoteSource: true,
    alertsPaused: paused,
    ingest: {
      universe: async () => (
        rec('universe'),
        ok('universe', null, status('universe', marketDateAt(clock.now()), clock.now()))
      ),
      shortVolumeFor: async (d) => (rec('short_volume'), [ok('shortvol', d, status('short_volume', d, clock.now()))]),
      barsFor: async (d) => (rec('daily_bars'), [ok('bars', d, status('daily_bars', d, clock.now()))]),
      catchUpShortInterest: async (now = clock.now()) => (
        rec('short_interest'),
        [ok('shortinterest', marketDateAt(now), status('short_interest', marketDateAt(now), now))]
      ),
      catchUpOtc: async (now = clock.now()) => (
        rec('otc_weekly'),
        [ok('otc', marketDateAt(now), status('otc_weekly', marketDateAt(now), now))]
      ),
      thresholdLists: async (now = clock.now()) => (
        rec('threshold_lists'),
        [ok('threshold', marketDateAt(now), status('threshold_lists', marketDateAt(now), now))]
      ),
      failsToDeliver: async (now = clock.now()) => (
        rec('fails_to_deliver'),
        [ok('fails', marketDateAt(now), status('fails_to_deliver', marketDateAt(now), now))]
      ),
      optionsFor: async (d) => (rec('options_snapshot'), ok('options', d, status('options_snapshot', d, clock.now()))),
      tradesFor: async (d) => (rec('lit_trades'), ok('trades', d, status('lit_trades', d, clock.now()))),
      borrowSnapshot: async () => {
        const job = minutesOfDayAt(clock.now()) >= 16 * 60 ? 'borrow_close' : 'borrow_snapshot';
        rec(job);
        return ok('borrow', marketDateAt(clock.now()), status(job, marketDateAt(clock.now()), clock.now()));
      },
    },
    pipeline: {
      run: async () => {
        rec('scan');
        return {
          run: {
            id: `run_${calls.length}`,
            status: 'completed',
            asOf: marketDateAt(clock.now()),
            error: null,
            healthScore: 1,
          },
          ranking: [],
        };
      },
    },
    adhoc: { expire: () => (rec('adhoc_expiry'), []) },
    digest: () => (rec('digest'), [1]),
    retention: { deleteBefore: () => (rec('retention'), { pipelineRuns: 0, jobRuns: 0, outbox: 0 }) },
    health: { check: () => (rec('health_check'), { findings: [], raised: 0 }) },
    learningDaily: async () => void rec('learning'),
    dipScan: async () => void rec('dip_scan'),
    intradayWatch: async () => void rec('intraday_watch'),
  };
}

export function harness(
  db: Db,
  clock: FakeClock,
  jobs: JobSpec[],
): { scheduler: Scheduler; runUntil(end: Date): Promise<void> } {
  const scheduler = createScheduler({ jobs, repo: createJobRunsRepo(db), clock, logger: testLogger() });
  return {
    scheduler,
    /** Steps the clock from wake-up to wake-up, letting each started job finish, until `end`. */
    async runUntil(end: Date) {
      for (;;) {
        scheduler.tick(clock.now());
        await scheduler.idle();
        const wake = scheduler.nextWake();
        if (!wake || wake > end) break;
        clock.set(wake > clock.now() ? wake : new Date(clock.now().getTime() + 1000));
      }
      clock.set(end);
    },
  };
}

export function tableFor(
  config: Config,
  clock: FakeClock,
  calls: Call[],
  status?: Parameters<typeof fakeServices>[3],
): JobSpec[] {
  return buildJobTable(fakeServices(config, clock, calls, status));
}

/** Every job of the job table, in its order. */
export const EVERY_JOB = [
  'universe',
  'short_volume',
  'daily_bars',
  'short_interest',
  'otc_weekly',
  'threshold_lists',
  'fails_to_deliver',
  'options_snapshot',
  'options_intraday',
  'lit_trades',
  'scan',
  'intraday_watch',
  'learning',
  'dip_scan',
  'digest',
  'adhoc_expiry',
  'retention',
  'health_check',
];

/** Seeds an 'ok' run of every job at `at`, so the scheduler starts with nothing to catch up. */
export function seedOkRuns(db: Db, names: string[], at: Date): void {
  const repo = createJobRunsRepo(db);
  for (const n of names) repo.finish(repo.start(n, 'schedule', marketDateAt(at), at), { status: 'ok', finishedAt: at });
}

export type { JobOutcome };
