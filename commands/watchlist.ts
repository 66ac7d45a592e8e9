import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtNum } from '../src/present/format';
import { bold, escapeHtml, preTable } from '../src/present/html';
import { asOfDate } from '../src/market/as-of';

export const watchlistCommand = defineCommand({
  name: 'watchlist',
  summary: 'ad-hoc tickers with their reason, expiry and latest score',
  usage: '/watchlist',
  example: '/watchlist',
  minRole: 'viewer',
  parse: noArgs,
  async run(ctx, _args, s) {
    const config = s.settings.current();
    const list = s.adhoc.list(asOfDate(ctx.asOf));
    if (list.length === 0) {
      await ctx.reply('The watchlist is empty. /add SYM [ttl] [reason] adds a ticker.');
      return;
    }
    const rows = list.map((a) => {
      const score = s.views.latestScore(a.symbol, ctx.asOf);
      return [
        a.symbol,
        a.expiresAt.slice(0, 10),
        score ? `${fmtNum(score.score)} (${score.asOf.slice(5)})` : '—',
        a.reason ?? '',
      ];
    });
    const max = config.adhoc.max_active_candidates;
    await ctx.reply(
      `${bold('Watchlist')} — ${list.length} of ${max}\n${preTable(['ticker', 'expires', 'score', 'reason'], rows, { alignRight: [false, false, false, false] })}\n${escapeHtml('A ticker whose score reaches')} ${fmtNum(config.adhoc.auto_promote_threshold)} becomes a regular candidate.`,
    );
  },
});
