import type { Config } from '../config/schema';
import { calendarDaysBetween } from '../market/iso-date';
import type { AlertLevel } from '../signals/metric-types';

// Cooldowns keep a symbol from alerting every day of a run-up: after an alert at level L, the same
// symbol alerts again only once L's cooldown (alerting.cooldown.*_alert_days, calendar days) has
// passed — unless it escalates to a higher level, which always goes through. The live alert engine
// and the backtest both decide with this one function.

const RANK: Record<AlertLevel, number> = { low: 1, medium: 2, high: 3 };

export function cooldownDays(level: AlertLevel, cooldown: Config['alerting']['cooldown']): number {
  return level === 'high'
    ? cooldown.high_alert_days
    : level === 'medium'
      ? cooldown.medium_alert_days
      : cooldown.low_alert_days;
}

export interface SentAlert {
  date: string;
  level: AlertLevel;
}

export type CooldownDecision =
  | { send: true; reason: 'first' | 'escalation' | 'cooldown_over' }
  | { send: false; reason: 'cooldown'; until: string; daysLeft: number };

export function decideCooldown(
  last: SentAlert | null,
  level: AlertLevel,
  date: string,
  cooldown: Config['alerting']['cooldown'],
): CooldownDecision {
  if (!last) return { send: true, reason: 'first' };
  if (RANK[level] > RANK[last.level]) return { send: true, reason: 'escalation' };
  const days = cooldownDays(last.level, cooldown);
  const elapsed = calendarDaysBetween(last.date, date);
  if (elapsed >= days) return { send: true, reason: 'cooldown_over' };
  const until = new Date(Date.parse(`${last.date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return { send: false, reason: 'cooldown', until, daysLeft: days - elapsed };
}
