import { z } from 'zod';
import { defineCommand } from '../src/chat/command-types';
import { intArg, positional } from '../src/chat/args/basic.args';
import { paged } from '../src/chat/args/page.args';
import { fmtNum } from '../src/present/format';
import { scoreInputLabel } from '../src/present/labels/score-inputs';
import { bold, escapeHtml } from '../src/present/html';
import { levelBadge } from '../src/present/levels';
import { commandButton, inPlaceButton, pagerRow, type ButtonRows } from '../src/present/buttons';
import { pageOf } from '../src/present/paging';
import { fitPhone } from '../src/present/phone-width';
import { drivers } from '../src/signals/scoring/hybrid-score';
import { causeSentence, closesPendingNote } from '../src/monitoring/data-cause';
import type { StoredScore } from '../src/db/repos/pipeline-runs.repo';

// /top as cards two lines high (a phone bubble is ~36 characters wide): rank, ticker, score and level,
// then trigger and the top factor. Every ticker is a button to its card; the whole table, with fuel, is
// a CSV file (`/top 25 csv`), where a wide table belongs.

/** `/top`, `/top 25`, `/top 25 2` (page 2), `/top 25 p2`, `/top 25 csv` */
const parse = paged(
  z
    .array(z.string())
    .transform((w) => ({
      csv: w.some((x) => x.toLowerCase() === 'csv'),
      rest: w.filter((x) => x.toLowerCase() !== 'csv'),
    }))
    .pipe(
      z.object({
        csv: z.boolean(),
        rest: positional([], [intArg('n', 1, 50), intArg('the page', 1, 5)], { names: ['n', 'the page'] }),
      }),
    )
    .transform(
      ({
        csv,
        rest: {
          values: [n, page],
        },
      }) => ({ n: n ?? 10, csv, pageArg: page }),
    ),
).transform(({ page, pageArg, ...rest }) => ({ ...rest, page: page ?? pageArg ?? 1 }));

const topFactor = (r: StoredScore): string => {
  const top = drivers(r.components, 1)[0];
  return top ? scoreInputLabel(top.name) : '—';
};

function card(r: StoredScore): string {
  const rank = `${r.rank ?? '—'}.`;
  return [
    `${escapeHtml(rank)} ${bold(r.symbol)}  ${fmtNum(r.score)} ${escapeHtml(levelBadge(r.level))}`,
    `${' '.repeat(rank.length + 1)}trig ${fmtNum(r.trigger)} · ${escapeHtml(topFactor(r))}`,
  ].join('\n');
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function topCsv(rows: readonly StoredScore[]): string {
  const head = ['rank', 'ticker', 'score', 'fuel', 'trigger', 'level', 'top factor'];
  const body = rows.map((r) =>
    [
      String(r.rank ?? ''),
      r.symbol,
      fmtNum(r.score),
      fmtNum(r.fuel),
      fmtNum(r.trigger),
      r.level ?? '',
      topFactor(r),
    ].map(csvCell),
  );
  return [head, ...body].map((l) => l.join(',')).join('\n') + '\n';
}

export const topCommand = defineCommand({
  name: 'top',
  summary: "the latest run's ranking: score, fuel, trigger, level",
  usage: '/top [n] [page] [csv]',
  example: '/top 5',
  minRole: 'viewer',
  parse,
  async run(ctx, { n, page, csv }, s) {
    const run = s.views.latestRun(ctx.asOf);
    // an empty answer names its cause (no network, a provider down, an empty store) before any other advice
    const why = () => escapeHtml(causeSentence(s.views.dataCause(ctx.asOf, s.clock.now())));
    if (!run) {
      const cause = why();
      // one sentence a reader (and the piped CLI) takes whole: Telegram wraps prose itself
      await ctx.reply(`No pipeline run as of ${escapeHtml(ctx.asOf)} yet. ${cause || '/scan runs one now.'}`);
      return;
    }
    const rows = s.views.ranking(run.id, n);
    if (rows.length === 0) {
      const newestBars = typeof run.summary?.newest_bars === 'string' ? run.summary.newest_bars : null;
      const cause = escapeHtml(closesPendingNote(s.clock.now(), newestBars) ?? '') || why();
      await ctx.reply(
        fitPhone(
          `Run ${escapeHtml(run.id)} (as of ${escapeHtml(run.asOf)}, ${escapeHtml(run.status)}) ranked nothing.${cause ? ` ${cause}` : ''} /pipeline shows where names were cut.`,
        ),
      );
      return;
    }
    if (csv) {
      await ctx.replyDocument(Buffer.from(topCsv(rows)), `top-${run.asOf}.csv`, `Top ${rows.length} as of ${run.asOf}`);
      return;
    }
    const shown = pageOf(rows, page);
    // keyless, the first weeks: the volume figures are FINRA's off-exchange volume, said once under the list
    const proxied = rows.filter((r) =>
      (r.components as { basis?: string }[]).some((c) => c.basis === 'off_exchange_proxy'),
    ).length;
    const proxyNote = proxied
      ? `${proxied === rows.length ? 'Volume figures' : `Volume figures of ${proxied} of these`} are FINRA off-exchange volume, a proxy: fewer than ${s.settings.current().volume_detector.analysis.volume_lookback_days + 1} daily bars held yet.`
      : '';
    // over the daily alert budget a name with a level is not pushed: it is here and in the digest
    const budget = s.views.alertBudget(run.asOf);
    const budgetNote =
      rows.some((r) => r.level) && budget.sent >= budget.budget
        ? `The daily budget of ${budget.budget} squeeze alert(s) for ${run.asOf} is spent: other names with a level are shown here and in the digest, not pushed.`
        : '';
    const stale = run.asOf < ctx.asOf ? `(the newest run on or before ${escapeHtml(ctx.asOf)})` : '';
    const head = `${bold(`Top ${rows.length}`)} · as of ${escapeHtml(run.asOf)}`;
    const lines = [
      head,
      ...(stale ? [stale] : []),
      ...shown.items.map(card),
      ...[proxyNote, budgetNote].filter(Boolean).map(escapeHtml),
      'Tap a ticker for its card.',
    ];
    const line = (p: number) => `/top ${n} ${p}`;
    const buttons: ButtonRows = [];
    const tickers = shown.items.map((r) => commandButton(r.symbol, `/ticker ${r.symbol}`));
    for (let i = 0; i < tickers.length; i += 4) buttons.push(tickers.slice(i, i + 4));
    const pager = pagerRow(shown.page, shown.pages, line);
    if (pager.length) buttons.push(pager);
    buttons.push([inPlaceButton('🔄 Refresh', line(shown.page)), commandButton('📄 Full table', `/top ${n} csv`)]);
    await ctx.reply(fitPhone(lines.join('\n')), { buttons });
  },
});
