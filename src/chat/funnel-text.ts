import type { StoredRun } from '../db/repos/pipeline-runs.repo';
import type { StageRecord } from '../domain/runs';
import { fmtDuration, fmtInstant, fmtNum, words } from '../present/format';
import { bold, escapeHtml, preTable } from '../present/html';

// The pipeline funnel as /pipeline and /scan show it: each stage's symbols in and out, the reasons
// names were cut with counts, timings, errors, and the run's health.

type Stage = Pick<
  StageRecord,
  'symbolsIn' | 'symbolsOut' | 'eliminationReasons' | 'durationMs' | 'errors' | 'fallback'
> & { name: string; status: string };

export function funnelTable(stages: readonly Stage[]): string {
  const rows = stages.map((s) => [
    words(s.name),
    String(s.symbolsIn),
    String(s.symbolsOut),
    s.status === 'ok' ? fmtDuration(s.durationMs) : s.status,
  ]);
  return preTable(['stage', 'in', 'out', 'time'], rows, { alignRight: [false, true, true, true] });
}

export function eliminationLines(stages: readonly Stage[]): string[] {
  const out: string[] = [];
  for (const s of stages) {
    const reasons = Object.entries(s.eliminationReasons).sort((a, b) => b[1] - a[1]);
    if (reasons.length)
      out.push(`${escapeHtml(words(s.name))}: ${reasons.map(([r, n]) => `${escapeHtml(words(r))} ${n}`).join(', ')}`);
    if (s.fallback) out.push(`${escapeHtml(words(s.name))}: fallback — ${escapeHtml(s.fallback)}`);
    for (const e of s.errors.slice(0, 3)) out.push(`❗ ${escapeHtml(words(s.name))}: ${escapeHtml(e)}`);
    if (s.errors.length > 3) out.push(`❗ ${escapeHtml(words(s.name))}: ${s.errors.length - 3} more errors`);
  }
  return out;
}

export function runHeader(
  run: Pick<
    StoredRun,
    'id' | 'asOf' | 'status' | 'startedAt' | 'finishedAt' | 'healthScore' | 'fallbackDetected' | 'error'
  >,
): string {
  const ms = run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : null;
  const lines = [
    `${bold(`Run ${run.id}`)} — as of ${escapeHtml(run.asOf)}, ${escapeHtml(run.status)}`,
    `Started ${escapeHtml(fmtInstant(run.startedAt))}, took ${escapeHtml(fmtDuration(ms))}. Health ${escapeHtml(fmtNum(run.healthScore))}${run.fallbackDetected ? ' (a stage fell back)' : ''}.`,
  ];
  if (run.error) lines.push(`❗ ${escapeHtml(run.error)}`);
  return lines.join('\n');
}

export function funnelText(run: Parameters<typeof runHeader>[0], stages: readonly Stage[]): string {
  const reasons = eliminationLines(stages);
  return [runHeader(run), funnelTable(stages), ...(reasons.length ? [bold('Cut, by reason'), ...reasons] : [])].join(
    '\n',
  );
}
