import type { Config } from '../config/schema';
import type { RunRecord } from '../domain/runs';
import type { SystemSeverity } from './alert-message';
import { datasetCause, type DataCause } from '../monitoring/data-cause';

// System alerts read from the saved runs (004 spec §1.3): a failed run, and volume filtering that
// passed nothing for N live runs in a row — usually stale bars or a threshold set too high, both of
// which a trader wants to hear about before trusting an empty /top. Pure: the service raises them.
// The data is ruled out first: with no bars for the run's day, no threshold can produce a candidate, so
// advising a threshold change then would send the trader after the wrong cause.

export interface SystemAlertSpec {
  severity: SystemSeverity;
  title: string;
  body: string;
  actions: string[];
  dedupeKey: string;
}

export interface StageOutput {
  runId: string;
  asOf: string;
  symbolsOut: number;
  status: string;
}

/** What the store held when the run was judged: provider health and freshness, and the newest bar day. */
export interface RunDataState {
  cause: DataCause;
  newestBars: string | null;
}

/** `saved`: volume_filtering outputs of the newest live runs, newest first (may lack `run`). */
export function runHealthAlerts(
  run: RunRecord,
  saved: StageOutput[],
  config: Config,
  data?: RunDataState,
): SystemAlertSpec[] {
  const out: SystemAlertSpec[] = [];
  if (run.status === 'failed' || run.status === 'aborted') {
    out.push({
      severity: 'critical',
      title: 'Discovery run failed',
      body: `Run ${run.id} (as of ${run.asOf}) ${run.status}: ${run.error ?? 'no error recorded'}.`,
      actions: [
        'See /pipeline for the stage that failed',
        'Run squeezebot doctor to check the data and providers',
        'Retry with /scan',
      ],
      dedupeKey: `pipeline:run_failed:${run.asOf}`,
    });
  }

  const n = config.alerting.system_rules.no_volume_candidates_runs;
  const current = run.stages.find((s) => s.name === 'volume_filtering');
  const outputs = [
    ...(current ? [{ runId: run.id, asOf: run.asOf, symbolsOut: current.symbolsOut, status: current.status }] : []),
    ...saved.filter((s) => s.runId !== run.id),
  ].slice(0, n);
  if (outputs.length >= n && outputs.every((s) => s.symbolsOut === 0)) {
    const ratio = config.volume_detector.analysis.min_volume_spike_ratio;
    const stale = data && (data.newestBars === null || data.newestBars < run.asOf);
    if (data && stale) {
      out.push(noCandidatesFromData(run, n, data));
      return out;
    }
    out.push({
      severity: 'critical',
      title: 'Discovery pipeline: no volume candidates',
      body: `Volume filtering found no candidates for ${n} consecutive runs (newest: ${run.id}, as of ${run.asOf}).`,
      actions: [
        `Check volume spike thresholds — current: ${ratio}× minimum (volume_detector.analysis.min_volume_spike_ratio)`,
        'Check that daily bars are fresh: squeezebot doctor',
        `Consider temporary threshold relaxation: /set volume_detector.analysis.min_volume_spike_ratio ${Math.max(1, ratio - 1)}`,
      ],
      dedupeKey: 'pipeline:no_volume_candidates',
    });
  }
  return out;
}

/** The same alert (same dedupe key) when the bars behind the run are missing or older than its day. */
function noCandidatesFromData(run: RunRecord, n: number, data: RunDataState): SystemAlertSpec {
  const held = data.newestBars
    ? `daily bars end ${data.newestBars}, before the run's day ${run.asOf}`
    : 'no daily bars held';
  const why = datasetCause(data.cause, 'bars') ?? (data.newestBars ? 'data stale' : 'data missing');
  return {
    severity: 'critical',
    title: 'Discovery pipeline: no volume candidates',
    body: `Cause: ${why} — ${held}. Volume filtering found no candidates for ${n} consecutive runs (newest: ${run.id}, as of ${run.asOf}) because it had no current bars to measure; thresholds are not the cause and changing them will not help.`,
    actions: [
      'Check the providers: squeezebot doctor (or /status)',
      'Fetch the bars again once they answer: /jobs run daily_bars',
      ...(data.cause.offline ? [`Offline: ${data.cause.offline}`] : []),
    ],
    dedupeKey: 'pipeline:no_volume_candidates',
  };
}
