// A chat user's own settings (issue 15, /settings): the zone their times are shown in, how loud each
// kind of alert is in their private chat, the digest, the default chart range. Pure, so the alert
// fan-out and the chat read the same rules.

/** The alert kinds a user sets a level for: squeeze alerts by level, then the other kinds the engine raises. */
export const NOTIFY_KINDS = ['high', 'medium', 'low', 'dip', 'borrow', 'system'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** on: with sound; silent: delivered without a notification; off: not delivered to that user's chat */
export const NOTIFY_LEVELS = ['on', 'silent', 'off'] as const;
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];

export function isNotifyKind(x: string): x is NotifyKind {
  return (NOTIFY_KINDS as readonly string[]).includes(x);
}

export function isNotifyLevel(x: string): x is NotifyLevel {
  return (NOTIFY_LEVELS as readonly string[]).includes(x);
}

/** The kind a stored alert counts as: a squeeze alert by its level, any other by its kind. */
export function notifyKindOf(alert: { kind: string; severity: string }): NotifyKind | null {
  const k = alert.kind === 'squeeze' ? alert.severity : alert.kind;
  return isNotifyKind(k) ? k : null;
}

/** The level stored for a kind; a kind never set (or set to something since dropped) is 'on'. */
export function notifyLevel(notify: Readonly<Record<string, string>> | undefined, kind: NotifyKind): NotifyLevel {
  const v = notify?.[kind];
  return v !== undefined && isNotifyLevel(v) ? v : 'on';
}
