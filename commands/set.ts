import { z } from 'zod';
import { defineCommand } from '../src/chat/command-types';
import { readPath } from '../src/config/settings-store';
import { bold, code, escapeHtml } from '../src/present/html';
import { settingLabel } from '../src/present/labels/settings';

const KEY = /^[a-z_]+(\.[a-z0-9_]+)+$/;

export const setCommand = defineCommand({
  name: 'set',
  summary: 'change a threshold or setting now, without a restart (stored with who and when)',
  usage: '/set KEY VALUE',
  example: '/set alerting.thresholds.high.squeeze_score 0.85',
  minRole: 'admin',
  parse: z
    .array(z.string())
    .refine((w) => w.length >= 2, 'KEY and VALUE are both needed')
    .refine(
      (w) => KEY.test(w[0]!),
      'KEY is a dotted path such as alerting.cooldown.high_alert_days (/thresholds lists them)',
    )
    .transform(([key, ...value]) => ({ key: key!, value: value.join(' ') })),
  async run(ctx, { key, value }, s) {
    // refused values fail here, before anything is asked; the change itself waits for Confirm
    const { before, after } = s.settings.previewSet(key, value);
    const shown = (v: unknown) => code(JSON.stringify(v));
    const label = bold(settingLabel(key));
    // the same value still moves the key's source to chat (it then outranks the config file)
    const same = JSON.stringify(before) === JSON.stringify(after);
    const question = same
      ? `Pin ${label} at ${shown(after)} in chat? It is that value now, from ${escapeHtml(s.settings.loaded().sources.get(key)?.source ?? 'default')}.`
      : `Change ${label}?\n${shown(before)} → ${shown(after)}`;
    await ctx.confirm(question, async () => {
      const was = readPath(s.settings.current(), key);
      const now = s.settings.set(key, value, ctx.user.id);
      return `${label} is now ${shown(now)} (was ${shown(was)}). In effect now; set by ${escapeHtml(ctx.user.name)}. ${code(`/reset ${key}`)} undoes it.`;
    });
  },
});
