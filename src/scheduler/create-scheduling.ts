import type { AsOf } from '../market/as-of';
import type { AlertService } from '../alerts/alert.service';
import type { Secrets } from '../config/schema';
import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { IngestService } from '../ingest/ingest.service';
import type { LearningService } from '../learning/learning.service';
import type { PortfolioService, ScanResult as DipScanResult } from '../portfolio/portfolio.service';
import { createHealthMonitor, type HealthMonitor } from '../monitoring/health-monitor';
import { createMonitoringStatus } from '../monitoring/status-section';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { buildJobTable } from './job-specs';
import type { JobServices } from './job-table';
import { createScheduler, type Scheduler } from './scheduler';
import { startTimerLoop, type TimerLoop } from './timer-loop';

// The scheduling side of the composition root: the job table over the app's services, the scheduler
// (built by every process so /jobs and /status can read it; its timer runs only under `start`), the
// health monitor, and the /status lines for jobs and the process.

export interface SchedulingDeps {
  repos: Repos;
  settings: Settings;
  secrets: Secrets;
  clock: Clock;
  logger: Logger;
  ingest: IngestService;
  pipeline: JobServices['pipeline'];
  adhoc: JobServices['adhoc'];
  alerts: Pick<AlertService, 'system'>;
  /** null without SMTP_URL */
  digest: (() => number[] | Promise<number[]>) | null;
  learning: Pick<LearningService, 'updateCheckpoints'>;
  portfolio: Pick<PortfolioService, 'scanDips' | 'intradayWatch'>;
  /** why alerting is paused (the emergency switch), or null */
  alertsPaused: () => string | null;
}

export interface Scheduling {
  scheduler: Scheduler;
  monitor: HealthMonitor;
  /** /status: each job's last run, the scheduler's state, process memory and CPU */
  statusSection(asOf: AsOf): string;
  /** `start`: plan, catch up, and run the timer until stop() */
  start(): string[];
  stop(options?: { graceMs?: number }): Promise<{ finished: string[]; interrupted: string[] }>;
  started(): boolean;
}

/** A dip scan's result as job stats: counts, not every analysis. */
function dipStats(r: DipScanResult): Record<string, number> {
  return { dips: r.dips.length, alerted: r.alerted.length, suppressed: r.suppressed.length, failed: r.failed.length };
}

export function createScheduling(deps: SchedulingDeps): Scheduling {
  const { repos, clock, logger } = deps;
  let scheduler: Scheduler | null = null;
  const monitor = createHealthMonitor({
    repos,
    settings: deps.settings,
    clock,
    logger,
    raise: (s) => deps.alerts.system(s.severity, s.title, s.body, s.actions, { dedupeKey: s.dedupeKey }),
    jobs: () =>
      scheduler ? scheduler.status().map((j) => ({ name: j.name, enabled: j.enabled, running: !!j.running })) : [],
  });
  const retention = repos.retention;
  const jobs = buildJobTable({
    // the job table reads only restart-only keys (scheduling.*, app.retention_days): built once
    config: deps.settings.current(),
    hasQuoteSource: !!deps.secrets.POLYGON_API_KEY,
    ingest: deps.ingest,
    pipeline: deps.pipeline,
    alertsPaused: deps.alertsPaused,
    adhoc: deps.adhoc,
    digest: deps.digest,
    retention,
    health: monitor,
    learningDaily: async (asOf) => ({ ...deps.learning.updateCheckpoints(asOf) }),
    dipScan: async (asOf) => dipStats(await deps.portfolio.scanDips(asOf)),
    intradayWatch: async (now) => ({ ...(await deps.portfolio.intradayWatch(now)) }),
  });
  scheduler = createScheduler({ jobs, repo: repos.jobRuns, clock, logger });
  const s = scheduler;
  let timer: TimerLoop | null = null;
  const status = createMonitoringStatus({ scheduler: s, clock, isRunning: () => !!timer });

  return {
    scheduler: s,
    monitor,
    statusSection: status,
    start() {
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
