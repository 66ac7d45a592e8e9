import type { UserPrefsRepo, UserPrefsRow } from '../db/repos/user-prefs.repo';
import { NOTIFY_KINDS, notifyLevel, type NotifyKind, type NotifyLevel } from '../domain/user-prefs';
import { DEFAULT_CHART_RANGE, isChartRange, type ChartRange } from '../reports/charts/chart-model';
import type { Settings } from '../config/settings';

// A user's settings with the defaults filled in: time zone app.timezone, chart 3m, digest off (opt-in), every
// alert kind on. The chat core resolves them once per message (ChatUser.prefs).

export interface UserPrefs {
  timeZone: string;
  chartRange: ChartRange;
  digest: boolean;
  notify: Record<NotifyKind, NotifyLevel>;
}

export function resolvePrefs(row: UserPrefsRow | undefined, defaultZone: string): UserPrefs {
  return {
    timeZone: row?.timeZone ?? defaultZone,
    chartRange: row?.chartRange && isChartRange(row.chartRange) ? row.chartRange : DEFAULT_CHART_RANGE,
    // opt-in: a daily report in every user's chat unasked would be noise
    digest: row?.digest ?? false,
    notify: Object.fromEntries(NOTIFY_KINDS.map((k) => [k, notifyLevel(row?.notify, k)])) as UserPrefs['notify'],
  };
}

/** The settings of a user (or of a private chat: its id is the user's), defaults from the settings in effect. */
export function createUserPrefsReader(deps: { repo: Pick<UserPrefsRepo, 'get'>; settings: Settings }) {
  return (userId: string): UserPrefs => resolvePrefs(deps.repo.get(userId), deps.settings.current().app.timezone);
}
