import type { Config } from '../config/schema';
import type { AlertRow, AlertsRepo } from '../db/repos/alerts.repo';
import type { RunRecord } from '../domain/runs';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AlertLevel, ScoreResult, SymbolMetrics } from '../signals/metric-types';
import { withinBudget } from './alert-budget';
import type { AlertDispatch } from './alert-dispatch';
import { squeezeAlertHtml, squeezeAlertTitle, squeezeButtons } from './alert-message';
import { decideCooldown } from './cooldown';

// Squeeze alerts from one live run: every scored candidate with a level goes through the cooldown kept in
// the alerts table (so a restart never re-sends and an escalation still fires), then the day's budget
// (alert-budget.ts: high first, then by score; alerts raised earlier the same market day count). What the
// budget holds starts no cooldown and stays in /top and the digest.

/** What the alert engine needs of a PipelineResult (src/pipeline/pipeline.service.ts). */
export interface RunCandidates {
  run: RunRecord;
  ranking: { rank: number; symbol: string; result: ScoreResult; metrics: SymbolMetrics }[];
  scored?: { rank: number; symbol: string; result: ScoreResult; metrics: SymbolMetrics }[];
}

export interface SqueezeOutcome {
  created: AlertRow[];
  suppressed: { symbol: string; level: AlertLevel; until: string }[];
  /** over the day's squeeze-alert budget: not pushed, still in /top and the digest's ranking */
  held: { symbol: string; level: AlertLevel; score: number }[];
}

type Candidate = RunCandidates['ranking'][number];
type Reason = 'first' | 'escalation' | 'cooldown_over';

export function createSqueezeAlerts(deps: { repo: AlertsRepo; dispatch: AlertDispatch; clock: Clock; log: Logger }) {
  const { repo, dispatch, clock, log } = deps;

  function create(c: Candidate, run: RunRecord, reason: Reason): AlertRow {
    const level = c.result.level!;
    const r = c.result;
    const id = repo.insert({
      kind: 'squeeze',
      symbol: c.symbol,
      severity: level,
      score: r.score,
      fuel: r.fuel,
      trigger: r.trigger,
      asOf: run.asOf,
      runId: run.id,
      title: squeezeAlertTitle({ symbol: c.symbol, level, score: r.score }),
      body: '',
      components: r.components,
      createdAt: clock.now().toISOString(),
    });
    const html = squeezeAlertHtml({
      id,
      symbol: c.symbol,
      level,
      score: r.score,
      fuel: r.fuel,
      trigger: r.trigger,
      rank: c.rank,
      asOf: run.asOf,
      components: r.components,
      levelNotes: r.levelNotes,
      metrics: c.metrics,
      reason,
    });
    repo.setBody(id, html);
    const alert = repo.get(id)!;
    const sent = dispatch.send(alert, squeezeButtons(id, c.symbol));
    log.info(
      { id, symbol: c.symbol, level, reason, queued: sent.queued.length, muted: sent.muted.length },
      'squeeze alert',
    );
    return alert;
  }

  /** `alerting` is the settings snapshot the run read at its start. */
  return function squeezeAlerts(result: RunCandidates, alerting: Config['alerting']): SqueezeOutcome {
    const out: SqueezeOutcome = { created: [], suppressed: [], held: [] };
    const seen = new Set<string>();
    const eligible: (Candidate & { level: AlertLevel; score: number; reason: Reason })[] = [];
    for (const c of result.scored ?? result.ranking) {
      const level = c.result.level;
      if (!level || seen.has(c.symbol)) continue;
      seen.add(c.symbol);
      const last = repo.lastSqueeze(c.symbol);
      const decision = decideCooldown(
        last?.asOf ? { date: last.asOf, level: last.severity as AlertLevel } : null,
        level,
        result.run.asOf,
        alerting.cooldown,
      );
      if (!decision.send) out.suppressed.push({ symbol: c.symbol, level, until: decision.until });
      else eligible.push({ ...c, level, score: c.result.score, reason: decision.reason });
    }
    const budget = withinBudget(eligible, alerting.daily_budget.squeeze_alerts, repo.squeezeCountOn(result.run.asOf));
    for (const c of budget.sent) out.created.push(create(c, result.run, c.reason));
    out.held = budget.held.map((c) => ({ symbol: c.symbol, level: c.level, score: c.score }));
    if (out.held.length) log.info({ held: out.held.map((h) => h.symbol) }, 'squeeze alerts over the daily budget');
    return out;
  };
}
