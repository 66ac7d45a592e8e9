import { defineCommand } from '../src/chat/command-types';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { replyChart } from '../src/chat/chart-reply';
import { siText } from '../src/reports/short-views.render';

export const siCommand = defineCommand({
  name: 'si',
  summary: 'short interest history: settlement, published, shares, change, days to cover, % float, quality',
  usage: '/si SYM',
  example: '/si GME',
  minRole: 'viewer',
  parse: positional([tickerArg], [], { names: ['a ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    const rows = s.views.shortInterest(symbol, ctx.asOf);
    await ctx.reply(siText(symbol, ctx.asOf, rows));
    // a year shows the twice-monthly steps; the same chart as /chart SYM 1y
    if (rows.length) await replyChart(ctx, s, symbol, '1y');
  },
});
