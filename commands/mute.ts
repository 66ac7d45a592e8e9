import { fitPhone } from '../src/present/phone-width';
import { defineCommand } from '../src/chat/command-types';
import { positional } from '../src/chat/args/basic.args';
import { fmtDuration, fmtInstant } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { durationArg, tickerOrAllArg } from '../src/chat/args/alert.args';

const DAY = 86_400_000;

export const muteCommand = defineCommand({
  name: 'mute',
  summary: 'silence squeeze alerts for a ticker (or all) in this chat for a while',
  usage: '/mute SYM|all [duration]',
  example: '/mute GME 3d',
  minRole: 'trader',
  parse: positional([tickerOrAllArg], [durationArg], { names: ['the ticker (or all)'] }).transform(
    ({ values: [symbol, ms] }) => ({ symbol, ms: ms ?? DAY }),
  ),
  async run(ctx, { symbol, ms }, s) {
    const { alerts } = s.alerting;
    const until = alerts.mute(ctx.chatId, symbol, ms, { id: ctx.user.id, name: ctx.user.name });
    const what = symbol === '*' ? 'All squeeze alerts are' : `${bold(symbol)} alerts are`;
    await ctx.reply(
      fitPhone(
        `${what} muted in this chat for ${escapeHtml(fmtDuration(ms))}, until ${escapeHtml(fmtInstant(until, ctx.user.prefs.timeZone))}. /unmute ${symbol === '*' ? 'all' : escapeHtml(symbol)} ends it sooner. System alerts still come through.`,
      ),
    );
  },
});

export const unmuteCommand = defineCommand({
  name: 'unmute',
  summary: 'end a mute in this chat',
  usage: '/unmute SYM|all',
  example: '/unmute GME',
  minRole: 'trader',
  parse: positional([tickerOrAllArg], [], { names: ['the ticker (or all)'] }).transform(({ values: [symbol] }) => ({
    symbol,
  })),
  async run(ctx, { symbol }, s) {
    const { alerts } = s.alerting;
    const removed = alerts.unmute(ctx.chatId, symbol, { id: ctx.user.id, name: ctx.user.name });
    const left = alerts.mutes(ctx.chatId).map((m) => (m.symbol === '*' ? 'all' : m.symbol));
    const name = symbol === '*' ? 'the mute on all alerts' : `the mute on ${escapeHtml(symbol)}`;
    await ctx.reply(
      fitPhone(
        `${removed ? `Ended ${name}.` : `There was no ${name} in this chat.`}${left.length ? ` Still muted: ${escapeHtml(left.join(', '))}.` : ''}`,
      ),
    );
  },
});
