import { originToggle } from '../src/learning/origin-buttons';
import { defineCommand } from '../src/chat/command-types';
import { originDaysArgs } from '../src/chat/args/learning.args';
import { missedText } from '../src/learning/learning-text';

export const missedCommand = defineCommand({
  name: 'missed',
  summary:
    'names the pipeline cut or scored below alerting that then rose 25%+: where they were cut and what they shared',
  usage: '/missed [live|backtest] [days]',
  example: '/missed 30',
  minRole: 'viewer',
  parse: originDaysArgs,
  async run(ctx, { origin, days }, s) {
    const config = s.settings.current();
    const { window, rows, patterns } = s.learning.missed(origin, days, ctx.asOf);
    await ctx.reply(missedText(window, rows, patterns, config), { buttons: originToggle('missed', origin, days) });
  },
});
