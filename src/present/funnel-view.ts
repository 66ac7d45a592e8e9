import { fmtDuration, fmtInstant, fmtNum } from './format';
import { bold, escapeHtml } from './html';
import { reasonLabel, stageLabel } from './labels/reasons';
import { fitPhone } from './phone-width';

// The pipeline funnel, one view in two renderings: plain lines for the CLI (`squeezebot scan`, the
// report files) and Telegram HTML for /pipeline and /scan. Each stage's symbols in and out, the reasons
// names were cut with counts, errors and fallbacks, and the run's health. Pure: takes the recorded run,
// stored or in memory.

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
  status: string;
  healthScore: number | null;
  fallbackDetected: boolean;
  error: string | null;
  /** the run's summary: `health_reasons` names what took the health below 1 */
  summary?: Record<string, unknown> | null;
}

/** ` (short volume 11 trading days behind …)`, or '' for a run without reasons recorded. */
export function healthReasonsText(run: FunnelRun): string {
  const reasons = run.summary?.health_reasons;
  if (!Array.isArray(reasons) || reasons.length === 0) return '';
  return ` (${reasons.map(String).join('; ')})`;
}

const n = (x: number): string => x.toLocaleString('en-US');

/** A run with its start and end, as the chat header shows it. */
export type TimedRun = FunnelRun & { startedAt: string; finishedAt: string | null };

/** Elimination reasons, most names first (ties by name, so the order never depends on the store). */
function byCount(reasons: Record<string, number>): [string, number][] {
  return Object.entries(reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** `price above max 1,432, price below min 166` — largest first, at most `max` reasons, in words. */
export function reasonsText(reasons: Record<string, number>, max = 4): string {
  const entries = byCount(reasons);
  const shown = entries.slice(0, max).map(([k, v]) => `${reasonLabel(k)} ${n(v)}`);
  if (entries.length > max) shown.push(`+${entries.length - max} more`);
  return shown.join(', ');
}

export function funnelLines(run: FunnelRun, stages: readonly FunnelStage[]): string[] {
  const width = Math.max(...stages.map((s) => stageLabel(s.name).length), 8);
  const numW = Math.max(...stages.flatMap((s) => [n(s.symbolsIn).length, n(s.symbolsOut).length]), 1);
  const lines = [`run ${run.id} as of ${run.asOf}: ${run.status}`];
  for (const s of stages) {
    const label = stageLabel(s.name).padEnd(width);
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
  lines.push(`health ${health}${healthReasonsText(run)}${run.fallbackDetected ? ', fallback detected' : ''}`);
  if (run.error) lines.push(`error: ${run.error}`);
  return lines;
}

// Telegram HTML

/** One short line per stage (a phone bubble is ~36 characters): `volume filtering 11 → 7 · 11 ms`. */
export function funnelTable(stages: readonly FunnelStage[]): string {
  return stages
    .map(
      (s) =>
        `${escapeHtml(stageLabel(s.name))} ${s.symbolsIn} → ${s.symbolsOut} · ${escapeHtml(s.status === 'ok' ? fmtDuration(s.durationMs) : s.status)}`,
    )
    .join('\n');
}

export function eliminationLines(stages: readonly FunnelStage[]): string[] {
  const out: string[] = [];
  for (const s of stages) {
    const reasons = byCount(s.eliminationReasons);
    if (reasons.length)
      out.push(
        `${escapeHtml(stageLabel(s.name))}: ${reasons.map(([r, n]) => `${escapeHtml(reasonLabel(r))} ${n}`).join(', ')}`,
      );
    if (s.fallback) out.push(`${escapeHtml(stageLabel(s.name))}: fallback — ${escapeHtml(s.fallback)}`);
    for (const e of s.errors.slice(0, 3)) out.push(`❗ ${escapeHtml(stageLabel(s.name))}: ${escapeHtml(e)}`);
    if (s.errors.length > 3) out.push(`❗ ${escapeHtml(stageLabel(s.name))}: ${s.errors.length - 3} more errors`);
  }
  return out;
}

/** The run's id, status and timing; its start in `zone` (the reader's; UTC in files). */
export function runHeader(run: TimedRun, zone = 'UTC'): string {
  const ms = run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : null;
  const lines = [
    `${bold(`Run ${run.id}`)}`,
    `as of ${escapeHtml(run.asOf)}, ${escapeHtml(run.status)}`,
    `Started ${escapeHtml(fmtInstant(run.startedAt, zone))}`,
    `took ${escapeHtml(fmtDuration(ms))}`,
    `Health ${escapeHtml(fmtNum(run.healthScore))}${escapeHtml(healthReasonsText(run))}${run.fallbackDetected ? ' (a stage fell back)' : ''}.`,
  ];
  if (run.error) lines.push(`❗ ${escapeHtml(run.error)}`);
  return lines.join('\n');
}

export function funnelText(run: Parameters<typeof runHeader>[0], stages: readonly FunnelStage[], zone = 'UTC'): string {
  const reasons = eliminationLines(stages);
  // every line fits a phone bubble: the reasons wrap under their stage
  return fitPhone(
    [
      runHeader(run, zone),
      bold('Stages'),
      funnelTable(stages),
      ...(reasons.length ? [bold('Cut, by reason'), ...reasons.map((r) => `• ${r}`)] : []),
    ].join('\n'),
  );
}
