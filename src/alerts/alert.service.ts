import { asOfDate } from '../market/as-of';
import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { AlertRow } from '../db/repos/alerts.repo';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { createAlertActions } from './alert-actions';
import { createAlertDispatch } from './alert-dispatch';
import { borrowRules, createBorrowAlerts } from './borrow-alert';
import { createDipAlerts } from './dip-alert';
export type { DipAlertInput, DipAlertResult } from './dip-alert';
import { systemAlertHtml, systemButtons, type SystemSeverity } from './alert-message';
import { createSqueezeAlerts, type RunCandidates, type SqueezeOutcome } from './squeeze-alerts';
import type { PermanentFailure } from './delivery-worker';
import type { Outbox } from './outbox';
import type { Route } from './routing';
import { runHealthAlerts } from './system-rules';
import { readDataCause } from '../monitoring/read-data-cause';

// The alert engine: squeeze alerts from a pipeline run (levels, then the cooldown kept in the alerts
// table, so a restart never re-sends and an escalation still fires), system alerts for the pipeline
// and delivery, escalation of what nobody acknowledged. Everything leaves through the outbox.

export type { RunCandidates } from './squeeze-alerts';

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

export interface FromRunResult extends SqueezeOutcome {
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
    userPrefs: deps.repos.userPrefs,
    chatChannel: deps.chatChannel ?? 'telegram',
    emailTo: deps.emailTo,
    emailAvailable: deps.emailAvailable ?? false,
  });
  const actions = createAlertActions({
    repo,
    prefs,
    outbox: deps.outbox,
    clock,
    logger: log,
    zoneOf: dispatch.zoneOf,
  });

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
    // stored (and emailed) on the market's clock; each chat gets it on its reader's (dispatch)
    const render = (zone: string) =>
      systemAlertHtml({ id, severity, title, body, actions: recommended, at: now.toISOString(), zone });
    repo.setBody(id, render(config().app.timezone));
    const alert = repo.get(id)!;
    const sent = dispatch.send(alert, systemButtons(id), { exclude: options.exclude, render });
    log.info({ id, severity, title, queued: sent.queued.length }, 'system alert');
    return alert;
  }

  const squeezeAlerts = createSqueezeAlerts({ repo, dispatch, clock, log });
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
      Object.assign(out, squeezeAlerts(result, config().alerting));
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
          newestBars: deps.repos.datasetStatus.newestDate('bars', asOfDate(result.run.asOf)),
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
    counts: (...a: Parameters<typeof repo.counts>) => repo.counts(...a),
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
