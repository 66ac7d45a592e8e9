import { defineCommand } from '../src/chat/command-types';
import { positional, tickerArg } from '../src/chat/args/basic.args';
import { fmtNum, words } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { missingInputsLine, topContributors } from '../src/signals/scoring/hybrid-score';
import type { SupplyMetrics } from '../src/signals/metric-types';
import { borrowSentence } from '../src/reports/borrow-text';
import { failsSentence, optionsSentence, thresholdText } from '../src/reports/supply-text';

// counts (bars held, bars needed) read as counts, not as 1.00 against 21.0
const num = (x: number | null) =>
  x === null
    ? '—'
    : Math.abs(x) >= 1000 || Number.isInteger(x)
      ? x.toLocaleString('en-US', { maximumFractionDigits: 0 })
      : fmtNum(x, Math.abs(x) >= 10 ? 1 : 2);

export const whyCommand = defineCommand({
  name: 'why',
  summary: 'why a ticker was or was not picked: the stage and criterion, or its score breakdown',
  usage: '/why SYM',
  example: '/why AMC',
  minRole: 'viewer',
  parse: positional([tickerArg], [], { names: ['the ticker'] }).transform(({ values: [symbol] }) => ({ symbol })),
  async run(ctx, { symbol }, s) {
    const run = s.views.latestRun(ctx.asOf);
    if (!run) {
      await ctx.reply(`No pipeline run as of ${escapeHtml(ctx.asOf)} yet. /scan runs one now.`);
      return;
    }
    const head = `${bold(symbol)} in run ${escapeHtml(run.id)} (as of ${escapeHtml(run.asOf)})`;
    const cut = s.views.elimination(run.id, symbol);
    if (cut) {
      const against =
        cut.value !== null || cut.threshold !== null
          ? `: ${num(cut.value)} against a threshold of ${num(cut.threshold)}`
          : '';
      await ctx.reply(
        `${head}\nCut at ${bold(words(cut.stage))} — ${escapeHtml(words(cut.criterion))}${escapeHtml(against)}.${cut.detail ? `\n${escapeHtml(cut.detail)}` : ''}`,
      );
      return;
    }
    const score = s.views.scoreInRun(run.id, symbol);
    if (!score) {
      const known = s.views.knows(symbol);
      await ctx.reply(
        known
          ? `${head}\nNot part of that run: no recent bars in the store for that day, or outside the universe. /ticker ${escapeHtml(symbol)} shows what the store holds.`
          : `I have no data for ${escapeHtml(symbol)} at all. Check the spelling, or /add ${escapeHtml(symbol)} to have it scanned.`,
      );
      return;
    }
    const size = s.settings.current().deep_scan.ranking_size;
    const where =
      score.rank !== null && score.rank <= size
        ? `Picked: rank ${score.rank} of the top ${size}.`
        : `Deep-scanned and scored${score.rank ? ` (rank ${score.rank})` : ''}, but outside the top ${size}.`;
    const contributors = topContributors({ components: score.components }, 5);
    const lines = [
      head,
      escapeHtml(where),
      `Score ${fmtNum(score.score)} (fuel ${fmtNum(score.fuel)}, trigger ${fmtNum(score.trigger)}), level ${escapeHtml(score.level ?? 'below alerting')}.`,
    ];
    if (contributors.length) lines.push(bold('What drove it'), ...contributors.map((c) => `• ${escapeHtml(c)}`));
    const missing = missingInputsLine(score);
    if (missing) lines.push(escapeHtml(missing));
    if (score.levelNotes.length) lines.push(bold('Level notes'), ...score.levelNotes.map((n) => `• ${escapeHtml(n)}`));
    const supply = (score.metrics as { supply?: SupplyMetrics }).supply;
    const supplyLines = [
      supply?.borrow ? borrowSentence(supply.borrow, score.flags) : null,
      supply?.threshold ? `Reg SHO: ${thresholdText(supply.threshold, score.flags)}.` : null,
      supply?.fails ? failsSentence(supply.fails, score.flags) : null,
      supply?.options ? optionsSentence(supply.options) : null,
    ].filter((l): l is string => l !== null);
    if (supplyLines.length) lines.push(bold('Supply'), ...supplyLines.map((l) => `• ${escapeHtml(l)}`));
    await ctx.reply(lines.join('\n'));
  },
});
