import type { Settings } from '../config/settings';
import type { AlertRow, AlertsRepo } from '../db/repos/alerts.repo';
import { calendarDaysBetween } from '../market/iso-date';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AlertDispatch } from './alert-dispatch';
import { squeezeButtons } from './alert-message';
import { routeAlert, type Route } from './routing';

/** A buy-more alert on one user's position (src/portfolio builds the words). */
export interface DipAlertInput {
  userId: string;
  symbol: string;
  /** the trading day the analysis is for: the cooldown counts calendar days between these */
  asOf: string;
  title: string;
  /** the message, given the alert id (it names it) */
  html: (id: number) => string;
  score?: number | null;
}

export type DipAlertResult =
  | { alert: AlertRow; suppressed?: undefined }
  | { alert?: undefined; suppressed: { symbol: string; userId: string; until: string } };

export interface DipAlertDeps {
  repo: AlertsRepo;
  dispatch: AlertDispatch;
  settings: Settings;
  clock: Clock;
  log: Logger;
  chatChannel: 'telegram' | 'console';
}

export function createDipAlerts(deps: DipAlertDeps) {
  const { repo, dispatch, clock, log } = deps;
  /**
   * Buy-more alerts: kind 'dip', severity 'buy_more', one cooldown per user and symbol
   * (alerting.cooldown.dip_alert_days, calendar days, kept in the alerts table like the squeeze one).
   * Routed by the 'dip' rules and always to the position owner's own chat.
   */
  return function dip(input: DipAlertInput): DipAlertResult {
    const key = `dip:${input.userId}:${input.symbol}`;
    const days = deps.settings.current().alerting.cooldown.dip_alert_days;
    const last = repo.lastByKey('dip', key);
    if (last?.asOf && calendarDaysBetween(last.asOf, input.asOf) < days) {
      const until = new Date(Date.parse(`${last.asOf}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      return { suppressed: { symbol: input.symbol, userId: input.userId, until } };
    }
    const id = repo.insert({
      kind: 'dip',
      symbol: input.symbol,
      severity: 'buy_more',
      score: input.score ?? null,
      asOf: input.asOf,
      title: input.title,
      body: '',
      dedupeKey: key,
      createdAt: clock.now().toISOString(),
    });
    repo.setBody(id, input.html(id));
    const alert = repo.get(id)!;
    const { chatChannel } = deps;
    const owner: Route =
      chatChannel === 'console'
        ? { channel: 'console', target: 'console' }
        : { channel: 'telegram', target: input.userId };
    const routes = [
      owner,
      ...routeAlert('dip', 'buy_more', deps.settings.current().alerting, {
        chatChannel,
        emailRecipients: dispatch.recipients(),
      }),
    ];
    const only = routes.filter(
      (r, i) => routes.findIndex((x) => x.channel === r.channel && x.target === r.target) === i,
    );
    const sent = dispatch.send(alert, squeezeButtons(id, input.symbol), { only });
    log.info({ id, symbol: input.symbol, userId: input.userId, queued: sent.queued.length }, 'dip alert');
    return { alert };
  };
}
