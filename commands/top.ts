import { defineCommand } from '../src/chat/command-types';
import { intArg, positional } from '../src/chat/args/basic.args';
import { fmtNum } from '../src/present/format';
import { bold, escapeHtml, preTable } from '../src/present/html';
import { levelCell } from '../src/present/levels';
import { drivers } from '../src/signals/scoring/hybrid-score';
import { causeSentence, closesPendingNote } from '../src/monitoring/data-cause';
import { scoreInputLabel } from '../src/present/labels/score-inputs';

export const topCommand = defineCommand({
  name: 'top',
  summary: "the latest run's ranking: score, fuel, trigger, level",
  usage: '/top [n]',
  example: '/top 5',
  minRole: 'viewer',
  parse: positional([], [intArg('n', 1, 50)], { names: ['n'] }).transform(({ values: [n] }) => ({ n: n ?? 10 })),
  async run(ctx, { n }, s) {
    const run = s.views.latestRun(ctx.asOf);
    // an empty answer names its cause (no network, a provider down, an empty store) before any other advice
    const why = () => escapeHtml(causeSentence(s.views.dataCause(ctx.asOf, s.clock.now())));
    if (!run) {
      const cause = why();
      await ctx.reply(`No pipeline run as of ${escapeHtml(ctx.asOf)} yet. ${cause || '/scan runs one now.'}`);
      return;
    }
    const rows = s.views.ranking(run.id, n);
    if (rows.length === 0) {
      const newestBars = typeof run.summary?.newest_bars === 'string' ? run.summary.newest_bars : null;
      const cause = escapeHtml(closesPendingNote(s.clock.now(), newestBars) ?? '') || why();
      await ctx.reply(
        `Run ${escapeHtml(run.id)} (as of ${escapeHtml(run.asOf)}, ${escapeHtml(run.status)}) ranked nothing.${cause ? ` ${cause}` : ''} /pipeline shows where names were cut.`,
      );
      return;
    }
    const table = preTable(
      ['#', 'ticker', 'score', 'fuel', 'trig', 'level', 'top factor'],
      rows.map((r) => {
        const top = drivers(r.components, 1)[0];
        return [
          String(r.rank ?? '—'),
          r.symbol,
          fmtNum(r.score),
          fmtNum(r.fuel),
          fmtNum(r.trigger),
          levelCell(r.level),
          top ? scoreInputLabel(top.name) : '—',
        ];
      }),
      { alignRight: [true, false, true, true, true, false, false] },
    );
    // keyless, the first weeks: the volume figures are FINRA's off-exchange volume, said once under the table
    const proxied = rows.filter((r) =>
      (r.components as { basis?: string }[]).some((c) => c.basis === 'off_exchange_proxy'),
    ).length;
    const proxyNote = proxied
      ? `
${proxied === rows.length ? 'Volume figures' : `Volume figures of ${proxied} of these`} are FINRA off-exchange volume, a proxy: fewer than ${s.settings.current().volume_detector.analysis.volume_lookback_days + 1} daily bars held yet.`
      : '';
    // over the daily alert budget a name with a level is not pushed: it is here and in the digest
    const budget = s.views.alertBudget(run.asOf);
    const budgetNote =
      rows.some((r) => r.level) && budget.sent >= budget.budget
        ? `\nThe daily budget of ${budget.budget} squeeze alert(s) for ${run.asOf} is spent: other names with a level are shown here and in the digest, not pushed.`
        : '';
    const stale = run.asOf < ctx.asOf ? ` (the newest run on or before ${escapeHtml(ctx.asOf)})` : '';
    await ctx.reply(
      `${bold(`Top ${rows.length}`)} — as of ${escapeHtml(run.asOf)}${stale}\n${table}${escapeHtml(proxyNote)}${escapeHtml(budgetNote)}\n/ticker SYM for a card, /why SYM for the reasons.`,
    );
  },
});
