import { z } from 'zod';
import { defineCommand } from '../src/chat/command-types';
import { fitPhone } from '../src/present/phone-width';
import { positional } from '../src/chat/args/basic.args';
import { lastTradingDayOnOrBefore } from '../src/market/trading-calendar';
import { basketListText, basketText } from '../src/reports/short-views.render';
import { UsageError } from '../src/shared/errors';

// Baskets are named in config (`baskets`); names are matched without regard to case.

export const basketCommand = defineCommand({
  name: 'basket',
  summary: "a basket's short pressure: volume-weighted short ratio, mean z, coverage; no name lists them",
  usage: '/basket [NAME]',
  example: '/basket meme',
  minRole: 'viewer',
  parse: positional([], [z.string()], { names: ['a basket name'] }).transform(({ values: [name] }) => ({ name })),
  async run(ctx, { name }, s) {
    const baskets = s.settings.current().baskets;
    if (!name) {
      await ctx.reply(fitPhone(basketListText(baskets)));
      return;
    }
    const key = Object.keys(baskets).find((k) => k.toLowerCase() === name.toLowerCase());
    if (!key)
      throw new UsageError(`No basket "${name}". Baskets: ${Object.keys(baskets).join(', ') || 'none configured'}.`);
    const members = baskets[key]!;
    await ctx.reply(fitPhone(basketText(s.views.basket(key, members, lastTradingDayOnOrBefore(ctx.asOf)), members)));
  },
});
