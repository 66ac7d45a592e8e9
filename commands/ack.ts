import { defineCommand } from '../src/chat/command-types';
import { positional } from '../src/chat/args/basic.args';
import { bold, escapeHtml } from '../src/present/html';
import { fmtInstant } from '../src/present/format';
import { alertIdOrAllArg } from '../src/chat/args/alert.args';

export const ackCommand = defineCommand({
  name: 'ack',
  summary: 'acknowledge an alert (or all open ones): it stops escalating and shows who took it',
  usage: '/ack ID|all',
  example: '/ack 12',
  minRole: 'trader',
  parse: positional([alertIdOrAllArg], [], { names: ['the alert number (or all)'] }).transform(
    ({ values: [target] }) => ({ target }),
  ),
  async run(ctx, { target }, s) {
    const { alerts } = s.alerting;
    const user = { id: ctx.user.id, name: ctx.user.name };
    if (target === 'all') {
      const n = await alerts.acknowledgeAll(user, ctx.chatId);
      await ctx.reply(n ? `Acknowledged ${n} open alert(s).` : 'There were no open alerts.');
      return;
    }
    const r = await alerts.acknowledge(target, user, ctx.chatId);
    if (!r) {
      await ctx.reply(`There is no alert #${target}. /alerts lists them.`);
      return;
    }
    await ctx.reply(
      r.already
        ? `Alert #${target} was already acknowledged by ${escapeHtml(r.alert.ackedBy)} at ${escapeHtml(fmtInstant(r.alert.ackedAt, ctx.user.prefs.timeZone))}.`
        : `Acknowledged alert #${target}: ${bold(r.alert.title)}.`,
    );
  },
});
