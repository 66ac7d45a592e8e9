import { describe, expect, it } from 'vitest';
import { fixedSettings } from '../../src/config/settings';
import { createAdhocService } from '../../src/pipeline/adhoc.service';
import { fakeClock } from '../../src/shared/clock';
import { UsageError } from '../../src/shared/errors';
import { testConfig } from '../support/config';
import { memoryAdhocRepo } from '../support/memory-adhoc-repo';

// The ad-hoc service over an in-memory repo: its rules (the cap, renewal, expiry, promotion) without a
// database, as the injected repos allow.

function setup(patch?: Parameters<typeof testConfig>[0]) {
  const clock = fakeClock('2021-01-11T15:00:00Z');
  const adhoc = createAdhocService({
    repos: { adhoc: memoryAdhocRepo() },
    settings: fixedSettings(testConfig(patch)),
    clock,
  });
  return { clock, adhoc };
}

describe('ad-hoc tickers, in memory', () => {
  it('refuses a ticker past adhoc.max_active_candidates, naming the active ones, but renews one held', () => {
    const { clock, adhoc } = setup((c) => (c.adhoc.max_active_candidates = 2));
    adhoc.add('GME', { by: '1' });
    adhoc.add('AMC', { by: '1' });
    expect(() => adhoc.add('KOSS', { by: '1' })).toThrow(UsageError);
    expect(() => adhoc.add('KOSS', { by: '1' })).toThrow(/GME, AMC/);
    clock.advance(3_600_000);
    expect(adhoc.add('GME', { by: '2', ttlDays: 14 }).expiresAt).toBe('2021-01-25T16:00:00.000Z');
    // a renewal counts from when it was made
    expect(adhoc.list().map((a) => a.symbol)).toEqual(['AMC', 'GME']);
  });

  it('expires at the TTL and promotes only active names at or above the threshold', () => {
    const { clock, adhoc } = setup((c) => (c.adhoc.auto_promote_threshold = 0.7));
    adhoc.add('GME', { by: '1', ttlDays: 1 });
    adhoc.add('BB', { by: '1' });
    adhoc.add('NOK', { by: '1' });
    expect(
      adhoc.promote([
        { symbol: 'BB', score: 0.7 },
        { symbol: 'NOK', score: 0.69 },
        { symbol: 'AMC', score: 0.9 },
      ]),
    ).toEqual(['BB']);
    clock.advance(86_400_000);
    expect(adhoc.expire()).toEqual(['GME']);
    expect(adhoc.list().map((a) => a.symbol)).toEqual(['NOK']);
  });
});
