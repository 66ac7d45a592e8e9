import { defineCommand } from '../src/chat/command-types';
import { originDaysArgs } from '../src/chat/args/learning.args';
import { suggestText } from '../src/learning/learning-text';

export const suggestCommand = defineCommand({
  name: 'suggest',
  summary: 'alert thresholds that would have done better on tracked outcomes, with the /set command to apply them',
  usage: '/suggest [live|backtest] [days]',
  example: '/suggest backtest',
  minRole: 'viewer',
  parse: originDaysArgs,
  async run(ctx, { origin, days }, s) {
    const config = s.settings.current();
    const { window, measured, suggestions } = s.learning.suggest(origin, days, ctx.asOf);
    await ctx.reply(suggestText(window, measured, suggestions, config));
  },
});
