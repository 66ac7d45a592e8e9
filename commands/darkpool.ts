import { defineCommand } from '../src/chat/command-types';
import { fitPhone } from '../src/present/phone-width';
import { backToCard } from '../src/chat/ticker-card';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { darkpoolText } from '../src/reports/short-views.render';

export const darkpoolCommand = defineCommand({
  name: 'darkpool',
  summary: 'OTC (off-exchange) weekly volume by tier, participation rate, anchored/stale — never a direction',
  usage: '/darkpool SYM',
  example: '/darkpool GME',
  minRole: 'viewer',
  parse: positional([tickerArg], [], { names: ['a ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    const v = s.views.darkpool(symbol, ctx.asOf);
    await ctx.reply(fitPhone(darkpoolText(symbol, ctx.asOf, v.weeks, v.summary, v.notes)), {
      buttons: backToCard(symbol),
    });
  },
});
