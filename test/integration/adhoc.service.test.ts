import { afterEach, describe, expect, it } from 'vitest';
import { createAdhocService } from '../../src/pipeline/adhoc.service';
import { fakeClock } from '../../src/shared/clock';
import { UsageError } from '../../src/shared/errors';
import { testConfig } from '../support/config';
import { tempDb } from '../support/temp-db';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

describe('ad-hoc tickers', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());
  const setup = (patch?: Parameters<typeof testConfig>[0]) => {
    t = tempDb();
    const clock = fakeClock('2021-01-11T15:00:00Z');
    return {
      clock,
      adhoc: createAdhocService({ repos: createRepos(t.db), settings: fixedSettings(testConfig(patch)), clock }),
    };
  };

  it('adds with a reason and the default 7-day TTL, and lists it until it expires', () => {
    const { clock, adhoc } = setup();
    const row = adhoc.add('GME', { by: 'user 42', reason: 'SI above 100% of float' });
    expect(row).toMatchObject({
      symbol: 'GME',
      reason: 'SI above 100% of float',
      status: 'active',
      expiresAt: '2021-01-18T15:00:00.000Z',
    });
    clock.set('2021-01-18T14:59:00Z');
    expect(adhoc.list().map((a) => a.symbol)).toEqual(['GME']);
    clock.set('2021-01-18T15:00:00Z');
    expect(adhoc.list()).toEqual([]);
    expect(adhoc.expire()).toEqual(['GME']);
    expect(adhoc.expire()).toEqual([]);
  });

  it('renews a ticker added again instead of duplicating it, and brings back a removed one', () => {
    const { clock, adhoc } = setup();
    adhoc.add('AMC', { by: 'a', ttlDays: 2 });
    clock.advance(86_400_000);
    adhoc.add('AMC', { by: 'b', ttlDays: 3 });
    expect(adhoc.list()).toEqual([
      expect.objectContaining({ symbol: 'AMC', addedBy: 'b', expiresAt: '2021-01-15T15:00:00.000Z' }),
    ]);
    expect(adhoc.remove('AMC')).toBe(true);
    expect(adhoc.remove('AMC')).toBe(false);
    expect(adhoc.list()).toEqual([]);
    adhoc.add('AMC', { by: 'c' });
    expect(adhoc.list().map((a) => a.symbol)).toEqual(['AMC']);
  });

  it('refuses a 21st active ticker, naming the active ones, but still renews one of them', () => {
    const { adhoc } = setup();
    const symbols = Array.from({ length: 20 }, (_, i) => `T${String.fromCharCode(65 + i)}`);
    for (const s of symbols) adhoc.add(s, { by: 'u' });
    expect(() => adhoc.add('KOSS', { by: 'u' })).toThrow(UsageError);
    expect(() => adhoc.add('KOSS', { by: 'u' })).toThrow(/20 ad-hoc tickers are active.*TA, TB/);
    expect(() => adhoc.add('TA', { by: 'u', ttlDays: 3 })).not.toThrow();
  });

  it('rejects a TTL that is not a whole number of days from 1 to 365', () => {
    const { adhoc } = setup();
    for (const ttl of [0, -1, 1.5, 400]) expect(() => adhoc.add('GME', { by: 'u', ttlDays: ttl })).toThrow(/TTL/);
  });

  it('promotes the active ones whose score reached the threshold (0.7 by default), only once', () => {
    const { adhoc } = setup();
    adhoc.add('GME', { by: 'u' });
    adhoc.add('AMC', { by: 'u' });
    expect(
      adhoc.promote([
        { symbol: 'GME', score: 0.7 },
        { symbol: 'AMC', score: 0.69 },
        { symbol: 'AAPL', score: 0.9 },
      ]),
    ).toEqual(['GME']);
    expect(adhoc.list().map((a) => a.symbol)).toEqual(['AMC']);
    expect(adhoc.promote([{ symbol: 'GME', score: 0.9 }])).toEqual([]);
  });
});
