import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtPct } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { dipBlockHtml, dipSummaryHtml } from '../src/portfolio/dip-message';
import { commandButton, inPlaceButton, type ButtonRows } from '../src/present/buttons';
import { wrapHtml } from '../src/present/phone-width';

/** A /ticker button per dipped position, three to a row. */
function tickerRows(symbols: string[]): ButtonRows {
  const rows: ButtonRows = [];
  for (let i = 0; i < symbols.length; i += 3)
    rows.push(symbols.slice(i, i + 3).map((sym) => commandButton(`📈 ${sym}`, `/ticker ${sym}`)));
  return rows;
}

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
        wrapHtml(`None of your positions is ${threshold} or more below its average cost (as of ${ctx.asOf}).`),
        { buttons: [[inPlaceButton('↻ Refresh', '/dips')]] },
      );
      return;
    }
    await ctx.reply(
      [
        `${bold('Dips')} — down ${escapeHtml(threshold)}+ from cost\nas of ${escapeHtml(dips[0]!.day)}`,
        ...dips.map((d) => dipBlockHtml(d)),
        dipSummaryHtml(summary),
      ].join('\n\n'),
      { buttons: [...tickerRows(dips.map((d) => d.symbol)), [inPlaceButton('↻ Refresh', '/dips')]] },
    );
  },
});
