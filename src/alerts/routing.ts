import type { Config } from '../config/schema';
import type { ChannelKind } from '../notify/delivery-channel';

// Where an alert goes, from alerting.routing.rules: every matching rule adds its targets, duplicates
// collapse. Pure, so the rules can be tested as a table.

/** dip: buy-more alerts on a user's position (src/portfolio); borrow: borrow-availability news (borrow-alert.ts) */
export type AlertKind = 'squeeze' | 'system' | 'dip' | 'borrow';

export interface Route {
  channel: ChannelKind;
  target: string;
}

export interface RoutingContext {
  /** 'console' when there is no Telegram token: chat alerts are printed on the console instead */
  chatChannel: 'telegram' | 'console';
  /** email addresses when email is on (config or /email), else empty */
  emailRecipients: string[];
}

export function routeAlert(
  kind: AlertKind,
  severity: string,
  alerting: Config['alerting'],
  ctx: RoutingContext,
): Route[] {
  const chats = new Set<string>();
  let chat = false;
  let email = false;
  for (const rule of alerting.routing.rules) {
    if (!rule.kinds.includes(kind) || !(rule.severities as string[]).includes(severity)) continue;
    if (rule.telegram) for (const id of alerting.channels.telegram.chat_ids) chats.add(id);
    for (const id of rule.chat_ids ?? []) chats.add(id);
    if (rule.telegram || rule.chat_ids?.length) chat = true;
    if (rule.email) email = true;
  }
  const routes: Route[] = [];
  if (alerting.channels.telegram.enabled && chat) {
    // the console is the one chat there is without a token, whatever chat ids the config names
    if (ctx.chatChannel === 'console') routes.push({ channel: 'console', target: 'console' });
    else for (const id of chats) routes.push({ channel: 'telegram', target: id });
  }
  if (email) for (const address of ctx.emailRecipients) routes.push({ channel: 'email', target: address });
  return routes;
}

/** The configured recipients plus EMAIL_TO (comma-separated), deduplicated, lower-cased. */
export function emailRecipients(alerting: Config['alerting'], emailTo: string | undefined): string[] {
  const all = [...alerting.channels.email.recipients, ...(emailTo ?? '').split(',')]
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(all)];
}
