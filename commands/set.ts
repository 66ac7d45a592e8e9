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
    const before = readPath(s.settings.current(), key);
    const after = s.settings.set(key, value, ctx.user.id);
    await ctx.reply(
      `${bold(settingLabel(key))} is now ${code(JSON.stringify(after))} (was ${code(JSON.stringify(before))}). In effect now; set by ${escapeHtml(ctx.user.id)}. ${code(`/reset ${key}`)} undoes it.`,
    );
  },
});
