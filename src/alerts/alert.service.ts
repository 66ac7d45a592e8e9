import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { AlertRow } from '../db/repos/alerts.repo';
import type { RunRecord } from '../domain/runs';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AlertLevel, ScoreResult, SymbolMetrics } from '../signals/metric-types';
import { createAlertActions } from './alert-actions';
import { createAlertDispatch } from './alert-dispatch';
import { borrowRules, createBorrowAlerts } from './borrow-alert';
import { createDipAlerts } from './dip-alert';
export type { DipAlertInput, DipAlertResult } from './dip-alert';
import {
  squeezeAlertHtml,
  squeezeAlertTitle,
  squeezeButtons,
  systemAlertHtml,
  systemButtons,
  type SystemSeverity,
} from './alert-message';
import { withinBudget } from './alert-budget';
import { decideCooldown } from './cooldown';
import type { PermanentFailure } from './delivery-worker';
import type { Outbox } from './outbox';
import type { Route } from './routing';
import { runHealthAlerts } from './system-rules';
import { readDataCause } from '../monitoring/read-data-cause';

// The alert engine: squeeze alerts from a pipeline run (levels, then the cooldown kept in the alerts
// table, so a restart never re-sends and an escalation still fires), system alerts for the pipeline
// and delivery, escalation of what nobody acknowledged. Everything leaves through the outbox.

/** What fromRun needs of a PipelineResult (src/pipeline/pipeline.service.ts). */
export interface RunCandidates {
  run: RunRecord;
  ranking: { rank: number; symbol: string; result: ScoreResult; metrics: SymbolMetrics }[];
  scored?: { rank: number; symbol: string; result: ScoreResult; metrics: SymbolMetrics }[];
}

export interface AlertServiceDeps {
  repos: Repos;
  settings: Settings;
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  chatChannel?: 'telegram' | 'console';
  emailTo?: string;
  emailAvailable?: boolean;
}

export interface FromRunResult {
  created: AlertRow[];
  suppressed: { symbol: string; level: AlertLevel; until: string }[];
  /** over the day's squeeze-alert budget: not pushed, still in /top and the digest's ranking */
  held: { symbol: string; level: AlertLevel; score: number }[];
  /** borrow alerts (no shares left, fee jump) on ranked names */
  borrow: AlertRow[];
  system: AlertRow[];
}

export function createAlertService(deps: AlertServiceDeps) {
  const { clock } = deps;
  const config = () => deps.settings.current();
  const log = deps.logger.child({ component: 'alerts' });
  const repo = deps.repos.alerts;
  const prefs = deps.repos.alertPrefs;
  const dispatch = createAlertDispatch({
    settings: deps.settings,
    clock,
    logger: log,
    outbox: deps.outbox,
    prefs,
    chatChannel: deps.chatChannel ?? 'telegram',
    emailTo: deps.emailTo,
    emailAvailable: deps.emailAvailable ?? false,
  });
  const actions = createAlertActions({ repo, prefs, outbox: deps.outbox, clock, logger: log });

  function system(
    severity: SystemSeverity,
    title: string,
    body: string,
    recommended: string[] = [],
    options: { dedupeKey?: string; exclude?: Route[]; runId?: string } = {},
  ): AlertRow | null {
    const now = clock.now();
    const suppressMs = config().alerting.system_rules.repeat_suppress_minutes * 60_000;
    if (options.dedupeKey && repo.raisedSince(options.dedupeKey, new Date(now.getTime() - suppressMs).toISOString()))
      return null;
    const id = repo.insert({
      kind: 'system',
      severity,
      title,
      body: '',
      createdAt: now.toISOString(),
      dedupeKey: options.dedupeKey ?? null,
      runId: options.runId ?? null,
    });
    const html = systemAlertHtml({ id, severity, title, body, actions: recommended, at: now.toISOString() });
    repo.setBody(id, html);
    const alert = repo.get(id)!;
    const sent = dispatch.send(alert, systemButtons(id), { exclude: options.exclude });
    log.info({ id, severity, title, queued: sent.queued.length }, 'system alert');
    return alert;
  }

  type Candidate = RunCandidates['ranking'][number];

  /** The cooldown's word on one candidate: the reason it may go out, or until when it waits. */
  function cooldownOf(c: Candidate, run: RunRecord) {
    const last = repo.lastSqueeze(c.symbol);
    return decideCooldown(
      last?.asOf ? { date: last.asOf, level: last.severity as AlertLevel } : null,
      c.result.level!,
      run.asOf,
      config().alerting.cooldown,
    );
  }

  function squeeze(c: Candidate, run: RunRecord, reason: 'first' | 'escalation' | 'cooldown_over'): AlertRow {
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

  const borrowAlert = createBorrowAlerts({ repo, dispatch, clock, log });

  const dip = createDipAlerts({
    repo,
    dispatch,
    settings: deps.settings,
    clock,
    log,
    chatChannel: deps.chatChannel ?? 'telegram',
  });

  return {
    ...actions,
    system,
    dip,
    /**
     * Squeeze alerts for the scored candidates with a level that the cooldown lets through, at most the day's
     * budget of them (alert-budget.ts: high first, then by score; alerts raised earlier the same market day
     * count), then the run-health rules. Live runs only. A held candidate starts no cooldown.
     */
    fromRun(result: RunCandidates): FromRunResult {
      const out: FromRunResult = { created: [], suppressed: [], held: [], borrow: [], system: [] };
      if (result.run.kind !== 'live') return out;
      const seen = new Set<string>();
      const eligible: (Candidate & {
        level: AlertLevel;
        score: number;
        reason: 'first' | 'escalation' | 'cooldown_over';
      })[] = [];
      for (const c of result.scored ?? result.ranking) {
        if (!c.result.level || seen.has(c.symbol)) continue;
        seen.add(c.symbol);
        const decision = cooldownOf(c, result.run);
        if (!decision.send) out.suppressed.push({ symbol: c.symbol, level: c.result.level, until: decision.until });
        else eligible.push({ ...c, level: c.result.level, score: c.result.score, reason: decision.reason });
      }
      const budget = withinBudget(
        eligible,
        config().alerting.daily_budget.squeeze_alerts,
        repo.squeezeCountOn(result.run.asOf),
      );
      for (const c of budget.sent) out.created.push(squeeze(c, result.run, c.reason));
      out.held = budget.held.map((c) => ({ symbol: c.symbol, level: c.level, score: c.score }));
      if (out.held.length) log.info({ held: out.held.map((h) => h.symbol) }, 'squeeze alerts over the daily budget');
      const rules = borrowRules(config().alerting);
      for (const c of result.ranking) {
        const b = c.metrics.supply?.borrow;
        if (!b) continue;
        const { alert } = borrowAlert(
          {
            symbol: c.symbol,
            asOf: result.run.asOf,
            rank: c.rank,
            score: c.result.score,
            borrow: b,
            runId: result.run.id,
          },
          rules,
        );
        if (alert) out.borrow.push(alert);
      }
      for (const a of runHealthAlerts(
        result.run,
        repo.recentStageOutputs('volume_filtering', config().alerting.system_rules.no_volume_candidates_runs),
        config(),
        {
          cause: readDataCause(deps.repos, config(), clock.now()),
          newestBars: deps.repos.datasetStatus.newestDate('bars'),
        },
      )) {
        const row = system(a.severity, a.title, a.body, a.actions, { dedupeKey: a.dedupeKey, runId: result.run.id });
        if (row) out.system.push(row);
      }
      return out;
    },
    /** A channel refused a target for good: warn the admins once, never through that target. */
    onDeliveryRefused(f: PermanentFailure): void {
      system(
        'warning',
        `Delivery to ${f.channel} ${f.target} stopped`,
        `The ${f.channel} target ${f.target} refused a message: ${f.error}.${f.dropped ? ` ${f.dropped} more waiting message(s) for it were dropped.` : ''}`,
        f.channel === 'email'
          ? ['Check the address in EMAIL_TO / alerting.channels.email.recipients']
          : [
              'Check the chat id in alerting.channels.telegram.chat_ids',
              'If the bot was blocked or removed, unblock it or add it back to the group',
            ],
        {
          dedupeKey: `delivery:${f.channel}:${f.target}`,
          exclude: [{ channel: f.channel as Route['channel'], target: f.target }],
        },
      );
    },
    /** Emails every unacknowledged alert of the escalation severities older than after_minutes, once. */
    escalateDue(): number {
      const esc = config().alerting.escalation;
      if (!esc.enabled) return 0;
      const now = clock.now().getTime();
      const before = new Date(now - esc.after_minutes * 60_000).toISOString();
      // alerts older than a day are history, not something to wake someone for
      const floor = new Date(now - esc.after_minutes * 60_000 - 86_400_000).toISOString();
      const only = dispatch.recipients().map((target) => ({ channel: 'email' as const, target }));
      let n = 0;
      for (const alert of repo.dueForEscalation(before, esc.severities)) {
        repo.markEscalated(alert.id, new Date(now).toISOString());
        if (alert.createdAt < floor || !only.length) continue;
        dispatch.send({ ...alert, title: `Unacknowledged after ${esc.after_minutes} min: ${alert.title}` }, [], {
          only,
        });
        n++;
      }
      if (n) log.info({ escalated: n }, 'alerts escalated');
      return n;
    },
    list: (...a: Parameters<typeof repo.list>) => repo.list(...a),
    get: (id: number) => repo.get(id),
    counts: () => repo.counts(),
    emailOn: () => dispatch.emailOn(),
    emailRecipients: () => dispatch.recipients(),
    /** /email on|off: overrides alerting.channels.email.enabled */
    setEmail(on: boolean, by: string): void {
      prefs.setFlag('email_enabled', on, by, clock.now().toISOString());
    },
    /** /emergency_off (disabled = true) and /emergency_on */
    setEmergency(disabled: boolean, by: string): void {
      prefs.setFlag('emergency_disable', disabled, by, clock.now().toISOString());
      log.warn({ disabled, by }, 'emergency switch');
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
