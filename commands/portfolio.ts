import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtChange, fmtNum, fmtPrice } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { signedMoney as money } from '../src/portfolio/dip-message';
import { commandButton, inPlaceButton, type ButtonRows, type ChatButton } from '../src/present/buttons';
import { joinOrBreak, wrapHtml } from '../src/present/phone-width';
import type { PortfolioRow } from '../src/portfolio/portfolio.service';

/** One position as a card: ticker, size and change; cost → last; value and P&L; days and thesis. */
function positionCard(r: PortfolioRow): string {
  const p = r.position;
  const v = r.valuation;
  const mark = v.pnl === null ? '⚪' : v.pnl < 0 ? '🔴' : '🟢';
  return [
    `${mark} ${bold(p.symbol)} ${fmtNum(p.quantity, p.quantity % 1 ? 2 : 0)} sh · ${fmtChange(v.pnlPct)}`,
    `   avg ${fmtPrice(p.avgCost)} → ${v.close === null ? 'no close' : fmtPrice(v.close)}`,
    joinOrBreak(`   value ${fmtPrice(v.marketValue)}`, `P&L ${money(v.pnl)}`),
    joinOrBreak(`   held ${r.daysHeld} d`, `since ${escapeHtml(p.openedOn)}`),
    ...(p.thesis ? [wrapHtml(`thesis: ${p.thesis}`, '   ', '   ')] : []),
  ].join('\n');
}

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
        [
          'No open positions.',
          ...(Object.keys(realisedBySymbol).length ? [`Realised P&L: ${money(realised)}.`] : []),
          '/buy SYM QTY PRICE [thesis]',
          'records one.',
        ].join('\n'),
      );
      return;
    }
    const value = rows.reduce((a, r) => a + (r.valuation.marketValue ?? 0), 0);
    const unrealised = rows.reduce((a, r) => a + (r.valuation.pnl ?? 0), 0);
    const noClose = rows.filter((r) => r.valuation.close === null).map((r) => r.position.symbol);
    const down = rows.some((r) => (r.valuation.pnl ?? 0) < 0);
    // a button per position opens its card; three to a row keeps each label whole on a phone
    const tickers: ChatButton[] = rows.map((r) =>
      commandButton(`📈 ${r.position.symbol}`, `/ticker ${r.position.symbol}`),
    );
    const buttons: ButtonRows = [];
    for (let i = 0; i < tickers.length; i += 3) buttons.push(tickers.slice(i, i + 3));
    buttons.push([...(down ? [commandButton('📉 Dips', '/dips')] : []), inPlaceButton('↻ Refresh', '/portfolio')]);
    await ctx.reply(
      [
        bold('Portfolio'),
        `closes on or before ${escapeHtml(ctx.asOf)}`,
        ...rows.map(positionCard),
        `Value ${fmtPrice(value)}`,
        `Unrealised ${money(unrealised)}`,
        `Realised ${money(realised)} (average cost)`,
        ...(noClose.length ? [wrapHtml(`No close in the store for ${noClose.join(', ')}.`)] : []),
        ...(down ? ['/dips checks the ones that are down.'] : []),
      ].join('\n'),
      { buttons },
    );
  },
});
