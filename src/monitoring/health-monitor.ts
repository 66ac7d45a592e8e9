import { asOfNow } from '../market/as-of';
import type { SystemAlertSpec } from '../alerts/system-rules';
import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { Dataset } from '../domain/market-data';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { assessFreshness } from '../signals/freshness';
import { healthAlerts, type CircuitInput, type HealthInputs } from './health-rules';
import { readDataCause } from './read-data-cause';
import { createResourceMeter, resourceAlerts, type ResourceUsage } from './resource-rules';

// The health_check job: reads what the rules need (a handful of indexed queries, no scans) and raises
// the findings as system alerts. Datasets are judged only once their collecting job has run at least
// once and is not running right now, so a fresh install or a collector mid-run does not cry stale.

/** Which job collects each monitored dataset (trades are per-symbol extras: not monitored). */
export const DATASET_JOBS: Readonly<Partial<Record<Dataset, string>>> = {
  universe: 'universe',
  shortvol: 'short_volume',
  bars: 'daily_bars',
  shortinterest: 'short_interest',
  otc: 'otc_weekly',
  threshold: 'threshold_lists',
  options: 'options_snapshot',
  borrow: 'borrow_snapshot',
  fails: 'fails_to_deliver',
};

export interface MonitorDeps {
  repos: Repos;
  settings: Settings;
  clock: Clock;
  logger: Logger;
  /** the alert engine's system alerts (null when deduped or suppressed) */
  raise: (spec: SystemAlertSpec) => unknown;
  /** jobs as the scheduler sees them: enabled, and running now */
  jobs: () => { name: string; enabled: boolean; running: boolean }[];
  /** the process's memory and CPU since the last call (tests give their own) */
  usage?: () => ResourceUsage;
}

export function createHealthMonitor(deps: MonitorDeps) {
  const datasets = deps.repos.datasetStatus;
  const providers = deps.repos.providerHealth;
  const runs = deps.repos.jobRuns;
  const log = deps.logger.child({ component: 'health' });
  // an outage's start survives re-openings after failed probes (the repos keeps only the latest opening)
  const outageStart = new Map<string, number>();
  const usage = deps.usage ?? createResourceMeter();

  function circuits(): CircuitInput[] {
    const out: CircuitInput[] = [];
    for (const p of providers.all()) {
      // a row still 'open' from before a restart is stale once a call has succeeded since
      const open =
        p.circuitState !== 'closed' && p.circuitOpenedAt && (!p.lastSuccessAt || p.lastSuccessAt < p.circuitOpenedAt);
      if (!open) {
        outageStart.delete(p.provider);
        continue;
      }
      const opened = Date.parse(p.circuitOpenedAt!);
      const since = Math.min(outageStart.get(p.provider) ?? opened, opened);
      outageStart.set(p.provider, since);
      out.push({ provider: p.provider, state: p.circuitState, openSince: new Date(since), lastError: p.lastError });
    }
    return out;
  }

  function inputs(now: Date): HealthInputs {
    const rules = deps.settings.current().alerting.system_rules;
    const judgedAt = new Date(now.getTime() - rules.stale_data_grace_minutes * 60_000);
    const jobs = deps.jobs();
    const byName = new Map(jobs.map((j) => [j.name, j]));
    const freshness: HealthInputs['freshness'] = [];
    for (const [dataset, job] of Object.entries(DATASET_JOBS) as [Dataset, string][]) {
      const j = byName.get(job);
      if (!j?.enabled || j.running || !runs.last(job)) continue;
      freshness.push({
        freshness: assessFreshness(dataset, datasets.newestDate(dataset, asOfNow(now)), judgedAt),
        job,
      });
    }
    const n = rules.job_failures_in_a_row;
    return {
      now,
      freshness,
      circuits: circuits(),
      jobs: jobs.filter((j) => j.enabled).map((j) => ({ name: j.name, recent: runs.recent(j.name, n) })),
      cause: readDataCause(deps.repos, deps.settings.current(), now),
    };
  }

  return {
    inputs,
    /** Evaluates the rules and raises each finding; returns the findings' titles and what was raised. */
    check(now: Date = deps.clock.now()): { findings: string[]; raised: number } {
      const rules = deps.settings.current().alerting.system_rules;
      const specs = [
        ...healthAlerts(inputs(now), {
          circuitOpenMinutes: rules.circuit_open_minutes,
          jobFailuresInARow: rules.job_failures_in_a_row,
        }),
        ...resourceAlerts(usage(), rules.resources),
      ];
      let raised = 0;
      for (const s of specs) if (deps.raise(s)) raised++;
      if (specs.length) log.info({ findings: specs.length, raised }, 'health findings');
      return { findings: specs.map((s) => s.title), raised };
    },
  };
}

export type HealthMonitor = ReturnType<typeof createHealthMonitor>;
