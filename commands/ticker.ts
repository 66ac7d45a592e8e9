import { defineCommand } from '../src/chat/command-types';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { escapeHtml } from '../src/present/html';
import { replyChart } from '../src/chat/chart-reply';
import { tickerCard } from '../src/chat/ticker-card';
import { causeSentence } from '../src/monitoring/data-cause';
import { noDataHint } from '../src/chat/run-standing';

export const tickerCommand = defineCommand({
  name: 'ticker',
  summary: "one ticker's card: price, volume, short interest, short ratio, score and level",
  usage: '/ticker SYM',
  example: '/ticker GME',
  minRole: 'viewer',
  parse: positional([tickerArg], [], { names: ['the ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    await ctx.action('typing');
    const snap = await s.views.ticker(symbol, ctx.asOf);
    if (!snap) {
      const cause = s.views.dataCause(ctx.asOf, s.clock.now());
      // with an empty store or the providers unreachable, every ticker is unknown: not a spelling problem
      if (!s.views.knows(symbol) && (cause.storeEmpty || cause.failing.some((f) => f.unreachable))) {
        await ctx.reply(`I have no data for ${escapeHtml(symbol)}. ${escapeHtml(causeSentence(cause))}`);
        return;
      }
      await ctx.reply(
        `I have no data for ${escapeHtml(symbol)}. ${escapeHtml(
          noDataHint(
            symbol,
            s.adhoc.list().find((a) => a.symbol === symbol),
            'scanned from the next run',
          ),
        )}`,
      );
      return;
    }
    await ctx.reply(tickerCard(snap));
    await replyChart(ctx, s, symbol, ctx.user.prefs.chartRange);
  },
});
