import { defineCommand } from '../src/chat/command-types';
import { fitPhone } from '../src/present/phone-width';
import { backToCard } from '../src/chat/ticker-card';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { borrowText } from '../src/reports/borrow-text';

export const borrowCommand = defineCommand({
  name: 'borrow',
  summary: 'borrow fee, rebate and shares available at IBKR: now, 1/5-day changes, the stored changes',
  usage: '/borrow SYM',
  example: '/borrow GME',
  minRole: 'viewer',
  parse: positional([tickerArg], [], { names: ['a ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    await ctx.reply(fitPhone(borrowText(symbol, ctx.asOf, s.views.borrow(symbol, ctx.asOf))), {
      buttons: backToCard(symbol),
    });
  },
});
