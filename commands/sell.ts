import { fitPhone } from '../src/present/phone-width';
import { defineCommand } from '../src/chat/command-types';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { fmtNum, fmtPrice } from '../src/present/format';
import { bold } from '../src/present/html';
import { signedMoney } from '../src/portfolio/dip-message';
import { priceArg, quantityArg } from '../src/chat/args/number.args';

export const sellCommand = defineCommand({
  name: 'sell',
  summary: 'record a sell: realised P&L at average cost',
  usage: '/sell SYM QTY PRICE',
  example: '/sell GME 50 120.50',
  minRole: 'trader',
  parse: positional([tickerArg, quantityArg(), priceArg()], [], {
    names: ['the ticker', 'the quantity', 'the price'],
  }).transform(({ values: [symbol, quantity, price] }) => ({ symbol, quantity, price })),
  async run(ctx, args, s) {
    const r = s.portfolio.sell(ctx.user.id, { ...args, asOf: ctx.asOf });
    await ctx.reply(
      fitPhone(
        [
          `Sold ${fmtNum(args.quantity, args.quantity % 1 ? 2 : 0)} ${bold(args.symbol)} at ${fmtPrice(args.price)}: realised ${signedMoney(r.realised)} (average cost ${fmtPrice(r.avgCost)}).`,
          r.remaining
            ? `Left: ${fmtNum(r.remaining.quantity, r.remaining.quantity % 1 ? 2 : 0)} sh at ${fmtPrice(r.remaining.avgCost)}.`
            : 'Position closed.',
        ].join('\n'),
      ),
    );
  },
});
