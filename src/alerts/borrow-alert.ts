import type { Config } from '../config/schema';
import type { AlertRow, AlertsRepo } from '../db/repos/alerts.repo';
import { calendarDaysBetween } from '../market/iso-date';
import { fmtCount } from '../present/format';
import { bold, escapeHtml } from '../present/html';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { BorrowMetrics } from '../signals/metric-types';
import type { AlertDispatch } from './alert-dispatch';
import { squeezeButtons } from './alert-message';

// Borrow alerts (kind 'borrow'): on a ranked name, the shares available to borrow falling to zero (high) or
// the borrow fee jumping within a day (medium) is news a squeeze trader acts on before the next score
// moves, so it has its own kind, routing and cooldown (alerting.cooldown.borrow_alert_days, per symbol,
// kept in the alerts table like the others) and does not spend the squeeze-alert budget.

export interface BorrowTrigger {
  severity: 'high' | 'medium';
  /** one line saying what happened, plain text */
  what: string;
}

/** What in the borrow figures, if anything, is worth an alert (pure). */
export function borrowTrigger(b: BorrowMetrics, rules: BorrowRules): BorrowTrigger | null {
  if (b.availabilityWentToZero) return { severity: 'high', what: 'no shares left to borrow (available fell to 0)' };
  const jump = b.feeChange1d;
  if (jump != null && b.feeRate != null && jump >= rules.fee_jump_points) {
    const before = b.feeRate - jump;
    return {
      severity: 'medium',
      what: `borrow fee up ${jump.toFixed(1)} points in a day: ${before.toFixed(1)}% → ${b.feeRate.toFixed(1)}% a year`,
    };
  }
  return null;
}

/** The run's rules, read from settings once at its start. */
export interface BorrowRules {
  fee_jump_points: number;
  cooldownDays: number;
}

export function borrowRules(alerting: Config['alerting']): BorrowRules {
  return { fee_jump_points: alerting.borrow_alerts.fee_jump_points, cooldownDays: alerting.cooldown.borrow_alert_days };
}

export interface BorrowAlertInput {
  symbol: string;
  asOf: string;
  rank: number;
  score: number;
  borrow: BorrowMetrics;
  runId: string;
}

export function createBorrowAlerts(deps: { repo: AlertsRepo; dispatch: AlertDispatch; clock: Clock; log: Logger }) {
  const { repo, dispatch, clock, log } = deps;
  return function borrowAlert(
    input: BorrowAlertInput,
    rules: BorrowRules,
  ): { alert?: AlertRow; suppressedUntil?: string } {
    const trigger = borrowTrigger(input.borrow, rules);
    if (!trigger) return {};
    const key = `borrow:${input.symbol}`;
    const days = rules.cooldownDays;
    const last = repo.lastByKey('borrow', key);
    // an escalation (fee spike → no shares at all) goes through the cooldown, as squeeze escalations do
    const escalates = last?.severity === 'medium' && trigger.severity === 'high';
    if (last?.asOf && !escalates && calendarDaysBetween(last.asOf, input.asOf) < days) {
      const until = new Date(Date.parse(`${last.asOf}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      return { suppressedUntil: until };
    }
    const title = `${input.symbol}: ${trigger.what}`;
    const id = repo.insert({
      kind: 'borrow',
      symbol: input.symbol,
      severity: trigger.severity,
      score: input.score,
      asOf: input.asOf,
      runId: input.runId,
      title,
      body: '',
      dedupeKey: key,
      createdAt: clock.now().toISOString(),
    });
    repo.setBody(id, borrowAlertHtml(id, input, trigger));
    const alert = repo.get(id)!;
    const sent = dispatch.send(alert, squeezeButtons(id, input.symbol));
    log.info({ id, symbol: input.symbol, severity: trigger.severity, queued: sent.queued.length }, 'borrow alert');
    return { alert };
  };
}

function borrowAlertHtml(id: number, input: BorrowAlertInput, t: BorrowTrigger): string {
  const b = input.borrow;
  const available = b.available == null ? '—' : `${b.availableCapped ? '>' : ''}${fmtCount(b.available)}`;
  const fee = b.feeRate == null ? 'fee not quoted' : `fee ${b.feeRate.toFixed(2)}% a year`;
  return [
    `${t.severity === 'high' ? '🔴' : '🟠'} ${bold(`Borrow: ${escapeHtml(input.symbol)}`)} (#${id})`,
    escapeHtml(t.what),
    escapeHtml(`Now: ${available} shares available, ${fee} (IBKR, ${b.takenAt.slice(0, 16).replace('T', ' ')} UTC).`),
    escapeHtml(`Ranked ${input.rank} on ${input.asOf}, squeeze score ${input.score.toFixed(2)}.`),
    `/borrow ${escapeHtml(input.symbol)} · /ticker ${escapeHtml(input.symbol)}`,
  ].join('\n');
}
