import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtPct } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { dipBlockHtml, dipSummaryHtml } from '../src/portfolio/dip-message';

export const dipsCommand = defineCommand({
  name: 'dips',
  summary: 'your positions that are down: thesis then vs now, support, stop, R/R, BUY_MORE / HOLD / REVIEW',
  usage: '/dips',
  example: '/dips',
  minRole: 'viewer',
  parse: noArgs,
  async run(ctx, _args, s) {
    const { dips, summary } = await s.portfolio.dips(ctx.user.id, ctx.asOf);
    const threshold = fmtPct(s.settings.current().portfolio.dip_threshold, 0);
    if (!dips.length) {
      await ctx.reply(
        `None of your positions is ${escapeHtml(threshold)} or more below its average cost (as of ${escapeHtml(ctx.asOf)}).`,
      );
      return;
    }
    await ctx.reply(
      [
        `${bold('Dips')} — down ${escapeHtml(threshold)}+ from average cost, as of ${escapeHtml(dips[0]!.day)}`,
        ...dips.map((d) => dipBlockHtml(d)),
        dipSummaryHtml(summary),
      ].join('\n\n'),
    );
  },
});
