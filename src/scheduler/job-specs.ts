import { jobRows, type JobServices } from './job-table';
import type { JobSpec } from './job-types';
import { ruleFromConfig, type ScheduleConfig } from './schedule-rule';

// The job table's rows as the scheduler runs them: each row's schedule, timeout, retries and enabled
// state from scheduling.* in config (a job without a quote source is disabled and says why).

export function buildJobTable(s: JobServices): JobSpec[] {
  const sched = s.config.scheduling;
  return jobRows(s).map((row) => {
    const cfg = sched[row.key] as ScheduleConfig & {
      retry_until?: string;
      retry_every_minutes?: number;
      trading_days_only?: boolean;
      timeout_minutes?: number;
      enabled?: boolean;
    };
    const tradingDaysOnly = cfg.trading_days_only ?? row.tradingDaysOnly;
    const rule = ruleFromConfig(cfg, { timezone: sched.timezone, tradingDaysOnly, publicationDay: row.publicationDay });
    let enabled = cfg.enabled ?? true;
    let disabledReason = enabled ? undefined : `scheduling.${row.key}.enabled is false`;
    if (row.name === 'intraday_watch' && !s.hasQuoteSource) {
      enabled = false;
      disabledReason = 'no quote source: set POLYGON_API_KEY';
    }
    return {
      name: row.name,
      description: row.description,
      rule,
      timeoutMs: (cfg.timeout_minutes ?? row.timeoutMinutes) * 60_000,
      enabled,
      disabledReason,
      catchUp: row.catchUp,
      after: row.after,
      retry: cfg.retry_until
        ? { everyMs: (cfg.retry_every_minutes ?? 15) * 60_000, until: cfg.retry_until }
        : undefined,
      // not out on its publication day: due again on the following trading days at the same time
      retryRule: row.publicationDay
        ? ruleFromConfig({ ...cfg, frequency: 'daily' }, { timezone: sched.timezone, tradingDaysOnly: true })
        : undefined,
      run: async (c) => {
        const paused = row.onlyAlerts ? s.alertsPaused() : null;
        // skipped, not failed: nothing is wrong, and /jobs says why it did not run
        return paused ? { status: 'skipped', note: `paused: ${paused}` } : row.run(c);
      },
    };
  });
}
