import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtChange, fmtNum, fmtPrice } from '../src/present/format';
import { bold, escapeHtml, preTable } from '../src/present/html';
import { signedMoney as money } from '../src/portfolio/dip-message';

export const portfolioCommand = defineCommand({
  name: 'portfolio',
  summary: 'your positions: average cost, value at the last close, P&L, days held, thesis',
  usage: '/portfolio',
  example: '/portfolio',
  minRole: 'viewer',
  parse: noArgs,
  async run(ctx, _args, s) {
    const { rows, realisedBySymbol } = s.portfolio.portfolio(ctx.user.id, ctx.asOf);
    const realised = Object.values(realisedBySymbol).reduce((a, b) => a + b, 0);
    if (!rows.length) {
      await ctx.reply(
        `No open positions.${Object.keys(realisedBySymbol).length ? ` Realised P&L: ${money(realised)}.` : ''} /buy SYM QTY PRICE [thesis] records one.`,
      );
      return;
    }
    const table = preTable(
      ['ticker', 'qty', 'avg', 'last', 'value', 'P&L', '%', 'days'],
      rows.map((r) => [
        r.position.symbol,
        fmtNum(r.position.quantity, r.position.quantity % 1 ? 2 : 0),
        fmtPrice(r.position.avgCost),
        fmtPrice(r.valuation.close),
        fmtPrice(r.valuation.marketValue),
        money(r.valuation.pnl),
        fmtChange(r.valuation.pnlPct),
        String(r.daysHeld),
      ]),
      { alignRight: [false, true, true, true, true, true, true, true] },
    );
    const value = rows.reduce((a, r) => a + (r.valuation.marketValue ?? 0), 0);
    const unrealised = rows.reduce((a, r) => a + (r.valuation.pnl ?? 0), 0);
    const theses = rows
      .filter((r) => r.position.thesis)
      .map(
        (r) =>
          `${bold(r.position.symbol)} (since ${escapeHtml(r.position.openedOn)}): ${escapeHtml(r.position.thesis)}`,
      );
    const noClose = rows.filter((r) => r.valuation.close === null).map((r) => r.position.symbol);
    await ctx.reply(
      [
        `${bold('Portfolio')} — closes on or before ${escapeHtml(ctx.asOf)}`,
        table,
        `Value ${fmtPrice(value)} · unrealised ${money(unrealised)} · realised ${money(realised)} (average cost)`,
        ...(noClose.length ? [`No close in the store for ${escapeHtml(noClose.join(', '))}.`] : []),
        ...theses,
        '/dips checks the positions that are down.',
      ].join('\n'),
    );
  },
});
