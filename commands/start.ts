import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { bold, escapeHtml } from '../src/present/html';
import { commandButton, type ButtonRows } from '../src/present/buttons';
import { fitPhone } from '../src/present/phone-width';
import { roleAtLeast } from '../src/chat/user-auth';

// The first message a user meets: what the bot does in a few short lines, then a button for each
// first step, so nothing needs typing. Traders also get their watchlist and portfolio.

export const startCommand = defineCommand({
  name: 'start',
  summary: 'what this bot does and the first steps, as buttons',
  usage: '/start',
  example: '/start',
  minRole: 'viewer',
  parse: noArgs,
  async run(ctx) {
    const html = [
      `Hi ${escapeHtml(ctx.user.name)}, I'm ${bold('squeezebot')}.`,
      "Every trading day I read FINRA's short data and prices, score each name for squeeze potential, and alert you when a set-up reaches a level.",
      'Tap a button to begin.',
    ].join('\n');
    const buttons: ButtonRows = [
      [commandButton('🏆 Top candidates', '/top'), commandButton('🔎 A ticker', '/help ticker')],
      [commandButton('🔔 Alerts', '/alerts'), commandButton('⚙️ Settings', '/help settings')],
    ];
    if (roleAtLeast(ctx.user.role, 'trader'))
      buttons.push([commandButton('👁 Watchlist', '/watchlist'), commandButton('💼 Portfolio', '/portfolio')]);
    buttons.push([commandButton('❓ All commands', '/help')]);
    await ctx.reply(fitPhone(html), { buttons });
  },
});
