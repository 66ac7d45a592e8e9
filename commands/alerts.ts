import { z } from 'zod';
import { readChoice, readSymbol } from '../src/chat/args/grammar';
import { defineCommand } from '../src/chat/command-types';
import { fmtInstant, fmtNum } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import type { AlertFilter, AlertRow } from '../src/db/repos/alerts.repo';
import { SEVERITY_ICON } from '../src/present/levels';
import { asOfDate } from '../src/market/as-of';

const parse = z
  .array(z.string())
  .max(1, 'give one of: unacked, all, or a ticker')
  .transform((words, ctx): AlertFilter => {
    const w = words[0];
    if (w === undefined) return { kind: 'unacked' };
    const kind = readChoice(w, 'the filter', ['unacked', 'all'] as const);
    if (kind.ok) return { kind: kind.value };
    const symbol = readSymbol(w);
    if (!symbol.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${w}" is not unacked, all, or a ticker` });
      return z.NEVER;
    }
    return { kind: 'symbol', symbol: symbol.value };
  });

/** One alert in a list; its time in `zone` (the reader's). */
export function alertLine(a: AlertRow, zone: string): string {
  const what =
    a.kind === 'squeeze'
      ? `${bold(a.symbol)} ${escapeHtml(a.severity.toUpperCase())} score ${fmtNum(a.score)}`
      : escapeHtml(a.title);
  const state = a.ackedAt ? `✅ ${escapeHtml(a.ackedBy)}` : 'open';
  const fb = a.feedback === 1 ? ' 👍' : a.feedback === 0 ? ' 👎' : '';
  return `#${a.id} ${SEVERITY_ICON[a.severity] ?? ''} ${what} · ${escapeHtml(fmtInstant(a.createdAt, zone))} · ${state}${fb}`;
}

export const alertsCommand = defineCommand({
  name: 'alerts',
  summary: 'recent alerts: open ones, all, or one ticker’s',
  usage: '/alerts [unacked|all|SYM]',
  example: '/alerts GME',
  minRole: 'viewer',
  parse,
  async run(ctx, filter, s) {
    const { alerts } = s.alerting;
    const asOf = asOfDate(ctx.asOf);
    const rows = alerts.list(filter, asOf, 20);
    const title =
      filter.kind === 'unacked'
        ? 'Open alerts'
        : filter.kind === 'all'
          ? 'Recent alerts'
          : `Alerts for ${filter.symbol}`;
    if (!rows.length) {
      await ctx.reply(
        filter.kind === 'unacked'
          ? 'No open alerts. /alerts all shows the acknowledged ones too.'
          : `No alerts${filter.kind === 'symbol' ? ` for ${escapeHtml(filter.symbol)}` : ''} yet.`,
      );
      return;
    }
    const counts = alerts.counts(asOf);
    await ctx.reply(
      [
        `${bold(title)} (newest first; ${counts.unacked} open of ${counts.total})`,
        ...rows.map((a) => alertLine(a, ctx.user.prefs.timeZone)),
        '',
        '/ack ID or /ack all acknowledges.',
      ].join('\n'),
    );
  },
});
