import { describe, expect, it } from 'vitest';
import {
  clusterLevels,
  findPivots,
  supportResistance,
  type Bars,
  type Pivot,
} from '../../src/signals/support-resistance';

// A zigzag of closes 10→13→10→13… (period 6): highs = close + 0.5, lows = close − 0.5, so the swing
// highs sit at the peaks (13.5) and the swing lows at the troughs (9.5), and nowhere else.
function barsOf(closes: number[], spread = 0.5): Bars {
  return {
    dates: closes.map((_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`),
    close: closes,
    high: closes.map((c) => c + spread),
    low: closes.map((c) => c - spread),
  };
}
const zigzag = [10, 11, 12, 13, 12, 11, 10, 11, 12, 13, 12, 11, 10, 11, 12, 13, 12, 11, 10, 11];

describe('findPivots', () => {
  it.each([
    { window: 1, highs: [3, 9, 15], lows: [6, 12, 18] },
    { window: 2, highs: [3, 9, 15], lows: [6, 12] },
    { window: 3, highs: [3, 9, 15], lows: [6, 12] },
  ])(
    'finds the zigzag peaks and troughs with a window of $window (the last $window bars never pivot)',
    ({ window, highs, lows }) => {
      const pivots = findPivots(barsOf(zigzag), window);
      expect(pivots.filter((p) => p.kind === 'high').map((p) => p.index)).toEqual(highs);
      expect(pivots.filter((p) => p.kind === 'low').map((p) => p.index)).toEqual(lows);
      expect(pivots.filter((p) => p.kind === 'high').every((p) => p.price === 13.5)).toBe(true);
    },
  );

  it('counts a flat top once, at its first bar', () => {
    const pivots = findPivots(barsOf([10, 11, 12, 14, 14, 12, 11, 10]), 2);
    expect(pivots.filter((p) => p.kind === 'high').map((p) => p.index)).toEqual([3]);
  });

  it('finds nothing in a straight rise', () => {
    expect(findPivots(barsOf([1, 2, 3, 4, 5, 6, 7, 8, 9]), 2)).toEqual([]);
  });
});

describe('clusterLevels', () => {
  const p = (price: number, i: number, kind: Pivot['kind'] = 'low'): Pivot => ({
    index: i,
    date: `2024-02-${String(i + 1).padStart(2, '0')}`,
    price,
    kind,
  });

  it.each([
    {
      tolerance: 0.5,
      prices: [10, 10.2, 10.4, 12],
      levels: [
        [10.2, 3],
        [12, 1],
      ],
    },
    {
      tolerance: 0.1,
      prices: [10, 10.2, 10.4, 12],
      levels: [
        [10, 1],
        [10.2, 1],
        [10.4, 1],
        [12, 1],
      ],
    },
    { tolerance: 3, prices: [10, 10.2, 10.4, 12], levels: [[10.65, 4]] },
  ])('merges pivots within $tolerance of the cluster mean', ({ tolerance, prices, levels }) => {
    const out = clusterLevels(
      prices.map((x, i) => p(x, i)),
      tolerance,
    );
    expect(out.map((l) => [Number(l.price.toFixed(4)), l.touches])).toEqual(levels);
  });

  it('keeps the newest pivot date and both kinds when a high and a low share a level', () => {
    const [level] = clusterLevels([p(20, 1, 'high'), p(20.1, 7, 'low')], 0.5);
    expect(level).toMatchObject({ touches: 2, lastDate: '2024-02-08', kinds: ['high', 'low'] });
  });
});

describe('supportResistance', () => {
  it('puts the troughs below a mid-range price as support and the peaks above as resistance', () => {
    const sr = supportResistance(barsOf(zigzag), { window: 2, price: 11.5 });
    expect(sr.atr).toBeGreaterThan(0);
    expect(sr.supports.map((l) => [l.price, l.touches])).toEqual([[9.5, 2]]);
    expect(sr.resistances.map((l) => [l.price, l.touches])).toEqual([[13.5, 3]]);
  });

  it('orders several supports nearest first', () => {
    // troughs step down: 9.5 then 7.5, then a rebound that flattens at 12 (its first bar a swing high of 12.5)
    const closes = [12, 11, 10, 11, 12, 13, 12, 11, 10, 9, 8, 9, 10, 11, 12, 12, 12];
    const sr = supportResistance(barsOf(closes), { window: 2, price: 11.9, toleranceAtr: 0.1 });
    expect(sr.supports.map((l) => l.price)).toEqual([9.5, 7.5]);
    expect(sr.resistances.map((l) => l.price)).toEqual([12.5, 13.5]);
  });
});
