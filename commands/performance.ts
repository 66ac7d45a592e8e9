import { originToggle } from '../src/learning/origin-buttons';
import { defineCommand } from '../src/chat/command-types';
import { originDaysArgs } from '../src/chat/args/learning.args';
import { performanceText } from '../src/learning/learning-text';

export const performanceCommand = defineCommand({
  name: 'performance',
  summary:
    'how tracked alerts and top-ranked names did: success rates, returns by level and score, best and worst calls',
  usage: '/performance [live|backtest] [days]',
  example: '/performance backtest 180',
  minRole: 'viewer',
  parse: originDaysArgs,
  async run(ctx, { origin, days }, s) {
    const config = s.settings.current();
    const { window, model } = s.learning.performance(origin, days, ctx.asOf);
    await ctx.reply(performanceText(window, model, config), { buttons: originToggle('performance', origin, days) });
  },
});
