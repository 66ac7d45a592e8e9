import { defineCommand } from '../src/chat/command-types';
import { fitPhone } from '../src/present/phone-width';
import { backToCard } from '../src/chat/ticker-card';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { failsViewText } from '../src/reports/fails-view.render';

export const ftdCommand = defineCommand({
  name: 'ftd',
  summary: 'SEC fails to deliver: settlement days, shares, value, % float/ADV, persistence, T+35 close-outs',
  usage: '/ftd SYM',
  example: '/ftd GME',
  minRole: 'viewer',
  parse: positional([tickerArg], [], { names: ['a ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    await ctx.reply(fitPhone(failsViewText(symbol, ctx.asOf, s.views.fails(symbol, ctx.asOf))), {
      buttons: backToCard(symbol),
    });
  },
});
