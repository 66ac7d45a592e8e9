import { defineCommand } from '../src/chat/command-types';
import { intArg, positional } from '../src/chat/args/basic.args';
import { paged } from '../src/chat/args/page.args';
import { fmtNum } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { commandButton, inPlaceButton, pagerRow, type ButtonRows } from '../src/present/buttons';
import { pageOf } from '../src/present/paging';
import { fitPhone } from '../src/present/phone-width';
import { asOfDate } from '../src/market/as-of';

// The watchlist as cards a phone shows whole: the ticker, its latest score and expiry, the reason under
// it; each ticker a button to its card, ten a page.

export const watchlistCommand = defineCommand({
  name: 'watchlist',
  summary: 'ad-hoc tickers with their reason, expiry and latest score',
  usage: '/watchlist [page]',
  example: '/watchlist',
  minRole: 'viewer',
  parse: paged(
    positional([], [intArg('the page', 1, 100)], { names: ['the page'] }).transform(({ values: [page] }) => ({
      pageArg: page,
    })),
  ).transform(({ page, pageArg }) => ({ page: page ?? pageArg ?? 1 })),
  async run(ctx, { page }, s) {
    const config = s.settings.current();
    const list = s.adhoc.list(asOfDate(ctx.asOf));
    if (list.length === 0) {
      await ctx.reply(fitPhone('The watchlist is empty. /add SYM [ttl] [reason] adds a ticker.'));
      return;
    }
    const shown = pageOf(list, page);
    const cards = shown.items.map((a) => {
      const score = s.views.latestScore(a.symbol, ctx.asOf);
      const scored = score ? `${fmtNum(score.score)} (${score.asOf.slice(5)})` : 'no score';
      return [
        `${bold(a.symbol)} ${escapeHtml(scored)} · to ${escapeHtml(a.expiresAt.slice(0, 10))}`,
        ...(a.reason ? [`   ${escapeHtml(a.reason)}`] : []),
      ].join('\n');
    });
    const max = config.adhoc.max_active_candidates;
    const html = [
      `${bold('Watchlist')} · ${list.length} of ${max}`,
      ...cards,
      `A score of ${fmtNum(config.adhoc.auto_promote_threshold)} makes a ticker a regular candidate.`,
    ].join('\n');
    const buttons: ButtonRows = [];
    const tickers = shown.items.map((a) => commandButton(a.symbol, `/ticker ${a.symbol}`));
    for (let i = 0; i < tickers.length; i += 4) buttons.push(tickers.slice(i, i + 4));
    const pager = pagerRow(shown.page, shown.pages, (p) => `/watchlist ${p}`);
    if (pager.length) buttons.push(pager);
    buttons.push([inPlaceButton('🔄 Refresh', `/watchlist ${shown.page}`)]);
    await ctx.reply(fitPhone(html), { buttons });
  },
});
