import { describe, expect, it } from 'vitest';
import {
  normBorrowFee,
  normCallPutRatio,
  normDaysToCover,
  normMomentum,
  normRsi,
  normSentiment,
  normShortInterestChange,
  normShortPercentFloat,
  normShortRatioZ,
  normVolumeConsistency,
  normVolumeSpike,
} from '../../src/signals/scoring/normalise';

type Norm = (x: number | null | undefined) => number | null;

// name, transform, [input, expected] points, and a sweep range [lo, hi] covering both saturations
const TRANSFORMS: [string, Norm, [number, number][], [number, number]][] = [
  [
    'volume spike',
    normVolumeSpike,
    [
      [0, 0],
      [0.5, 0],
      [1, 0],
      [3, Math.log10(3)],
      [10, 1],
      [40, 1],
    ],
    [0, 50],
  ],
  [
    'SI % of float',
    normShortPercentFloat,
    [
      [0, 0],
      [0.1, 0.25],
      [0.2, 0.5],
      [0.4, 1],
      [1.4, 1],
      [-0.1, 0],
    ],
    [-0.2, 2],
  ],
  [
    'days to cover',
    normDaysToCover,
    [
      [0, 0],
      [2, 0.2],
      [5, 0.5],
      [10, 1],
      [30, 1],
    ],
    [-1, 40],
  ],
  [
    'SI change',
    normShortInterestChange,
    [
      [-0.5, 0],
      [0, 0],
      [0.25, 0.5],
      [0.5, 1],
      [3, 1],
    ],
    [-1, 4],
  ],
  [
    'RSI',
    normRsi,
    [
      [0, 0],
      [30, 0],
      [50, 0],
      [75, 0.5],
      [100, 1],
    ],
    [0, 100],
  ],
  [
    'sentiment',
    normSentiment,
    [
      [-1, 0],
      [0, 0.5],
      [0.6, 0.8],
      [1, 1],
      [5, 1],
    ],
    [-2, 2],
  ],
  [
    'call/put ratio',
    normCallPutRatio,
    [
      [0, 0],
      [0.6, 0],
      [1, 0],
      [Math.sqrt(5), 0.5],
      [5, 1],
      [20, 1],
    ],
    [0, 30],
  ],
  [
    'borrow fee %',
    normBorrowFee,
    [
      [0, 0],
      [0.3, 0],
      [1, 0],
      [10, 0.5],
      [100, 1],
      [400, 1],
    ],
    [0, 500],
  ],
  [
    'momentum',
    normMomentum,
    [
      [-0.3, 0],
      [0, 0],
      [0.12, 0.24],
      [0.5, 1],
      [2, 1],
    ],
    [-1, 3],
  ],
  [
    'volume consistency',
    normVolumeConsistency,
    [
      [0, 0],
      [0.4, 0.4],
      [1, 1],
      [1.2, 1],
    ],
    [-0.5, 1.5],
  ],
  [
    'short-ratio z',
    normShortRatioZ,
    [
      [-2, 0],
      [0, 0],
      [1.5, 0.5],
      [3, 1],
      [8, 1],
    ],
    [-5, 10],
  ],
];

const POINTS = TRANSFORMS.flatMap(([name, f, points]) => points.map(([x, y]) => [name, f, x, y] as const));

describe('scoring transforms', () => {
  it.each(POINTS)('%s: %d → %d', (_name, f, x, y) => {
    expect(f(x)).toBeCloseTo(y, 6);
  });

  it.each(TRANSFORMS)('%s never decreases across its range and stays in 0..1', (_name, f, _points, [lo, hi]) => {
    let prev = -Infinity;
    for (let i = 0; i <= 400; i++) {
      const v = f(lo + ((hi - lo) * i) / 400);
      expect(v).not.toBeNull();
      expect(v!).toBeGreaterThanOrEqual(prev);
      expect(v!).toBeGreaterThanOrEqual(0);
      expect(v!).toBeLessThanOrEqual(1);
      prev = v!;
    }
  });

  it.each(TRANSFORMS)(
    '%s saturates: 0 at the bottom, 1 at the top, even for huge inputs',
    (_name, f, _points, [lo, hi]) => {
      expect(f(lo)).toBe(0);
      expect(f(hi)).toBe(1);
      expect(f(Number.MAX_VALUE)).toBe(1);
      expect(f(-Number.MAX_VALUE)).toBe(0);
    },
  );

  it.each(TRANSFORMS)('%s treats NaN, ±Infinity, null and undefined as missing', (_name, f) => {
    for (const bad of [NaN, Infinity, -Infinity, null, undefined]) expect(f(bad)).toBeNull();
  });

  it('reads a 3× volume day as about half way between normal and a 10× day', () => {
    expect(normVolumeSpike(3)).toBeGreaterThan(0.45);
    expect(normVolumeSpike(3)).toBeLessThan(0.5);
    // a doubling means the same wherever it happens
    expect(normVolumeSpike(4)! - normVolumeSpike(2)!).toBeCloseTo(normVolumeSpike(10)! - normVolumeSpike(5)!, 9);
  });
});
