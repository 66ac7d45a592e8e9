import type { AlertService } from '../alerts/alert.service';
import type { Config, Secrets } from '../config/schema';
import type { Db } from '../db/client';
import { createJobRunsRepo } from '../db/repos/job-runs.repo';
import { createRetentionRepo } from '../db/repos/retention.repo';
import type { IngestService } from '../ingest/ingest.service';
import { createHealthMonitor, type HealthMonitor } from '../monitoring/health-monitor';
import { createMonitoringStatus } from '../monitoring/status-section';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { buildJobTable, type JobServices } from './job-table';
import { createScheduler, type Scheduler } from './scheduler';
import { startTimerLoop, type TimerLoop } from './timer-loop';

// The scheduling side of the composition root: the job table over the app's services, the scheduler
// (built by every process so /jobs and /status can read it; its timer runs only under `start`), the
// health monitor, and the /status lines for jobs and the process.

/** Services added to the app by later parts, looked up when a job runs (absent: the job skips). */
interface LateServices {
  learning?: { updateCheckpoints?(asOf: string): unknown };
  portfolio?: { intradayWatch?(now: Date): unknown; scanDips?(asOf: string): unknown };
}

export interface SchedulingDeps {
  db: Db;
  config: Config;
  secrets: Secrets;
  clock: Clock;
  logger: Logger;
  ingest: IngestService;
  pipeline: JobServices['pipeline'];
  adhoc: JobServices['adhoc'];
  alerts: Pick<AlertService, 'system'>;
  /** null without SMTP_URL */
  digest: (() => number[] | Promise<number[]>) | null;
  /** the app, for services wired after this (learning, portfolio) */
  late: () => LateServices;
}

export interface Scheduling {
  scheduler: Scheduler;
  monitor: HealthMonitor;
  /** /status: each job's last run, the scheduler's state, process memory and CPU */
  statusSection(): string;
  /** `start`: plan, catch up, and run the timer until stop() */
  start(): string[];
  stop(options?: { graceMs?: number }): Promise<{ finished: string[]; interrupted: string[] }>;
  started(): boolean;
}

const asStats = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;

/** A dip scan's result as job stats: counts, not every analysis. */
function dipStats(v: unknown): Record<string, unknown> | undefined {
  const r = v as { dips?: unknown[]; alerted?: unknown[]; suppressed?: unknown[]; failed?: unknown[] } | undefined;
  if (!r || typeof r !== 'object') return undefined;
  return {
    dips: r.dips?.length ?? 0,
    alerted: r.alerted?.length ?? 0,
    suppressed: r.suppressed?.length ?? 0,
    failed: r.failed?.length ?? 0,
  };
}

export function createScheduling(deps: SchedulingDeps): Scheduling {
  const { db, config, clock, logger } = deps;
  let scheduler: Scheduler | null = null;
  const monitor = createHealthMonitor({
    db,
    config,
    clock,
    logger,
    raise: (s) => deps.alerts.system(s.severity, s.title, s.body, s.actions, { dedupeKey: s.dedupeKey }),
    jobs: () =>
      scheduler ? scheduler.status().map((j) => ({ name: j.name, enabled: j.enabled, running: !!j.running })) : [],
  });
  const retention = createRetentionRepo(db);
  const jobs = buildJobTable({
    config,
    hasQuoteSource: !!deps.secrets.POLYGON_API_KEY,
    ingest: deps.ingest,
    pipeline: deps.pipeline,
    adhoc: deps.adhoc,
    digest: deps.digest,
    retention,
    health: monitor,
    learningDaily: () => {
      const l = deps.late().learning;
      return l?.updateCheckpoints ? async (asOf) => asStats(await l.updateCheckpoints!(asOf)) : undefined;
    },
    dipScan: () => {
      const p = deps.late().portfolio;
      return p?.scanDips ? async (asOf) => dipStats(await p.scanDips!(asOf)) : undefined;
    },
    intradayWatch: () => {
      const p = deps.late().portfolio;
      return p?.intradayWatch ? async (now) => asStats(await p.intradayWatch!(now)) : undefined;
    },
  });
  scheduler = createScheduler({ jobs, repo: createJobRunsRepo(db), clock, logger });
  const s = scheduler;
  let timer: TimerLoop | null = null;
  const status = createMonitoringStatus({ scheduler: s, clock, isRunning: () => !!timer });

  return {
    scheduler: s,
    monitor,
    statusSection: status,
    start() {
      const late = deps.late();
      if (!late.learning?.updateCheckpoints)
        logger.info({ job: 'learning' }, 'learning tracker not wired: the job skips until it is');
      if (!late.portfolio?.intradayWatch)
        logger.info({ job: 'intraday_watch' }, 'intraday watch not wired: the job skips until it is');
      const catchUps = s.start();
      timer = startTimerLoop(s, { clock, logger });
      return catchUps;
    },
    async stop(options) {
      timer?.stop();
      timer = null;
      return s.stop(options);
    },
    started: () => !!timer,
  };
}
