import { fitPhone } from '../src/present/phone-width';
import { defineCommand } from '../src/chat/command-types';
import { positional } from '../src/chat/args/basic.args';
import { bold, escapeHtml } from '../src/present/html';
import { fmtInstant } from '../src/present/format';
import { alertIdOrAllArg } from '../src/chat/args/alert.args';
import { asOfNow } from '../src/market/as-of';

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
      // a bulk change: the count is asked about first, and only the asker's Confirm applies it
      const open = alerts.counts(asOfNow(s.clock.now())).unacked;
      if (!open) {
        await ctx.reply(fitPhone('There were no open alerts.'));
        return;
      }
      await ctx.confirm(`Acknowledge ${open} open alert${open === 1 ? '' : 's'}?`, async () => {
        const n = await alerts.acknowledgeAll(user, ctx.chatId);
        return n ? `Acknowledged ${n} open alert(s).` : 'There were no open alerts.';
      });
      return;
    }
    const r = await alerts.acknowledge(target, user, ctx.chatId);
    if (!r) {
      await ctx.reply(fitPhone(`There is no alert #${target}. /alerts lists them.`));
      return;
    }
    await ctx.reply(
      fitPhone(
        r.already
          ? `Alert #${target} was already acknowledged\nby ${escapeHtml(r.alert.ackedBy)}\nat ${escapeHtml(fmtInstant(r.alert.ackedAt, ctx.user.prefs.timeZone))}.`
          : `Acknowledged alert #${target}:\n${bold(r.alert.title)}.`,
      ),
    );
  },
});
