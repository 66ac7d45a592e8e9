// The pipeline funnel as plain text lines: one line per stage (in → out, what cut the rest), then
// the run's status, health and fallback. The CLI prints it as is; chat commands wrap it in <pre>
// (escaped). Pure: takes the recorded run, stored or in memory.

import type { RunRecord } from '../domain/runs';

export interface FunnelStage {
  name: string;
  status: string;
  symbolsIn: number;
  symbolsOut: number;
  eliminationReasons: Record<string, number>;
  durationMs: number;
  errors: string[];
  fallback: string | null;
}

export interface FunnelRun {
  id: string;
  asOf: string;
  status: RunRecord['status'];
  healthScore: number | null;
  fallbackDetected: boolean;
  error: string | null;
}

const STAGE_LABEL: Record<string, string> = {
  universe_loading: 'universe',
  price_filtering: 'price filter',
  volume_filtering: 'volume detector',
  squeeze_detection: 'deep scan',
  final_ranking: 'ranking',
};

const n = (x: number): string => x.toLocaleString('en-US');

/** `price_too_high 1,432, price_too_low 166` — largest first, at most `max` reasons. */
export function reasonsText(reasons: Record<string, number>, max = 4): string {
  const entries = Object.entries(reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = entries.slice(0, max).map(([k, v]) => `${k} ${n(v)}`);
  if (entries.length > max) shown.push(`+${entries.length - max} more`);
  return shown.join(', ');
}

export function funnelLines(run: FunnelRun, stages: readonly FunnelStage[]): string[] {
  const width = Math.max(...stages.map((s) => (STAGE_LABEL[s.name] ?? s.name).length), 8);
  const numW = Math.max(...stages.flatMap((s) => [n(s.symbolsIn).length, n(s.symbolsOut).length]), 1);
  const lines = [`run ${run.id} as of ${run.asOf}: ${run.status}`];
  for (const s of stages) {
    const label = (STAGE_LABEL[s.name] ?? s.name).padEnd(width);
    const counts = `${n(s.symbolsIn).padStart(numW)} → ${n(s.symbolsOut).padStart(numW)}`;
    const ms = `${Math.round(s.durationMs)} ms`;
    const state = s.status === 'ok' ? '' : ` [${s.status.toUpperCase()}]`;
    lines.push(`${label}  ${counts}  ${ms.padStart(8)}${state}`);
    const reasons = reasonsText(s.eliminationReasons);
    if (reasons) lines.push(`${' '.repeat(width)}  cut: ${reasons}`);
    if (s.fallback) lines.push(`${' '.repeat(width)}  fallback: ${s.fallback}`);
    for (const e of s.errors.slice(0, 3)) lines.push(`${' '.repeat(width)}  error: ${e}`);
    if (s.errors.length > 3) lines.push(`${' '.repeat(width)}  (+${s.errors.length - 3} more errors)`);
  }
  const health = run.healthScore === null ? 'n/a' : run.healthScore.toFixed(2);
  lines.push(`health ${health}${run.fallbackDetected ? ', fallback detected' : ''}`);
  if (run.error) lines.push(`error: ${run.error}`);
  return lines;
}
