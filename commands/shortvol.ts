import { defineCommand } from '../src/chat/command-types';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { shortVolText } from '../src/reports/short-views.render';

export const shortvolCommand = defineCommand({
  name: 'shortvol',
  summary: 'daily short volume, last 15 sessions: short ratio, z-score, exempt share, facility split',
  usage: '/shortvol SYM',
  example: '/shortvol GME',
  minRole: 'viewer',
  parse: positional([tickerArg], [], { names: ['a ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    await ctx.reply(shortVolText(symbol, s.views.shortVolume(symbol, ctx.asOf)));
  },
});
