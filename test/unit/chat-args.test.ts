import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fakeClock } from '../../src/shared/clock';
import { daysArg, firstIssue, intArg, positional, tickerArg } from '../../src/chat/args/basic.args';
import { createRateLimiter } from '../../src/chat/rate-limit';
import { editDistance, suggest } from '../../src/chat/suggest';
import { addCommand } from '../../commands/add';
import { usersCommand } from '../../commands/users';

describe('tickerArg', () => {
  it.each([
    ['$gme', 'GME'],
    [' amc ', 'AMC'],
    ['brk.b', 'BRK/B'],
  ])('normalises %j to %s', (raw, symbol) => expect(tickerArg.parse(raw)).toBe(symbol));

  it.each(['12345', 'GME!!', 'TOOLONGTICKER', '$', ''])('rejects junk %j', (raw) =>
    expect(tickerArg.safeParse(raw).success).toBe(false),
  );
});

describe('positional', () => {
  const schema = positional([tickerArg], [intArg('n', 1, 50)], { names: ['the ticker', 'n'] });
  it('reads required and optional words', () => {
    expect(schema.parse(['gme', '5']).values).toEqual(['GME', 5]);
    expect(schema.parse(['gme']).values).toEqual(['GME', undefined]);
  });
  it('names what is missing, too many, or out of range', () => {
    expect(schema.safeParse([]).error?.issues[0]?.message).toBe('the ticker is missing');
    expect(schema.safeParse(['gme', '5', 'x']).error?.issues[0]?.message).toMatch(/too many/);
    expect(schema.safeParse(['gme', '99']).error?.issues[0]?.message).toMatch(/from 1 to 50/);
  });
  it.each([
    ['7', 7],
    ['7d', 7],
    ['2w', 14],
  ])('daysArg reads %s as %d days', (raw, days) => expect(daysArg('ttl').parse(raw)).toBe(days));
});

describe('/add arguments', () => {
  it('takes the second word as a TTL only when it looks like one', () => {
    expect(addCommand.parse.parse(['$gme', '14d', 'earnings', 'soon'])).toEqual({
      symbol: 'GME',
      ttlDays: 14,
      reason: 'earnings soon',
    });
    expect(addCommand.parse.parse(['gme', 'squeeze', 'setup'])).toEqual({
      symbol: 'GME',
      ttlDays: undefined,
      reason: 'squeeze setup',
    });
  });
  it('rejects a TTL out of range', () => expect(addCommand.parse.safeParse(['gme', '900']).success).toBe(false));
  it('reads 1y as a TTL of a year, never as the reason', () =>
    expect(addCommand.parse.parse(['msft', '1y'])).toEqual({ symbol: 'MSFT', ttlDays: 365, reason: undefined }));
  it.each([
    ['msft', '12h'],
    ['msft', '7d', '2w'],
    ['msft', 'squeeze', 'in', '1mo'],
  ])('refuses a duration it cannot take as the TTL: %j', (...words) =>
    expect(addCommand.parse.safeParse(words).success).toBe(false),
  );
  it('keeps bare numbers in the reason', () =>
    expect(addCommand.parse.parse(['gme', '7d', '100', 'shares', 'short'])).toEqual({
      symbol: 'GME',
      ttlDays: 7,
      reason: '100 shares short',
    }));
});

describe('/users arguments', () => {
  it('parses each form', () => {
    expect(usersCommand.parse.parse([])).toEqual({ op: 'list' });
    expect(usersCommand.parse.parse(['add', '123', 'Trader'])).toEqual({ op: 'add', id: '123', role: 'trader' });
    expect(usersCommand.parse.parse(['remove', '123'])).toEqual({ op: 'remove', id: '123' });
  });
  it('rejects a non-numeric id and an unknown role', () => {
    expect(usersCommand.parse.safeParse(['add', 'bob', 'trader']).success).toBe(false);
    expect(usersCommand.parse.safeParse(['add', '1', 'god']).success).toBe(false);
  });
});

describe('suggest', () => {
  it.each([
    ['tpo', 'top'],
    ['tikcer', 'ticker'],
    ['wat', 'watchlist'],
    ['thresold', 'thresholds'],
  ])('suggests /%s → /%s', (typo, name) =>
    expect(suggest(typo, ['top', 'ticker', 'watchlist', 'thresholds', 'why'])).toBe(name),
  );
  it('suggests nothing for an unrelated word', () => expect(suggest('banana', ['top', 'ticker', 'why'])).toBeNull());
  it('counts an adjacent swap as one edit', () => expect(editDistance('tpo', 'top')).toBe(1));
});

describe('rate limiter', () => {
  it('allows the limit per minute, answers the first refusal only, and frees up after the window', () => {
    const clock = fakeClock('2024-01-02T15:00:00Z');
    const limiter = createRateLimiter({ limit: () => 3, clock });
    expect([1, 2, 3].map(() => limiter.hit('u').allowed)).toEqual([true, true, true]);
    const first = limiter.hit('u');
    expect(first).toMatchObject({ allowed: false, notify: true });
    expect(first.retryAfterMs).toBe(60_000);
    expect(limiter.hit('u')).toMatchObject({ allowed: false, notify: false });
    expect(limiter.hit('other').allowed).toBe(true);
    clock.advance(60_001);
    expect(limiter.hit('u').allowed).toBe(true);
  });
});

describe('firstIssue', () => {
  it("never passes zod's own wording on", () => {
    const bare = z.object({ n: z.number(), mode: z.enum(['a', 'b']) });
    const wrong = bare.safeParse({ n: 'x', mode: 'c' });
    expect(wrong.success).toBe(false);
    const text = firstIssue(wrong.error!);
    expect(text).toBe('those arguments do not fit');
    const words = z.array(z.string()).min(2).safeParse(['one']);
    expect(firstIssue(words.error!)).toBe('an argument is missing');
    const own = z.array(z.string()).max(0, 'this command takes no arguments').safeParse(['x']);
    expect(firstIssue(own.error!)).toBe('this command takes no arguments');
  });
});
