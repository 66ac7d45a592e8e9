import { defineCommand } from '../src/chat/command-types';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { fmtNum } from '../src/present/format';
import { noDataHint, standingText } from '../src/chat/run-standing';
import { bold, escapeHtml } from '../src/present/html';
import { fitPhone } from '../src/present/phone-width';
import { backToCard } from '../src/chat/ticker-card';
import { missingInputsLine, topContributors } from '../src/signals/scoring/hybrid-score';
import type { SupplyMetrics } from '../src/signals/metric-types';
import { borrowSentence } from '../src/reports/borrow-text';
import { failsSentence, optionsSentence, thresholdText } from '../src/reports/supply-text';
import { levelNotesText } from '../src/present/labels/level-conditions';

export const whyCommand = defineCommand({
  name: 'why',
  summary: 'why a ticker was or was not picked: the stage and criterion, or its score breakdown',
  usage: '/why SYM',
  example: '/why AMC',
  minRole: 'viewer',
  parse: positional([tickerArg], [], { names: ['the ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    const standing = s.views.standing(symbol, ctx.asOf);
    if (standing.kind === 'no_run') {
      await ctx.reply(fitPhone(`No pipeline run as of ${escapeHtml(ctx.asOf)} yet. /scan runs one now.`));
      return;
    }
    const run = standing.run;
    const head = `${bold(symbol)} · as of ${escapeHtml(run.asOf)}\nrun ${escapeHtml(run.id)}`;
    const back = { buttons: backToCard(symbol) };
    if (standing.kind !== 'scored') {
      if (standing.kind === 'absent' && !s.views.knows(symbol)) {
        await ctx.reply(
          fitPhone(
            `I have no data for ${escapeHtml(symbol)} at all. ${escapeHtml(
              noDataHint(
                symbol,
                s.adhoc.list().find((a) => a.symbol === symbol),
              ),
            )}`,
          ),
        );
        return;
      }
      const hint = standing.kind === 'absent' ? ` /ticker ${escapeHtml(symbol)} shows what the store holds.` : '';
      await ctx.reply(fitPhone(`${head}\n${escapeHtml(standingText(standing) ?? '')}${hint}`), back);
      return;
    }
    const score = standing.score;
    const contributors = topContributors({ components: score.components }, 5);
    const lines = [
      head,
      escapeHtml(standingText(standing) ?? ''),
      `Score ${fmtNum(score.score)} · level ${escapeHtml(score.level ?? 'below alerting')}`,
      `fuel ${fmtNum(score.fuel)} · trigger ${fmtNum(score.trigger)}`,
    ];
    // right under the level: what the next level up needs, then the conditions skipped
    if (score.levelNotes.length)
      lines.push(bold('Level notes'), ...levelNotesText(score.levelNotes).map((n) => `• ${escapeHtml(n)}`));
    if (contributors.length) lines.push(bold('What drove it'), ...contributors.map((c) => `• ${escapeHtml(c)}`));
    const missing = missingInputsLine(score);
    if (missing) lines.push(escapeHtml(missing));
    const supply = (score.metrics as { supply?: SupplyMetrics }).supply;
    const supplyLines = [
      supply?.borrow ? borrowSentence(supply.borrow, score.flags) : null,
      supply?.threshold ? `Reg SHO: ${thresholdText(supply.threshold, score.flags)}.` : null,
      supply?.fails ? failsSentence(supply.fails, score.flags) : null,
      supply?.options ? optionsSentence(supply.options) : null,
    ].filter((l): l is string => l !== null);
    if (supplyLines.length) lines.push(bold('Supply'), ...supplyLines.map((l) => `• ${escapeHtml(l)}`));
    await ctx.reply(fitPhone(lines.join('\n')), back);
  },
});
