import { z } from 'zod';
import { defineCommand } from '../src/chat/command-types';
import { fitPhone } from '../src/present/phone-width';
import { backToCard } from '../src/chat/ticker-card';
import { isDurationWord, readDays, readSymbol } from '../src/chat/args/grammar';
import { bold, escapeHtml } from '../src/present/html';

// /add GME 14d earnings next week: the word after the ticker is the TTL whenever it reads as a duration (so
// `/add MSFT 1y` watches for a year and `/add MSFT 12h` is refused, never kept as a reason), and
// `/add GME squeeze setup` keeps the whole reason. A duration further on (`/add GME 7d 2w`) could be a second
// TTL or part of the reason: refused rather than guessed.
const parse = z.array(z.string()).transform((words, ctx) => {
  const fail = (message: string) => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    return z.NEVER;
  };
  const [first, second, ...rest] = words;
  if (first === undefined) return fail('the ticker is missing');
  const symbol = readSymbol(first);
  if (!symbol.ok) return fail(symbol.message);
  const ttlGiven = second !== undefined && isDurationWord(second);
  const ttl = ttlGiven ? readDays(second, 'the TTL') : null;
  if (ttl && !ttl.ok) return fail(ttl.message);
  const reasonWords = ttlGiven ? rest : [second, ...rest].filter((w) => w !== undefined);
  const ambiguous = reasonWords.find((w) => isDurationWord(w, { unit: true }));
  if (ambiguous)
    return fail(
      `"${ambiguous}" reads as a duration, where the reason goes: give the TTL right after the ticker, once, and write the reason in words`,
    );
  const reason = reasonWords.join(' ').trim();
  return { symbol: symbol.value, ttlDays: ttl?.ok ? ttl.value : undefined, reason: reason || undefined };
});

export const addCommand = defineCommand({
  name: 'add',
  summary: 'watch a ticker: always deep-scanned until it expires',
  usage: '/add SYM [ttl: 14d|2w|3mo|1y] [reason]',
  example: '/add GME 14d earnings next week',
  minRole: 'trader',
  parse,
  async run(ctx, { symbol, ttlDays, reason }, s) {
    const renewing = s.adhoc.list().some((a) => a.symbol === symbol);
    const row = s.adhoc.add(symbol, { by: ctx.user.id, reason, ttlDays });
    const known = s.views.knows(symbol);
    await ctx.reply(
      fitPhone(
        [
          `${renewing ? 'Renewed' : 'Added'} ${bold(symbol)} until ${escapeHtml(row.expiresAt.slice(0, 10))}${row.reason ? ` — ${escapeHtml(row.reason)}` : ''}.`,
          'It is deep-scanned on every run until then, whatever the volume filter says.',
          ...(known ? [] : [`Note: the store has no data for ${escapeHtml(symbol)} yet; check the spelling.`]),
        ].join('\n'),
      ),
      { buttons: backToCard(symbol) },
    );
  },
});
