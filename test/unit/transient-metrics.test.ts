import { fixedSettings } from '../../src/config/settings';
import { describe, expect, it } from 'vitest';
import { createTransientSource } from '../../src/pipeline/transient-metrics';
import type { FinnhubClient } from '../../src/providers/finnhub/client';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';

const point = (atTime: string, mention: number, score: number) => ({
  symbol: 'GME',
  atTime,
  mention,
  positiveMention: 0,
  negativeMention: 0,
  score,
  source: 'finnhub',
});

describe('transient metrics (sentiment)', () => {
  const clock = fakeClock('2021-01-27T20:00:00Z');
  const deps = (finnhub?: FinnhubClient) => ({
    finnhub,
    settings: fixedSettings(testConfig()),
    clock,
    logger: testLogger(),
  });

  it('is absent without a Finnhub key', () => {
    expect(createTransientSource(deps())).toBeUndefined();
  });

  it('weights the last 24 hours of scores by mentions and ignores older points', async () => {
    const finnhub: FinnhubClient = {
      socialSentiment: async () => [
        point('2021-01-27T10:00:00Z', 300, 0.8),
        point('2021-01-27T12:00:00Z', 100, -0.4),
        point('2021-01-25T12:00:00Z', 10_000, -1),
      ],
      ping: async () => {},
    };
    const m = await createTransientSource(deps(finnhub))!('GME');
    expect(m.sentiment24h).toBeCloseTo((300 * 0.8 + 100 * -0.4) / 400, 10);
    expect(m.callPutRatio).toBeNull();
  });

  it('reads a failed call or no mentions as missing, never as zero', async () => {
    const failing: FinnhubClient = {
      socialSentiment: async () => Promise.reject(new Error('429')),
      ping: async () => {},
    };
    expect((await createTransientSource(deps(failing))!('GME')).sentiment24h).toBeNull();
    const quiet: FinnhubClient = {
      socialSentiment: async () => [point('2021-01-27T10:00:00Z', 0, 0.9)],
      ping: async () => {},
    };
    expect((await createTransientSource(deps(quiet))!('GME')).sentiment24h).toBeNull();
  });
});
