import type { Config } from '../config/schema';
import type { RunRecord } from '../domain/runs';
import type { SystemSeverity } from './alert-message';

// System alerts read from the saved runs (004 spec §1.3): a failed run, and volume filtering that
// passed nothing for N live runs in a row — usually stale bars or a threshold set too high, both of
// which a trader wants to hear about before trusting an empty /top. Pure: the service raises them.

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

/** `saved`: volume_filtering outputs of the newest live runs, newest first (may lack `run`). */
export function runHealthAlerts(run: RunRecord, saved: StageOutput[], config: Config): SystemAlertSpec[] {
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
