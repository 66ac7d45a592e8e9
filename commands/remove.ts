import { defineCommand } from '../src/chat/command-types';
import { fitPhone } from '../src/present/phone-width';
import { backToCard } from '../src/chat/ticker-card';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { bold, escapeHtml } from '../src/present/html';

export const removeCommand = defineCommand({
  name: 'remove',
  summary: 'stop watching an ad-hoc ticker',
  usage: '/remove SYM',
  example: '/remove GME',
  minRole: 'trader',
  parse: positional([tickerArg], [], { names: ['the ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    const removed = s.adhoc.remove(symbol);
    const active = s.adhoc.list().map((a) => a.symbol);
    await ctx.reply(
      fitPhone(
        removed
          ? `Removed ${bold(symbol)} from the watchlist.`
          : `${escapeHtml(symbol)} is not on the watchlist${active.length ? ` (it holds ${escapeHtml(active.join(', '))})` : ', which is empty'}.`,
      ),
      { buttons: backToCard(symbol) },
    );
  },
});
