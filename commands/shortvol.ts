import { defineCommand } from '../src/chat/command-types';
import { intArg, positional, tickerArg } from '../src/chat/args/basic.args';
import { paged } from '../src/chat/args/page.args';
import { shortVolText } from '../src/reports/short-views.render';
import { pagerRow } from '../src/present/buttons';
import { pageOf } from '../src/present/paging';
import { fitPhone } from '../src/present/phone-width';
import { backToCard } from '../src/chat/ticker-card';

export const shortvolCommand = defineCommand({
  name: 'shortvol',
  summary: 'daily short volume, last 15 sessions: short ratio, z-score, exempt share, facility split',
  usage: '/shortvol SYM [page]',
  example: '/shortvol GME',
  minRole: 'viewer',
  parse: paged(
    positional([tickerArg], [intArg('the page', 1, 100)], { names: ['a ticker', 'the page'] }).transform(
      ({ values: [symbol, page] }) => ({ symbol, pageArg: page }),
    ),
  ).transform(({ page, pageArg, symbol }) => ({ symbol, page: page ?? pageArg ?? 1 })),
  async run(ctx, { symbol, page }, s) {
    const view = s.views.shortVolume(symbol, ctx.asOf);
    const shown = pageOf(view.days, page);
    const pager = pagerRow(shown.page, shown.pages, (p) => `/shortvol ${symbol} ${p}`);
    await ctx.reply(fitPhone(shortVolText(symbol, { ...view, days: shown.items }, shown.page, shown.pages)), {
      buttons: [...(pager.length ? [pager] : []), ...backToCard(symbol)],
    });
  },
});
