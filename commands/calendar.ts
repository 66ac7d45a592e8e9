import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { marketCalendar } from '../src/reports/market-calendar.model';
import { calendarText } from '../src/reports/short-views.render';

export const calendarCommand = defineCommand({
  name: 'calendar',
  summary: 'next short-interest settlement and publication, OTC publications per tier, holidays and early closes',
  usage: '/calendar',
  example: '/calendar',
  minRole: 'viewer',
  parse: noArgs,
  async run(ctx, _args, s) {
    const optionsSnapshot = s.settings.current().scheduling.options_snapshot.time ?? '16:45';
    await ctx.reply(calendarText(marketCalendar(ctx.asOf, 3, { optionsSnapshot })));
  },
});
