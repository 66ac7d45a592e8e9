import type { ButtonRows } from '../present/buttons';
import type { Settings } from '../config/settings';
import type { AlertPrefsRepo } from '../db/repos/alert-prefs.repo';
import type { AlertRow } from '../db/repos/alerts.repo';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { emailOf } from './alert-message';
import type { Outbox } from './outbox';
import { quietState } from './quiet-hours';
import { emailRecipients, routeAlert, type Route } from './routing';

// Turns one stored alert into outbox rows: routes from config, then per chat the mutes (squeeze
// alerts only: a mute is about a ticker) and quiet hours (silent or held; an emergency ignores
// them). Email gets the same words as a small HTML page with a text part.

export interface DispatchDeps {
  settings: Settings;
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  prefs: AlertPrefsRepo;
  /** 'console' when there is no Telegram token */
  chatChannel: 'telegram' | 'console';
  /** EMAIL_TO */
  emailTo?: string;
  /** an email DeliveryChannel exists (SMTP_URL set) */
  emailAvailable: boolean;
}

export interface DispatchResult {
  queued: number[];
  muted: string[];
  held: string[];
}

export function createAlertDispatch(deps: DispatchDeps) {
  const { clock, outbox, prefs } = deps;
  const config = () => deps.settings.current();

  function emailOn(): boolean {
    if (!deps.emailAvailable) return false;
    const chosen = prefs.flag('email_enabled')?.on ?? config().alerting.channels.email.enabled;
    // auto: configured SMTP (emailAvailable, checked above) and someone to write to
    return chosen === 'auto' ? emailRecipients(config().alerting, deps.emailTo).length > 0 : chosen;
  }

  function recipients(): string[] {
    return emailOn() ? emailRecipients(config().alerting, deps.emailTo) : [];
  }

  function routes(kind: 'squeeze' | 'system', severity: string): Route[] {
    return routeAlert(kind, severity, config().alerting, {
      chatChannel: deps.chatChannel,
      emailRecipients: recipients(),
    });
  }

  function send(
    alert: AlertRow,
    buttons: ButtonRows,
    options: { exclude?: Route[]; only?: Route[] } = {},
  ): DispatchResult {
    const now = clock.now();
    const nowIso = now.toISOString();
    const result: DispatchResult = { queued: [], muted: [], held: [] };
    const excluded = (r: Route) =>
      options.exclude?.some((x) => x.channel === r.channel && x.target === r.target) ?? false;
    for (const route of options.only ?? routes(alert.kind as 'squeeze' | 'system', alert.severity)) {
      if (excluded(route)) continue;
      if (route.channel === 'email') {
        const mail = emailOf(alert.title, alert.body);
        result.queued.push(outbox.enqueue({ ...route, alertId: alert.id, ...mail }));
        continue;
      }
      if (alert.kind === 'squeeze' && prefs.activeMute(route.target, alert.symbol, nowIso)) {
        result.muted.push(route.target);
        continue;
      }
      const window = alert.severity === 'emergency' ? undefined : prefs.quiet(route.target);
      const q = window ? quietState(now, window, config().app.timezone) : null;
      const hold = q?.quiet && config().alerting.quiet_hours.mode === 'hold' ? q.endsAt : undefined;
      if (hold) result.held.push(route.target);
      result.queued.push(
        // a held message goes out when the window has ended: with sound again
        outbox.enqueue({
          ...route,
          alertId: alert.id,
          html: alert.body,
          buttons,
          silent: !!q?.quiet && !hold,
          ...(hold ? { holdUntil: hold } : {}),
        }),
      );
    }
    return result;
  }

  return { send, routes, emailOn, recipients };
}

export type AlertDispatch = ReturnType<typeof createAlertDispatch>;
