import { fitPhone } from '../src/present/phone-width';
import { defineCommand } from '../src/chat/command-types';
import { choiceArg, positional } from '../src/chat/args/basic.args';
import { code, escapeHtml } from '../src/present/html';
import { marketDateAt } from '../src/market/market-time';

// `/report daily|weekly [html|csv]`: the report as chat text, then the file(s) as documents. Without
// a format, the formats the config lists for that report (reporting.*.formats) are sent.

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'the daily report or weekly summary: text here, the HTML or CSV as a file',
  usage: '/report daily|weekly [html|csv]',
  example: '/report daily html',
  minRole: 'viewer',
  parse: positional(
    [choiceArg('report', ['daily', 'weekly'] as const)],
    [choiceArg('format', ['html', 'csv'] as const)],
    { names: ['daily or weekly', 'format'] },
  ).transform(({ values: [kind, format] }) => ({ kind, format })),
  async run(ctx, { kind, format }, s) {
    const config = s.settings.current();
    const reports = s.reports;
    await ctx.action('typing');
    // today's date means "the newest report" (last night's run on a morning); a past --as-of is that day
    const asked = ctx.asOf === marketDateAt(s.clock.now()) ? undefined : ctx.asOf;
    const report = reports.build(kind, asked);
    for (const part of reports.messages(report)) await ctx.reply(fitPhone(part));
    const configured = (kind === 'daily' ? config.reporting.daily_report : config.reporting.weekly_summary).formats;
    const formats = format ? [format] : configured.filter((f): f is 'html' | 'csv' => f !== 'text');
    for (const f of formats) {
      await ctx.action('upload_document');
      const file = await reports.file(report, f);
      await ctx.replyDocument(
        file.content,
        file.filename,
        `${reports.caption(report)}\n${escapeHtml(f === 'csv' ? 'CSV: one row per symbol, columns in the README' : 'open it in a browser; it prints too')}`,
        {
          where: `${code(`squeezebot report ${kind} --format ${f}${asked ? ` --as-of ${asked}` : ''}`)} on the bot's host writes it.`,
        },
      );
    }
  },
});
