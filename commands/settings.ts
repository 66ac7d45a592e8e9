import { z } from 'zod';
import type { ChatUser } from '../src/chat/chat-context';
import { defineCommand, type ButtonHandler, type CommandServices } from '../src/chat/command-types';
import type { UserPrefs } from '../src/chat/user-prefs';
import { isIanaTimeZone } from '../src/config/config-invariants';
import type { UserPrefsPatch } from '../src/db/repos/user-prefs.repo';
import {
  isNotifyKind,
  isNotifyLevel,
  NOTIFY_KINDS,
  NOTIFY_LEVELS,
  type NotifyKind,
  type NotifyLevel,
} from '../src/domain/user-prefs';
import type { ButtonRows } from '../src/present/buttons';
import { zoneAbbrev } from '../src/present/format';
import { bold, code, escapeHtml } from '../src/present/html';
import { CHART_RANGES, isChartRange, type ChartRange } from '../src/reports/charts/chart-model';

// /settings: a user's own time zone, alert levels, digest and chart range (issue 15). The reply has
// buttons (set:n:<kind>:<level>, set:c:<range>, set:d:1|0) that change one setting and redraw the
// message in place; the words do the same for a user typing.

const KIND_LABEL: Record<NotifyKind, string> = {
  high: 'high squeeze',
  medium: 'medium squeeze',
  low: 'low squeeze',
  dip: 'dip (positions)',
  borrow: 'borrow',
  system: 'system',
};
const LEVEL_MARK: Record<NotifyLevel, string> = { on: '🔔', silent: '🔕', off: '🚫' };
const NEXT_LEVEL: Record<NotifyLevel, NotifyLevel> = { on: 'silent', silent: 'off', off: 'on' };

type Change =
  | { what: 'show' }
  | { what: 'tz'; zone: string }
  | { what: 'chart'; range: ChartRange }
  | { what: 'digest'; on: boolean }
  | { what: 'alerts'; kinds: NotifyKind[]; level: NotifyLevel };

const ZONE_EXAMPLE = 'a zone name like Europe/Berlin or America/New_York';

/** Intl's spelling of a zone (`europe/berlin` → `Europe/Berlin`), or null for anything not an IANA zone. */
export function canonicalZone(word: string): string | null {
  if (!isIanaTimeZone(word)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: word }).resolvedOptions().timeZone;
}

const parse = z.array(z.string()).transform((words, ctx): Change => {
  const fail = (message: string) => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    return z.NEVER;
  };
  const [what, ...rest] = words.map((w) => w.trim());
  if (what === undefined) return { what: 'show' };
  const setting = what.toLowerCase();
  const names: Record<string, string> = {
    tz: ZONE_EXAMPLE,
    timezone: ZONE_EXAMPLE,
    chart: `range: ${CHART_RANGES.join(', ')}`,
    digest: 'word: on or off',
  };
  if (names[setting] && rest.length !== 1) return fail(`give one ${names[setting]}`);
  const word = rest[0] ?? '';
  switch (setting) {
    case 'tz':
    case 'timezone': {
      const zone = canonicalZone(word);
      return zone ? { what: 'tz', zone } : fail(`"${word}" is not a time zone; give ${ZONE_EXAMPLE}`);
    }
    case 'chart': {
      const range = word.toLowerCase();
      return isChartRange(range)
        ? { what: 'chart', range }
        : fail(`"${range}" is not a chart range; give ${CHART_RANGES.join(', ')}`);
    }
    case 'digest': {
      const v = word.toLowerCase();
      return v === 'on' || v === 'off' ? { what: 'digest', on: v === 'on' } : fail('the digest is on or off');
    }
    case 'alerts': {
      if (rest.length !== 2) return fail(`give a kind and a level: /settings alerts dip silent`);
      const kind = rest[0]!.toLowerCase();
      const level = rest[1]!.toLowerCase();
      if (kind !== 'all' && !isNotifyKind(kind))
        return fail(`"${kind}" is not an alert kind; kinds: ${NOTIFY_KINDS.join(', ')}, all`);
      if (!isNotifyLevel(level)) return fail(`"${level}" is not a level; levels: ${NOTIFY_LEVELS.join(', ')}`);
      return { what: 'alerts', kinds: kind === 'all' ? [...NOTIFY_KINDS] : [kind], level };
    }
    default:
      return fail(`"${what}" is not a setting; settings: tz, chart, digest, alerts`);
  }
});

/** The settings as the reply shows them: short lines, for a phone. */
export function settingsHtml(p: UserPrefs, now: Date): string {
  const lines = [
    bold('Your settings'),
    `Time zone: ${escapeHtml(p.timeZone)} (${escapeHtml(zoneAbbrev(now, p.timeZone))})`,
    `Chart range: ${escapeHtml(p.chartRange)}`,
    `Daily digest here: ${p.digest ? 'on' : 'off'}`,
    '',
    bold('Alerts in your private chat'),
    ...NOTIFY_KINDS.map((k) => `${LEVEL_MARK[p.notify[k]]} ${escapeHtml(KIND_LABEL[k])}: ${p.notify[k]}`),
    '<i>Emergencies always come through.</i>',
    '',
    `${code('/settings tz Europe/Berlin')}`,
    `${code('/settings alerts dip silent')}`,
  ];
  return lines.join('\n');
}

/** One button per alert kind (a press moves it on → silent → off), the chart ranges, the digest. */
export function settingsButtons(p: UserPrefs): ButtonRows {
  const kind = (k: NotifyKind) => ({
    text: `${LEVEL_MARK[p.notify[k]]} ${k}`,
    data: `set:n:${k}:${NEXT_LEVEL[p.notify[k]]}`,
  });
  return [
    NOTIFY_KINDS.slice(0, 3).map(kind),
    NOTIFY_KINDS.slice(3).map(kind),
    CHART_RANGES.map((r) => ({ text: r === p.chartRange ? `• ${r}` : r, data: `set:c:${r}` })),
    [{ text: p.digest ? 'Digest: on → off' : 'Digest: off → on', data: `set:d:${p.digest ? 0 : 1}` }],
  ];
}

function store(s: CommandServices, user: ChatUser, patch: UserPrefsPatch): UserPrefs {
  s.prefs.repo.set(user.id, patch, user.id, s.clock.now().toISOString());
  return s.prefs.get(user.id);
}

function patchOf(c: Exclude<Change, { what: 'show' }>): UserPrefsPatch {
  switch (c.what) {
    case 'tz':
      return { timeZone: c.zone };
    case 'chart':
      return { chartRange: c.range };
    case 'digest':
      return { digest: c.on };
    case 'alerts':
      return { notify: Object.fromEntries(c.kinds.map((k) => [k, c.level])) };
  }
}

export const settingsCommand = defineCommand({
  name: 'settings',
  summary: 'your own settings: time zone, alert levels (on, silent, off), digest, chart range',
  usage: '/settings [tz ZONE | chart 1m|3m|6m|1y | digest on|off | alerts KIND on|silent|off]',
  example: '/settings tz Europe/Berlin',
  minRole: 'viewer',
  parse,
  async run(ctx, change, s) {
    const prefs = change.what === 'show' ? ctx.user.prefs : store(s, ctx.user, patchOf(change));
    await ctx.reply(settingsHtml(prefs, s.clock.now()), { buttons: settingsButtons(prefs) });
  },
});

/** The buttons under /settings: `set:n:dip:off`, `set:c:6m`, `set:d:0`. */
const settingsButton: ButtonHandler = {
  minRole: 'viewer',
  async run(ctx, s) {
    const [field, a, b] = ctx.payload.split(':');
    let patch: UserPrefsPatch | null = null;
    if (field === 'n' && a && b && isNotifyKind(a) && isNotifyLevel(b)) patch = { notify: { [a]: b } };
    else if (field === 'c' && a && isChartRange(a)) patch = { chartRange: a };
    else if (field === 'd' && (a === '1' || a === '0')) patch = { digest: a === '1' };
    if (!patch) return ctx.answer('This button is broken.');
    const prefs = store(s, ctx.user, patch);
    const html = settingsHtml(prefs, s.clock.now());
    const options = { buttons: settingsButtons(prefs) };
    if (ctx.message) await ctx.edit(ctx.message, html, options);
    else await ctx.reply(html, options);
    await ctx.answer('Saved');
  },
};

export const SETTINGS_BUTTONS: Readonly<Record<string, ButtonHandler>> = { 'set:': settingsButton };
