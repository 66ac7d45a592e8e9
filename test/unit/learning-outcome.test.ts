import { describe, expect, it } from 'vitest';
import { testConfig } from '../support/config';
import { categorise, trackOutcome, type PricePoint } from '../../src/learning/outcome';

// Outcome classification and checkpoint math on constructed price paths (base price 10).

const t = testConfig().learning;
const path = (...closes: number[]): PricePoint[] => closes.map((close, i) => ({ day: i + 1, close }));
const flat = (n: number, close: number) => Array.from({ length: n }, () => close);

describe('outcome category', () => {
  it.each([
    ['a close at +60% is explosive even after a fall back', [12, 16, 14, 9], 'explosive'],
    ['exactly +50% peak is explosive', [11, 15, 12], 'explosive'],
    ['+25% peak is strong', [10.5, 12.5, 11], 'strong'],
    ['+8% peak is moderate', [10.2, 10.8, 9], 'moderate'],
    ['a +3% peak ending at −2% is poor', [10.3, 10.1, 9.8], 'poor'],
    ['a +3% peak ending at −5% exactly is failed', [10.3, 9.9, 9.5], 'failed'],
    ['a name that only fell is failed', [9.6, 9, 8], 'failed'],
  ])('%s', (_name, closes, expected) => {
    expect(trackOutcome(10, path(...closes), 30, t).outcome).toBe(expected);
  });

  it.each([
    [0.5, 0, 'explosive'],
    [0.2, -0.3, 'strong'],
    [0.05, 0.05, 'moderate'],
    [0.049, -0.049, 'poor'],
    [0.049, -0.05, 'failed'],
  ] as const)('peak %s, latest %s → %s', (peak, last, expected) => {
    expect(categorise(peak, last, t.outcome)).toBe(expected);
  });
});

describe('success and failure are the first threshold the closes touch', () => {
  it.each([
    ['+10% before any −5%', [10.4, 11, 9], true, false],
    ['−5% first, then +20%', [9.5, 12], false, true],
    ['between the two all along', [10.5, 9.6, 10.9], false, false],
  ])('%s', (_name, closes, success, failure) => {
    const s = trackOutcome(10, path(...closes), 30, t);
    expect([s.success, s.failure]).toEqual([success, failure]);
  });
});

describe('checkpoint math', () => {
  it('reads checkpoints at 1, 7, 14 and 30 sessions, peak, days to peak and drawdown', () => {
    // day 1: 11, days 2-6: 12, day 7: 15 (peak), days 8-13: 12, day 14: 9, days 15-29: 10, day 30: 13
    const closes = [11, ...flat(5, 12), 15, ...flat(6, 12), 9, ...flat(15, 10), 13];
    const s = trackOutcome(10, path(...closes), 30, t);
    expect(s.checkpoints[1]).toEqual({ price: 11, return: expect.closeTo(0.1, 9) as number });
    expect(s.checkpoints[7]).toEqual({ price: 15, return: expect.closeTo(0.5, 9) as number });
    expect(s.checkpoints[14]!.price).toBe(9);
    expect(s.checkpoints[30]!.return).toBeCloseTo(0.3, 9);
    expect(s.peakPrice).toBe(15);
    expect(s.peakReturn).toBeCloseTo(0.5, 9);
    expect(s.daysToPeak).toBe(7);
    expect(s.maxDrawdown).toBeCloseTo(9 / 15 - 1, 9); // from the 15 peak down to 9
    expect(s.completed).toBe(true);
  });

  it('measures drawdown from the discovery price when the name never rose', () => {
    const s = trackOutcome(10, path(9, 8, 8.5), 3, t);
    expect(s.maxDrawdown).toBeCloseTo(-0.2, 9);
    expect(s.peakReturn).toBeCloseTo(-0.1, 9);
    expect(s.daysToPeak).toBe(1);
  });

  it('leaves checkpoints not yet reached unset and the record open', () => {
    const s = trackOutcome(10, path(11, 12, 13, 12, 12, 12, 12, 12, 12), 9, t);
    expect(s.checkpoints[7]!.price).toBe(12);
    expect(s.checkpoints[14]).toBeNull();
    expect(s.checkpoints[30]).toBeNull();
    expect(s.daysTracked).toBe(9);
    expect(s.completed).toBe(false);
  });

  it('carries the last close over a session without a bar (a halt)', () => {
    const points: PricePoint[] = [
      { day: 1, close: 11 },
      { day: 5, close: 12 },
      { day: 9, close: 13 },
    ];
    const s = trackOutcome(10, points, 9, t);
    expect(s.checkpoints[7]!.price).toBe(12);
  });

  it('ignores closes past the 30-session window', () => {
    const s = trackOutcome(10, path(...flat(30, 10), 50), 31, t);
    expect(s.peakPrice).toBe(10);
    expect(s.daysTracked).toBe(30);
  });

  it('has no outcome without a close after discovery, and stays open until the data comes or 60 sessions pass', () => {
    expect(trackOutcome(10, [], 5, t)).toMatchObject({
      outcome: null,
      peakReturn: null,
      success: null,
      completed: false,
    });
    expect(trackOutcome(10, path(11), 35, t).completed).toBe(false);
    expect(trackOutcome(10, path(11), 60, t).completed).toBe(true);
  });
});
