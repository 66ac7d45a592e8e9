import { z } from 'zod';
import { defineCommand } from '../src/chat/command-types';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { escapeHtml } from '../src/present/html';
import { fitPhone } from '../src/present/phone-width';
import { replyChart } from '../src/chat/chart-reply';
import { tickerCard, tickerCardButtons } from '../src/chat/ticker-card';
import { causeSentence } from '../src/monitoring/data-cause';
import { noDataHint } from '../src/chat/run-standing';

// `/ticker GME card` is the card without the chart: what Refresh sends in place of the card.
const cardOnly = z
  .string()
  .refine((w) => w.toLowerCase() === 'card', { message: 'the only word after the ticker is "card"' });

export const tickerCommand = defineCommand({
  name: 'ticker',
  summary: "one ticker's card: price, volume, short interest, short ratio, score and level",
  usage: '/ticker SYM',
  example: '/ticker GME',
  minRole: 'viewer',
  parse: positional([tickerArg], [cardOnly], { names: ['the ticker'] }).transform(({ values: [symbol, card] }) => ({
    symbol,
    chart: card === undefined,
  })),
  async run(ctx, { symbol, chart }, s) {
    await ctx.action('typing');
    const snap = await s.views.ticker(symbol, ctx.asOf);
    if (!snap) {
      const cause = s.views.dataCause(ctx.asOf, s.clock.now());
      // with an empty store or the providers unreachable, every ticker is unknown: not a spelling problem
      if (!s.views.knows(symbol) && (cause.storeEmpty || cause.failing.some((f) => f.unreachable))) {
        await ctx.reply(fitPhone(`I have no data for ${escapeHtml(symbol)}. ${escapeHtml(causeSentence(cause))}`));
        return;
      }
      await ctx.reply(
        fitPhone(
          `I have no data for ${escapeHtml(symbol)}. ${escapeHtml(
            noDataHint(
              symbol,
              s.adhoc.list().find((a) => a.symbol === symbol),
              'scanned from the next run',
            ),
          )}`,
        ),
      );
      return;
    }
    const watched = s.adhoc.list().some((a) => a.symbol === symbol);
    await ctx.reply(tickerCard(snap), { buttons: tickerCardButtons(symbol, { role: ctx.user.role, watched }) });
    if (chart) await replyChart(ctx, s, symbol, ctx.user.prefs.chartRange);
  },
});
