import { defineCommand } from '../src/chat/command-types';
import { fitPhone } from '../src/present/phone-width';
import { noArgs } from '../src/chat/args/basic.args';
import { marketDateAt } from '../src/market/market-time';
import { zonedInstant } from '../src/scheduler/schedule-rule';
import { nextBorrowSnapshot } from '../src/reports/borrow-calendar';
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
    const scheduling = s.settings.current().scheduling;
    const optionsSnapshot = scheduling.options_snapshot.time ?? '16:45';
    // a chat on a past day (--as-of) reads that day from its start; today reads from now
    const now = s.clock.now();
    const from = marketDateAt(now) === ctx.asOf ? now : zonedInstant(ctx.asOf, '00:00', 'America/New_York');
    const on = (j: { enabled?: boolean }) => j.enabled !== false;
    const borrowSnapshot = nextBorrowSnapshot(from, {
      everyMinutes: on(scheduling.borrow_snapshot) ? (scheduling.borrow_snapshot.every_minutes ?? null) : null,
      closeTime: on(scheduling.borrow_close) ? (scheduling.borrow_close.time ?? null) : null,
    });
    await ctx.reply(fitPhone(calendarText({ ...marketCalendar(ctx.asOf, 3, { optionsSnapshot }), borrowSnapshot })));
  },
});
