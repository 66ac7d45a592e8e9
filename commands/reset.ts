import { z } from 'zod';
import { fitPhone } from '../src/present/phone-width';
import { defineCommand } from '../src/chat/command-types';
import { bold, code, escapeHtml } from '../src/present/html';
import { settingLabel } from '../src/present/labels/settings';

export const resetCommand = defineCommand({
  name: 'reset',
  summary: 'undo a /set: the value falls back to the config file, env or default',
  usage: '/reset KEY',
  example: '/reset alerting.thresholds.high.squeeze_score',
  minRole: 'admin',
  parse: z
    .array(z.string())
    .length(1, 'one KEY, e.g. alerting.cooldown.high_alert_days')
    .transform(([key]) => ({ key: key! })),
  async run(ctx, { key }, s) {
    const preview = s.settings.previewReset(key);
    const source = () => escapeHtml(s.settings.loaded().sources.get(key)?.source ?? 'default');
    if (!preview.wasSet) {
      await ctx.reply(
        fitPhone(
          `${escapeHtml(settingLabel(key))} was not changed in chat; it is ${code(JSON.stringify(preview.after))} (from ${source()}).`,
        ),
      );
      return;
    }
    await ctx.confirm(
      `Undo the chat value of ${bold(settingLabel(key))}?\n${code(JSON.stringify(preview.before))} → ${code(JSON.stringify(preview.after))}`,
      async () => {
        const { value } = s.settings.reset(key, ctx.user.id);
        return `${bold(settingLabel(key))} is back to ${code(JSON.stringify(value))} (from ${source()}).`;
      },
    );
  },
});
