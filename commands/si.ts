import { defineCommand } from '../src/chat/command-types';
import { intArg, positional, tickerArg } from '../src/chat/args/basic.args';
import { paged } from '../src/chat/args/page.args';
import { replyChart } from '../src/chat/chart-reply';
import { siText } from '../src/reports/short-views.render';
import { pagerRow } from '../src/present/buttons';
import { pageOf } from '../src/present/paging';
import { fitPhone } from '../src/present/phone-width';
import { backToCard } from '../src/chat/ticker-card';

export const siCommand = defineCommand({
  name: 'si',
  summary: 'short interest history: settlement, published, shares, change, days to cover, % float, quality',
  usage: '/si SYM [page]',
  example: '/si GME',
  minRole: 'viewer',
  parse: paged(
    positional([tickerArg], [intArg('the page', 1, 100)], { names: ['a ticker', 'the page'] }).transform(
      ({ values: [symbol, page] }) => ({ symbol, pageArg: page }),
    ),
  ).transform(({ page, pageArg, symbol }) => ({ symbol, page: page ?? pageArg ?? 1 })),
  async run(ctx, { symbol, page }, s) {
    const rows = s.views.shortInterest(symbol, ctx.asOf);
    const shown = pageOf(rows, page, 8);
    const pager = pagerRow(shown.page, shown.pages, (p) => `/si ${symbol} ${p}`);
    await ctx.reply(fitPhone(siText(symbol, ctx.asOf, shown.items, shown.page, shown.pages)), {
      buttons: [...(pager.length ? [pager] : []), ...backToCard(symbol)],
    });
    // a year shows the twice-monthly steps; the same chart as /chart SYM 1y (once, not on every page)
    if (rows.length && shown.page === 1) await replyChart(ctx, s, symbol, '1y');
  },
});
