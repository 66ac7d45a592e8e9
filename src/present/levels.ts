// How alert levels and severities look in chat, reports and email: one icon per severity, one short
// label per squeeze level for narrow table columns.

/** Squeeze levels (high, medium, low) and system severities, by icon. */
export const SEVERITY_ICON: Readonly<Record<string, string>> = {
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  emergency: '🚨',
  critical: '❗',
  warning: '⚠️',
  info: 'ℹ️',
};

/** A squeeze level in a table column: `HIGH`, `med`, `low`; anything else as it is, none as a dash. */
export function levelCell(level: string | null): string {
  if (!level) return '—';
  return ({ high: 'HIGH', medium: 'med', low: 'low' } as Record<string, string>)[level] ?? level;
}

const BADGE: Record<string, string> = { high: 'HIGH', medium: 'MED', low: 'LOW' };

/** A squeeze level on a card line: `🔴 HIGH`; below alerting a dash. */
export function levelBadge(level: string | null): string {
  if (!level) return '—';
  return `${SEVERITY_ICON[level] ?? ''} ${BADGE[level] ?? level.toUpperCase()}`.trim();
}
