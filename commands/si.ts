import { defineCommand } from '../src/chat/command-types';
import { positional, tickerArg } from '../src/chat/command-args';
import { escapeHtml } from '../src/chat/html';
import { lastTradingDayOnOrBefore } from '../src/market/trading-calendar';
import { reportsOf } from '../src/reports/reports-of';
import { siView } from '../src/reports/short-views.data';
import { siText } from '../src/reports/short-views.render';

export const siCommand = defineCommand({
  name: 'si',
  summary: 'short interest history: settlement, published, shares, change, days to cover, % float, quality',
  usage: '/si SYM',
  example: '/si GME',
  minRole: 'viewer',
  parse: positional([tickerArg], [], { names: ['a ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    await ctx.reply(siText(symbol, ctx.asOf, siView(s.db, symbol, ctx.asOf)));
    const png = await reportsOf(s).chart(symbol, lastTradingDayOnOrBefore(ctx.asOf));
    if (png) await ctx.replyPhoto(png, `${escapeHtml(symbol)} — price, short volume, short interest and score`);
  },
});
