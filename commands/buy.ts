import { fitPhone } from '../src/present/phone-width';
import { defineCommand } from '../src/chat/command-types';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { fmtNum, fmtPct, fmtPrice, fmtTimes } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { priceArg, quantityArg } from '../src/chat/args/number.args';

export const buyCommand = defineCommand({
  name: 'buy',
  summary: 'record a buy in your positions, with the thesis',
  usage: '/buy SYM QTY PRICE [thesis]',
  example: '/buy GME 100 43.03 volume spike with 120% SI',
  minRole: 'trader',
  parse: positional([tickerArg, quantityArg(), priceArg()], [], {
    rest: true,
    names: ['the ticker', 'the quantity', 'the price'],
  }).transform(({ values: [symbol, quantity, price], rest }) => ({ symbol, quantity, price, thesis: rest })),
  async run(ctx, args, s) {
    const r = await s.portfolio.buy(ctx.user.id, { ...args, asOf: ctx.asOf });
    const p = r.position;
    const lines = [
      `Bought ${fmtNum(args.quantity, args.quantity % 1 ? 2 : 0)} ${bold(args.symbol)} at ${fmtPrice(args.price)}.`,
      `Position: ${fmtNum(p.quantity, p.quantity % 1 ? 2 : 0)} sh at an average cost of ${fmtPrice(p.avgCost)}.`,
    ];
    if (r.opening) {
      const m = r.metrics;
      lines.push(
        m
          ? `Thesis metrics as of ${escapeHtml(p.openedOn)}: volume ${fmtTimes(m.volume_multiple)}, SI ${fmtPct(m.si_pct_float)} of float, DTC ${fmtNum(m.days_to_cover, 1)}, short ratio z ${fmtNum(m.short_ratio_z, 1)}, score ${fmtNum(m.score)} (fuel ${fmtNum(m.fuel)}, trigger ${fmtNum(m.trigger)}).`
          : `The store has no data for ${escapeHtml(args.symbol)}: no thesis metrics recorded, so /dips cannot check the thesis.`,
      );
    }
    if (p.thesis) lines.push(`Thesis: ${escapeHtml(p.thesis)}`);
    await ctx.reply(fitPhone(lines.join('\n')));
  },
});
