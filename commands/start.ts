import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { bold, code, escapeHtml } from '../src/present/html';

const FIRST_STEPS: [string, string][] = [
  ['/top', "the day's best squeeze candidates, ranked"],
  ['/ticker GME', "one ticker's card: price, volume spike, short interest, score"],
  ['/scan', 'run the discovery pipeline now'],
  ['/why AMC', 'why a ticker was or was not picked'],
  ['/status', 'how fresh the data is and how the last run went'],
];

export const startCommand = defineCommand({
  name: 'start',
  summary: 'what this bot does and the first commands to try',
  usage: '/start',
  example: '/start',
  minRole: 'viewer',
  parse: noArgs,
  async run(ctx) {
    await ctx.reply(
      [
        `Hi ${escapeHtml(ctx.user.name)} — I'm ${bold('squeezebot')}.`,
        '',
        "Every trading day I read FINRA's short data (daily short volume, twice-monthly short interest, weekly off-exchange volume) and prices for the whole US market, score every name for short-squeeze potential, and push alerts when a set-up reaches a level.",
        '',
        bold('Try these first'),
        ...FIRST_STEPS.map(([c, what]) => `${code(c)} — ${escapeHtml(what)}`),
        '',
        `${code('/help')} lists everything you can do as ${escapeHtml(ctx.user.role)}.`,
      ].join('\n'),
    );
  },
});
