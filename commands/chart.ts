import { defineCommand } from '../src/chat/command-types';
import { choiceArg, positional, tickerArg } from '../src/chat/args/basic.args';
import { replyChart } from '../src/chat/chart-reply';
import { CHART_RANGES } from '../src/reports/charts/chart-model';

export const chartCommand = defineCommand({
  name: 'chart',
  summary: "a ticker's chart: price and volume, short ratio, short interest, score, off-exchange",
  usage: '/chart SYM [1m|3m|6m|1y]',
  example: '/chart GME 6m',
  minRole: 'viewer',
  parse: positional([tickerArg], [choiceArg('the range', CHART_RANGES)], {
    names: ['the ticker', 'the range'],
  }).transform(({ values: [symbol, range] }) => ({ symbol, range })),
  async run(ctx, { symbol, range }, s) {
    // without a range: the user's own default (/settings chart)
    await replyChart(ctx, s, symbol, range ?? ctx.user.prefs.chartRange);
  },
});
