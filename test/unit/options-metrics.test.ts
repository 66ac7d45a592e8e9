import { describe, expect, it } from 'vitest';
import type { OptionsSnapshot } from '../../src/domain/short-supply';
import { computeOptionsMetrics } from '../../src/signals/options-metrics';

const snap = (patch: Partial<OptionsSnapshot> = {}): OptionsSnapshot => ({
  symbol: 'GME',
  date: '2021-01-22',
  takenAt: '2021-01-22T21:45:00.000Z',
  underlyingPrice: 65,
  callVolume: 900_000,
  putVolume: 300_000,
  callOpenInterest: 1_500_000,
  putOpenInterest: 700_000,
  nearMoneyCallOpenInterest: 120_000,
  iv30: 2.5,
  contracts: 400,
  source: 'test',
  publishedOn: '2021-01-22',
  ...patch,
});

describe('options metrics', () => {
  it.each([
    ['calls over puts', snap(), 3, 1_200_000],
    ['no puts traded', snap({ putVolume: 0 }), null, 900_000],
    ['nothing traded', snap({ callVolume: 0, putVolume: 0 }), null, 0],
  ])('%s: call/put ratio %s, options volume %s', (_what, s, ratio, volume) => {
    const m = computeOptionsMetrics(s, 10_000_000);
    expect(m.callPutRatio).toBe(ratio);
    expect(m.optionsVolume).toBe(volume);
  });

  it('sets near-money call open interest, in shares, against the 20-day average volume', () => {
    // 120,000 contracts × 100 shares / 10M shares a day = 1.2 days of volume
    expect(computeOptionsMetrics(snap(), 10_000_000).nearMoneyCallOiToAdv).toBeCloseTo(1.2, 12);
    expect(computeOptionsMetrics(snap(), null).nearMoneyCallOiToAdv).toBeNull();
    expect(computeOptionsMetrics(snap(), 0).nearMoneyCallOiToAdv).toBeNull();
    expect(computeOptionsMetrics(snap({ nearMoneyCallOpenInterest: null }), 1e6).nearMoneyCallOiToAdv).toBeNull();
  });

  it('keeps iv30 a fraction and carries the open interest and the date', () => {
    expect(computeOptionsMetrics(snap(), 1e6)).toMatchObject({
      date: '2021-01-22',
      iv30: 2.5,
      callOpenInterest: 1_500_000,
      putOpenInterest: 700_000,
    });
  });
});
