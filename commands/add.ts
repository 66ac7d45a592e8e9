import { z } from 'zod';
import { defineCommand } from '../src/chat/command-types';
import { daysArg, tickerArg } from '../src/chat/args/basic.args';
import { bold, escapeHtml } from '../src/present/html';

const TTL_WORD = /^\d+\s*(d|days?|w|wk|weeks?)?$/i;

// /add GME 14 earnings next week: the word after the ticker is the TTL only when it looks like one,
// so `/add GME squeeze setup` keeps the whole reason.
const parse = z.array(z.string()).transform((words, ctx) => {
  const [first, second, ...rest] = words;
  if (first === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'the ticker is missing' });
    return z.NEVER;
  }
  const symbol = tickerArg.safeParse(first);
  if (!symbol.success) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: symbol.error.issues[0]!.message });
    return z.NEVER;
  }
  const ttlGiven = second !== undefined && TTL_WORD.test(second);
  const ttl = ttlGiven ? daysArg('the TTL').safeParse(second) : null;
  if (ttl && !ttl.success) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: ttl.error.issues[0]!.message });
    return z.NEVER;
  }
  const reason = (ttlGiven ? rest : [second, ...rest].filter((w) => w !== undefined)).join(' ').trim();
  return { symbol: symbol.data, ttlDays: ttl?.success ? ttl.data : undefined, reason: reason || undefined };
});

export const addCommand = defineCommand({
  name: 'add',
  summary: 'watch a ticker: always deep-scanned until it expires',
  usage: '/add SYM [ttl] [reason]',
  example: '/add GME 14d earnings next week',
  minRole: 'trader',
  parse,
  async run(ctx, { symbol, ttlDays, reason }, s) {
    const renewing = s.adhoc.list().some((a) => a.symbol === symbol);
    const row = s.adhoc.add(symbol, { by: ctx.user.id, reason, ttlDays });
    const known = s.views.knows(symbol);
    await ctx.reply(
      [
        `${renewing ? 'Renewed' : 'Added'} ${bold(symbol)} until ${escapeHtml(row.expiresAt.slice(0, 10))}${row.reason ? ` — ${escapeHtml(row.reason)}` : ''}.`,
        'It is deep-scanned on every run until then, whatever the volume filter says.',
        ...(known ? [] : [`Note: the store has no data for ${escapeHtml(symbol)} yet; check the spelling.`]),
      ].join('\n'),
    );
  },
});
