import { fitPhone } from '../src/present/phone-width';
import { z } from 'zod';
import { defineCommand } from '../src/chat/command-types';
import { escapeHtml } from '../src/present/html';
import { parseQuietWindow, type QuietWindow } from '../src/alerts/quiet-hours';

const parse = z
  .array(z.string())
  .max(1, 'give one window like 22:00-07:00, or off')
  .transform((words, ctx): QuietWindow | 'off' | 'show' => {
    const w = words[0];
    if (w === undefined) return 'show';
    if (/^off$/i.test(w)) return 'off';
    const window = parseQuietWindow(w);
    if (!window) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `"${w}" is not a window like 22:00-07:00 (24h, start and end differ)`,
      });
      return z.NEVER;
    }
    return window;
  });

export const quietCommand = defineCommand({
  name: 'quiet',
  summary: 'quiet hours for this chat: alerts then arrive silently or wait for the end (config)',
  usage: '/quiet HH:MM-HH:MM|off',
  example: '/quiet 22:00-07:00',
  minRole: 'trader',
  parse,
  async run(ctx, arg, s) {
    const config = s.settings.current();
    const { alerts } = s.alerting;
    // the window is on the chat's clock: a private chat's is its user's zone (the alert fan-out reads it so)
    const tz = ctx.chatId === ctx.user.id ? ctx.user.prefs.timeZone : config.app.timezone;
    const mode =
      config.alerting.quiet_hours.mode === 'hold' ? 'held until the window ends' : 'delivered without a sound';
    if (arg === 'show') {
      const q = alerts.quiet(ctx.chatId);
      await ctx.reply(
        fitPhone(
          q
            ? `Quiet hours here: ${escapeHtml(`${q.start}-${q.end}`)} (${escapeHtml(tz)}); alerts then are ${mode}.`
            : 'No quiet hours in this chat. /quiet 22:00-07:00 sets them.',
        ),
      );
      return;
    }
    const user = { id: ctx.user.id, name: ctx.user.name };
    if (arg === 'off') {
      await ctx.reply(
        fitPhone(
          alerts.setQuiet(ctx.chatId, null, user)
            ? 'Quiet hours are off in this chat.'
            : 'This chat had no quiet hours.',
        ),
      );
      return;
    }
    alerts.setQuiet(ctx.chatId, arg, user);
    await ctx.reply(
      fitPhone(
        `Quiet hours set: ${escapeHtml(`${arg.start}-${arg.end}`)} (${escapeHtml(tz)}). Alerts then are ${mode}; emergencies always come through.`,
      ),
    );
  },
});
