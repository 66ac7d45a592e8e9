import { createJobRunsRepo } from '../../src/db/repos/job-runs.repo';
import { createHealthMonitor } from '../../src/monitoring/health-monitor';
import { createMonitoringStatus } from '../../src/monitoring/status-section';
import { buildJobTable } from '../../src/scheduler/job-specs';
import { createScheduler } from '../../src/scheduler/scheduler';
import { startTimerLoop } from '../../src/scheduler/timer-loop';
import { marketDateAt } from '../../src/market/market-time';
import { systemClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { testConfig } from '../support/config';
import { fakeServices, type Call } from '../support/scheduler-harness';
import { tempDb } from '../support/temp-db';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// The idle cost of the scheduler and monitoring: the real job table, scheduler and timer loop on the real
// clock, the real health monitor (stale data, circuits, failing jobs) every minute — five times its
// default rate — over a db holding 90 days of job runs, and /status's job and process lines once a
// minute. Collectors are stubs (no network; nothing else due runs in the window anyway). The figure is
// CPU time (user + system) over wall time, as a percentage of one core.

export async function benchScheduler(options: { windowMs?: number } = {}) {
  const windowMs = options.windowMs ?? 10 * 60_000;
  const store = tempDb();
  const config = testConfig((c) => {
    c.scheduling.health_check.every_minutes = 1;
  });
  const logger = createLogger({ level: 'silent' });
  const repo = createJobRunsRepo(store.db);
  // 90 days of history: ~420 runs a day (health checks every 5 minutes, hourly expiry, the daily jobs)
  const now = Date.now();
  const names = [
    'health_check',
    'adhoc_expiry',
    'short_volume',
    'daily_bars',
    'scan',
    'learning',
    'digest',
    'retention',
  ];
  store.db.$client.transaction(() => {
    for (let i = 90 * 420; i > 0; i--) {
      const at = new Date(now - i * (86_400_000 / 420));
      repo.finish(repo.start(names[i % names.length]!, 'schedule', marketDateAt(at), at), {
        status: 'ok',
        finishedAt: at,
        stats: { rows: 1 },
      });
    }
  })();

  const calls: Call[] = [];
  const services = fakeServices(config, systemClock as never, calls);
  let scheduler: ReturnType<typeof createScheduler> | null = null;
  let checks = 0;
  const monitor = createHealthMonitor({
    repos: createRepos(store.db),
    settings: fixedSettings(config),
    clock: systemClock,
    logger,
    raise: () => null,
    jobs: () => scheduler!.status().map((j) => ({ name: j.name, enabled: j.enabled, running: !!j.running })),
  });
  services.health = { check: (at) => (checks++, monitor.check(at)) };
  scheduler = createScheduler({ jobs: buildJobTable(services), repo, clock: systemClock, logger });
  const status = createMonitoringStatus({ scheduler, clock: systemClock, isRunning: () => true });

  scheduler.start();
  // catch-ups (stubs) run first; the window starts once they are done
  await new Promise((r) => setTimeout(r, 1000));
  const loop = startTimerLoop(scheduler, { clock: systemClock, logger });
  await scheduler.idle();
  let statusCalls = 0;
  const statusTimer = setInterval(() => {
    status();
    statusCalls++;
  }, 60_000);

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const calls0 = calls.length;
  await new Promise((r) => setTimeout(r, windowMs));
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  loop.stop();
  clearInterval(statusTimer);
  await scheduler.stop({ graceMs: 5000 });
  store.cleanup();

  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    window_s: Math.round(wallMs / 1000),
    cpu_ms: Math.round(cpuMs),
    cpu_pct_of_one_core: Number(((cpuMs / wallMs) * 100).toFixed(3)),
    target_pct: 1,
    health_checks: checks,
    status_calls: statusCalls,
    job_runs_in_window: calls.length - calls0,
    job_runs_history: 90 * 420,
    jobs: scheduler.names().length,
  };
}
