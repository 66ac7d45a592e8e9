import type { SystemAlertSpec } from '../alerts/system-rules';
import type { JobRunStatus } from '../db/repos/job-runs.repo';
import type { Dataset } from '../domain/market-data';
import type { Freshness } from '../signals/freshness';
import { datasetCause, type DataCause } from './data-cause';

// Health rules beside the run rules of src/alerts/system-rules.ts (a failed run, no volume candidates
// for N runs): data that stays behind the calendar, a provider whose circuit stays open, a job that keeps
// failing. Pure: the monitor gathers the inputs and raises what comes back through the alert engine,
// whose dedupe keys and repeat suppression keep each warning to one per condition.

export interface CircuitInput {
  provider: string;
  state: string;
  /** when this outage began (the first opening since the last successful call) */
  openSince: Date;
  lastError: string | null;
}

export interface JobInput {
  name: string;
  /** the newest finished runs, newest first */
  recent: { status: JobRunStatus; error: string | null; startedAt: string }[];
}

export interface HealthInputs {
  now: Date;
  /** judged `stale_data_grace_minutes` after the calendar's release, for the datasets a job collects */
  freshness: { freshness: Freshness; job: string }[];
  circuits: CircuitInput[];
  jobs: JobInput[];
  /** why data is missing or old (failed hosts, no network, an empty store), named before any advice */
  cause?: DataCause;
}

export interface HealthThresholds {
  circuitOpenMinutes: number;
  jobFailuresInARow: number;
}

const FAILED: readonly JobRunStatus[] = ['failed', 'timeout', 'interrupted'];

const SOURCE_HINT: Record<Dataset, string> = {
  shortvol: 'FINRA posts the daily short-volume file by 18:00 ET (cdn.finra.org)',
  bars: 'daily bars come from Polygon grouped daily with POLYGON_API_KEY, else Yahoo per symbol for the short list',
  shortinterest: 'FINRA publishes short interest on its calendar (7 business days after settlement)',
  otc: 'FINRA publishes OTC weekly volume 2 (Tier 1) or 4 (Tier 2) weeks after the week',
  universe: 'the universe comes from FMP with FMP_API_KEY, else the Nasdaq Trader symbol directory',
  trades: 'trades come from Polygon (POLYGON_API_KEY)',
  threshold:
    'the Reg SHO threshold lists come from Nasdaq Trader (~23:00 ET), NYSE (~22:00 ET) and Cboe (~03:00 ET the next day)',
  borrow: "borrow snapshots come from IBKR's stock-loan file (anonymous FTP, every 30 minutes in the session)",
  options: "options snapshots come from Cboe's delayed quotes (cdn.cboe.com) for the short list after the close",
  fails: 'the SEC publishes fails-to-deliver twice a month, about 2-3 weeks after each half month (www.sec.gov)',
};

export function healthAlerts(inputs: HealthInputs, t: HealthThresholds): SystemAlertSpec[] {
  const out: SystemAlertSpec[] = [];
  for (const { freshness: f, job } of inputs.freshness) {
    if (!f.stale) continue;
    const why = inputs.cause && datasetCause(inputs.cause, f.dataset);
    out.push({
      severity: 'warning',
      title: `Stale data: ${f.dataset}`,
      body: `${why ? `Cause: ${why}. ` : ''}${capitalise(f.message)}. Scores and alerts that use it are running on old figures; no threshold change helps until it is current.`,
      actions: [
        ...(why && inputs.cause?.offline ? [`Offline: ${inputs.cause.offline}`] : []),
        `Run the collector now: /jobs run ${job}`,
        'Check the providers: squeezebot doctor (or /status for open circuits)',
        capitalise(SOURCE_HINT[f.dataset]),
      ],
      dedupeKey: `health:stale:${f.dataset}:${f.expected}`,
    });
  }
  for (const c of inputs.circuits) {
    const minutes = Math.floor((inputs.now.getTime() - c.openSince.getTime()) / 60_000);
    if (minutes < t.circuitOpenMinutes) continue;
    out.push({
      severity: 'warning',
      title: `Provider ${c.provider}: circuit open for ${minutes} min`,
      body: `Calls to ${c.provider} have been refused since ${c.openSince.toISOString()} after repeated failures${c.lastError ? ` (last error: ${c.lastError})` : ''}. Data from it is not being refreshed.`,
      actions: [
        `Check that ${c.provider} is reachable and its key is accepted: squeezebot doctor`,
        'Check the provider’s status page or rate-limit headroom (performance.api_rate_limits)',
        'The circuit closes by itself after one successful probe call',
      ],
      dedupeKey: `health:circuit_open:${c.provider}`,
    });
  }
  for (const j of inputs.jobs) {
    const streak = j.recent.slice(0, t.jobFailuresInARow);
    if (streak.length < t.jobFailuresInARow || !streak.every((r) => FAILED.includes(r.status))) continue;
    const lastError = streak[0]!.error ?? streak[0]!.status;
    out.push({
      severity: 'warning',
      title: `Job ${j.name} failed ${t.jobFailuresInARow} times in a row`,
      body: `The last ${t.jobFailuresInARow} runs of ${j.name} did not finish (newest ${streak[0]!.startedAt}: ${lastError}).`,
      actions: [
        `See /jobs for its runs, and run it again with /jobs run ${j.name}`,
        'Check the providers and the database: squeezebot doctor',
        'The log has each failure with its error (job field)',
      ],
      dedupeKey: `health:job_failing:${j.name}`,
    });
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
