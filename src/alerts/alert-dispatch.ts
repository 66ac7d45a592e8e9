import type { ButtonRows } from '../present/buttons';
import type { Settings } from '../config/settings';
import type { AlertPrefsRepo } from '../db/repos/alert-prefs.repo';
import type { AlertRow } from '../db/repos/alerts.repo';
import type { UserPrefsRepo } from '../db/repos/user-prefs.repo';
import { notifyKindOf, notifyLevel, type NotifyLevel } from '../domain/user-prefs';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { emailOf } from './alert-message';
import type { Outbox } from './outbox';
import { quietState } from './quiet-hours';
import { emailRecipients, routeAlert, type Route } from './routing';

// Turns one stored alert into outbox rows: routes from config, then per chat the mutes (squeeze
// alerts only: a mute is about a ticker), the level its user chose for the alert's kind (/settings:
// off skips the chat, silent sends without a sound; a private chat's id is its user's, a group has
// no settings), and quiet hours (silent or held). An emergency ignores the last two. Times in a chat's
// message are in its user's zone (app.timezone for groups and email). Email gets the same words as a
// small HTML page with a text part.

export interface DispatchDeps {
  settings: Settings;
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  prefs: AlertPrefsRepo;
  /** each user's own settings (/settings); absent: every chat has the defaults */
  userPrefs?: Pick<UserPrefsRepo, 'get'>;
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
  /** chats whose user turned this kind of alert off */
  off: string[];
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

  /** The zone a chat reads times in: its user's choice, else app.timezone. */
  function zoneOf(chatId: string): string {
    return deps.userPrefs?.get(chatId)?.timeZone ?? config().app.timezone;
  }

  function levelIn(chatId: string, alert: AlertRow): NotifyLevel {
    const kind = notifyKindOf(alert);
    if (alert.severity === 'emergency' || !kind) return 'on';
    return notifyLevel(deps.userPrefs?.get(chatId)?.notify, kind);
  }

  /**
   * `render`: the alert's HTML for a reader's zone, for alerts that show an instant; without it every
   * chat gets the stored body.
   */
  function send(
    alert: AlertRow,
    buttons: ButtonRows,
    options: { exclude?: Route[]; only?: Route[]; render?: (zone: string) => string } = {},
  ): DispatchResult {
    const now = clock.now();
    const nowIso = now.toISOString();
    const result: DispatchResult = { queued: [], muted: [], off: [], held: [] };
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
      const level = levelIn(route.target, alert);
      if (level === 'off') {
        result.off.push(route.target);
        continue;
      }
      const zone = zoneOf(route.target);
      const window = alert.severity === 'emergency' ? undefined : prefs.quiet(route.target);
      const q = window ? quietState(now, window, zone) : null;
      const hold = q?.quiet && config().alerting.quiet_hours.mode === 'hold' ? q.endsAt : undefined;
      if (hold) result.held.push(route.target);
      result.queued.push(
        // a held message goes out when the window has ended: with sound again
        outbox.enqueue({
          ...route,
          alertId: alert.id,
          html: options.render ? options.render(zone) : alert.body,
          buttons,
          silent: (!!q?.quiet && !hold) || level === 'silent',
          ...(hold ? { holdUntil: hold } : {}),
        }),
      );
    }
    return result;
  }

  return { send, routes, emailOn, recipients, zoneOf };
}

export type AlertDispatch = ReturnType<typeof createAlertDispatch>;
