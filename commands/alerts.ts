import { z } from 'zod';
import { readChoice, readSymbol } from '../src/chat/args/grammar';
import { defineCommand } from '../src/chat/command-types';
import { fmtInstant, fmtNum } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import type { AlertFilter, AlertRow } from '../src/db/repos/alerts.repo';
import { SEVERITY_ICON } from '../src/present/levels';
import { asOfDate } from '../src/market/as-of';
import { button, inPlaceButton, pagerRow, type ButtonRows } from '../src/present/buttons';
import { visibleWidth, wrapWords, PHONE_COLUMNS } from '../src/present/phone-width';

/** alerts on one page: a phone screen of two-line cards */
export const ALERTS_PER_PAGE = 8;
/** how far back the pager reaches */
const MAX_PAGES = 5;

const parse = z
  .array(z.string())
  .max(2, 'give one of: unacked, all, or a ticker, and a page number')
  .transform((words, ctx): { filter: AlertFilter; page: number } => {
    let page = 1;
    const rest = [...words];
    if (rest.length && /^\d{1,2}$/.test(rest[rest.length - 1]!)) page = Math.max(1, Number(rest.pop()));
    if (rest.length > 1) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'give one of: unacked, all, or a ticker' });
      return z.NEVER;
    }
    const w = rest[0];
    if (w === undefined) return { filter: { kind: 'unacked' }, page };
    const kind = readChoice(w, 'the filter', ['unacked', 'all'] as const);
    if (kind.ok) return { filter: { kind: kind.value }, page };
    const symbol = readSymbol(w);
    if (!symbol.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${w}" is not unacked, all, or a ticker` });
      return z.NEVER;
    }
    return { filter: { kind: 'symbol', symbol: symbol.value }, page };
  });

/** An alert as a two-line card: `#3 🔴 NAKD HIGH 0.50` over `   2021-01-27 19:00 EST · open`; its time in `zone` (the reader's). */
export function alertLine(a: AlertRow, zone: string): string {
  const icon = SEVERITY_ICON[a.severity] ?? '•';
  const head =
    a.kind === 'squeeze'
      ? [`#${a.id} ${icon} ${bold(a.symbol)} ${escapeHtml(a.severity.toUpperCase())} ${fmtNum(a.score)}`]
      : wrapWords(`#${a.id} ${icon} ${a.title}`, PHONE_COLUMNS, '   ').map(escapeHtml);
  const fb = a.feedback === 1 ? ' 👍' : a.feedback === 0 ? ' 👎' : '';
  const when = `   ${escapeHtml(fmtInstant(a.createdAt, zone))}`;
  const state = a.ackedAt ? `✅ ${escapeHtml(a.ackedBy)}` : 'open';
  const oneLine = `${when} · ${state}${fb}`;
  const tail = visibleWidth(oneLine) <= PHONE_COLUMNS ? [oneLine] : [when, `   ${state}${fb}`];
  return [...head, ...tail].join('\n');
}

const filterWord = (f: AlertFilter) => (f.kind === 'symbol' ? f.symbol : f.kind);

export const alertsCommand = defineCommand({
  name: 'alerts',
  summary: 'recent alerts: open ones, all, or one ticker’s',
  usage: '/alerts [unacked|all|SYM] [page]',
  example: '/alerts GME',
  minRole: 'viewer',
  parse,
  async run(ctx, { filter, page: asked }, s) {
    const { alerts } = s.alerting;
    const asOf = asOfDate(ctx.asOf);
    const rows = alerts.list(filter, asOf, ALERTS_PER_PAGE * MAX_PAGES);
    const title =
      filter.kind === 'unacked'
        ? 'Open alerts'
        : filter.kind === 'all'
          ? 'Recent alerts'
          : `Alerts for ${filter.symbol}`;
    if (!rows.length) {
      await ctx.reply(
        filter.kind === 'unacked'
          ? 'No open alerts.\n/alerts all shows the acknowledged\nones too.'
          : `No alerts${filter.kind === 'symbol' ? ` for ${escapeHtml(filter.symbol)}` : ''} yet.`,
      );
      return;
    }
    const pages = Math.ceil(rows.length / ALERTS_PER_PAGE);
    const page = Math.min(asked, pages);
    const shown = rows.slice((page - 1) * ALERTS_PER_PAGE, page * ALERTS_PER_PAGE);
    const counts = alerts.counts(asOf);
    const base = `/alerts ${filterWord(filter)}`;
    const open = shown.filter((a) => !a.ackedAt);
    // three Ack buttons a row: each reads `Ack #123`, which fits a third of a phone's width
    const ackRows: ButtonRows = [];
    for (let i = 0; i < open.length; i += 3)
      ackRows.push(open.slice(i, i + 3).map((a) => button(`Ack #${a.id}`, `ack:${a.id}`)));
    const buttons: ButtonRows = [
      ...ackRows,
      pagerRow(page, pages, (n) => `${base} ${n}`),
      [inPlaceButton('↻ Refresh', page > 1 ? `${base} ${page}` : base)],
    ].filter((row) => row.length > 0);
    await ctx.reply(
      [
        bold(title),
        `${counts.unacked} open of ${counts.total}, newest first`,
        ...shown.map((a) => alertLine(a, ctx.user.prefs.timeZone)),
        '',
        open.length ? 'Ack buttons or /ack ID · /ack all' : '/ack ID or /ack all acknowledges.',
      ].join('\n'),
      { buttons },
    );
  },
});
