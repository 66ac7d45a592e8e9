import { normaliseTicker } from '../market/symbol-map';
import { leftOutLine, type ChartRange } from '../reports/charts/chart-model';
import { renderPhoneChart } from '../reports/charts/phone-chart.model';
import type { ChatContext } from './chat-context';
import type { ButtonHandler, CommandServices } from './command-types';
import { code, escapeHtml } from '../present/html';

// The ticker chart as a chat photo: /chart, the 📈 Chart button under alerts (`chart:GME`) and the
// photo /ticker sends after its card all go through here: the portrait phone chart (phone-chart.model.ts).

export { DEFAULT_CHART_RANGE } from '../reports/charts/chart-model';

/** Sends the chart; false (after saying so) when the store has nothing for the symbol. */
export async function replyChart(
  ctx: ChatContext,
  s: Pick<CommandServices, 'views' | 'logger'>,
  symbol: string,
  range: ChartRange,
): Promise<boolean> {
  await ctx.action('upload_photo');
  const started = performance.now();
  const chart = s.views.chart(symbol, ctx.asOf, range);
  if (!chart) {
    await ctx.reply(
      `I have no bars or short volume for ${escapeHtml(symbol)}, so there is nothing to chart. /add ${escapeHtml(symbol)} to have it scanned.`,
    );
    return false;
  }
  // as /ticker does: a store whose bars end well before the day asked charts up to its newest bar
  const { asOf } = chart;
  const { png, model } = renderPhoneChart(chart.model, range, asOf);
  s.logger.debug({ symbol, range, ms: Math.round(performance.now() - started), bytes: png.length }, 'chart rendered');
  const lines = [
    `<b>${escapeHtml(symbol)}</b> · ${range} to ${escapeHtml(asOf)}${asOf !== ctx.asOf ? ' (the newest bars held)' : ''}`,
  ];
  const leftOut = leftOutLine(model.leftOut);
  if (leftOut) lines.push(`<i>${escapeHtml(leftOut)}</i>`);
  lines.push(`/ticker ${escapeHtml(symbol)} for the card · /chart ${escapeHtml(symbol)} 1m|3m|6m|1y`);
  await ctx.replyPhoto(png, lines.join('\n'), {
    where: `${code(`squeezebot chart ${symbol} --range ${range} --as-of ${asOf}`)} on the bot's host draws it.`,
  });
  return true;
}

/** `chart:GME` under a squeeze alert. */
export const chartButton: ButtonHandler = {
  minRole: 'viewer',
  async run(ctx, s) {
    const symbol = normaliseTicker(ctx.payload);
    if (!symbol) {
      await ctx.answer('That chart button has no ticker.');
      return;
    }
    await ctx.answer(`Drawing ${symbol}…`);
    await replyChart(ctx, s, symbol, ctx.user.prefs.chartRange);
  },
};
