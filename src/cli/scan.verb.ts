import type { VerbContext } from './verb';
import { isIsoDate } from '../market/iso-date';
import { isTradingDay } from '../market/trading-calendar';
import type { PipelineResult } from '../pipeline/pipeline.service';
import { funnelLines } from '../present/funnel-view';
import { UsageError } from '../shared/errors';
import { topContributors } from '../signals/scoring/hybrid-score';
import { appForCli } from './app-for-cli';

// `squeezebot scan [--as-of D] [--json]`: one discovery run, saved like the scheduled one, then the
// funnel and the top list (or the whole result as JSON for scripts).

export function asOfFlag(ctx: VerbContext): string | undefined {
  const v = ctx.flags['as-of'];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !isIsoDate(v))
    throw new UsageError(`--as-of takes a date as YYYY-MM-DD, not "${String(v)}"`);
  return v;
}

export async function scanVerb(ctx: VerbContext): Promise<number> {
  const asOf = asOfFlag(ctx);
  if (asOf && !isTradingDay(asOf))
    ctx.err(`note: ${asOf} is not a trading day; scoring as of the last session before it`);
  const app = appForCli(ctx);
  try {
    const result = await app.pipeline.run({ asOf });
    if (ctx.flags.json) ctx.out(JSON.stringify(scanJson(result), null, 2));
    else for (const line of scanLines(result)) ctx.out(line);
    return result.run.status === 'aborted' || result.run.status === 'failed' ? 1 : 0;
  } finally {
    app.close();
  }
}

export function scanLines(result: PipelineResult, top = 10): string[] {
  const lines = funnelLines(result.run, result.run.stages);
  if (result.promoted.length) lines.push(`ad-hoc promoted to regular candidates: ${result.promoted.join(', ')}`);
  lines.push('');
  if (result.ranking.length === 0) {
    lines.push('no candidates scored');
    return lines;
  }
  lines.push('rank  symbol   score  fuel  trigger  level   spike   top component');
  for (const r of result.ranking.slice(0, top)) {
    const s = r.result;
    const f = (x: number | null) => (x === null ? '  -  ' : x.toFixed(2).padStart(5));
    const spike = r.metrics.volume?.volumeSpikeRatio;
    lines.push(
      [
        String(r.rank).padStart(4),
        r.symbol.padEnd(7),
        s.score.toFixed(2).padStart(6),
        f(s.fuel),
        f(s.trigger).padStart(7),
        (s.level ?? '-').padEnd(6),
        (spike == null ? '-' : `${spike.toFixed(1)}×`).padStart(6),
        topContributors(s, 1)[0] ?? '',
      ].join('  '),
    );
  }
  return lines;
}

function scanJson(result: PipelineResult) {
  const { run } = result;
  return {
    id: run.id,
    status: run.status,
    as_of: run.asOf,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    pipeline_health_score: run.healthScore,
    fallback_detected: run.fallbackDetected,
    error: run.error,
    stages: run.stages.map((s) => ({
      stage_name: s.name,
      status: s.status,
      symbols_input: s.symbolsIn,
      symbols_output: s.symbolsOut,
      criteria: { ...s.criteria, eliminated_count: s.eliminated, elimination_reasons: s.eliminationReasons },
      duration_ms: Math.round(s.durationMs),
      errors: s.errors,
      fallback: s.fallback,
    })),
    ranking: result.ranking.map((r) => ({
      rank: r.rank,
      symbol: r.symbol,
      source: r.source,
      score: r.result.score,
      fuel: r.result.fuel,
      trigger: r.result.trigger,
      level: r.result.level,
      weight_set: r.result.weightSet,
      components: r.result.components,
      missing: r.result.missing,
      level_notes: r.result.levelNotes,
      flags: r.metrics.flags,
    })),
    promoted: result.promoted,
  };
}
