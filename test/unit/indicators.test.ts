import { describe, expect, it } from 'vitest';
import { ATR, RSI } from 'technicalindicators';
import {
  ema,
  lastDefined,
  mean,
  meanStd,
  rollingStd,
  sma,
  trueRange,
  wilderAtr,
  wilderRsi,
  zScore,
} from '../../src/signals/indicators';

/** A deterministic random walk with OHLC around it (LCG, so the series never changes between runs). */
function walk(n: number, seed: number, start = 50) {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const close: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  let c = start;
  for (let i = 0; i < n; i++) {
    const open = c;
    c = Math.max(1, c * (1 + (rnd() - 0.48) * 0.08));
    high.push(Math.max(open, c) * (1 + rnd() * 0.03));
    low.push(Math.min(open, c) * (1 - rnd() * 0.03));
    close.push(c);
  }
  return { close, high, low };
}

// Wilder's worked example as reprinted by StockCharts ("RSI", cs-rsi.xls), 14 periods.
const WILDER_CLOSES = [
  44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03,
  46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57, 43.42, 42.66, 43.13,
];
// The spreadsheet's printed RSI column; it rounds the averages to two decimals along the way, so our
// unrounded computation agrees to ~0.1, not to the cent.
const STOCKCHARTS_RSI = [
  70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.3,
  33.08, 37.77,
];

const SERIES = {
  'Wilder textbook closes': WILDER_CLOSES,
  'random walk, 120 bars': walk(120, 7).close,
  'random walk, 40 bars': walk(40, 99).close,
  'steady rise with a dip': Array.from({ length: 30 }, (_, i) => 10 + i * 0.5 - (i === 20 ? 3 : 0)),
  'penny stock': walk(80, 3, 0.9).close,
};

describe('Wilder RSI', () => {
  it.each(Object.entries(SERIES))('equals technicalindicators RSI(14) on %s', (_name, closes) => {
    const ours = wilderRsi(closes, 14);
    const theirs = RSI.calculate({ values: closes, period: 14 });
    // The package drops the warm-up and rounds to 2 decimals (toFixed); we keep full precision.
    expect(ours.length - 14).toBe(theirs.length);
    theirs.forEach((v, k) => expect(parseFloat(ours[14 + k]!.toFixed(2)), `index ${14 + k}`).toBe(v));
    expect(Array.from(ours.slice(0, 14)).every(Number.isNaN)).toBe(true);
  });

  it('reproduces the exact Wilder values of the textbook series (70.464 on the first day)', () => {
    const r = wilderRsi(WILDER_CLOSES);
    expect(r[14]).toBeCloseTo(70.464135, 5);
    expect(r[15]).toBeCloseTo(66.249619, 5);
    expect(r[19]).toBeCloseTo(57.915, 3);
  });

  it('agrees with the printed StockCharts table to 0.1', () => {
    const r = wilderRsi(WILDER_CLOSES);
    STOCKCHARTS_RSI.forEach((v, k) => expect(Math.abs(r[14 + k]! - v), `day ${14 + k}`).toBeLessThan(0.1));
  });

  it.each([
    ['only rises', Array.from({ length: 20 }, (_, i) => 10 + i), 100],
    ['only falls', Array.from({ length: 20 }, (_, i) => 30 - i), 0],
    ['flat (differs from the package on purpose: 50, not 100)', Array(20).fill(7), 50],
  ])('gives the edge value when it %s', (_n, closes, expected) => {
    expect(lastDefined(wilderRsi(closes))).toBe(expected);
  });

  it('is undefined until period + 1 closes exist', () => {
    expect(lastDefined(wilderRsi(WILDER_CLOSES.slice(0, 14)))).toBeNull();
    expect(lastDefined(wilderRsi(WILDER_CLOSES.slice(0, 15)))).not.toBeNull();
  });
});

describe('Wilder ATR', () => {
  const cases = [
    ['random walk, 120 bars', walk(120, 11)],
    ['random walk, 16 bars (first value only)', walk(16, 5)],
    ['gappy walk', walk(60, 12345, 200)],
  ] as const;

  it.each(cases)('equals technicalindicators ATR(14) on %s', (_name, s) => {
    const ours = wilderAtr(s.high, s.low, s.close, 14);
    const theirs = ATR.calculate({ high: [...s.high], low: [...s.low], close: [...s.close], period: 14 });
    expect(ours.length - 14).toBe(theirs.length);
    theirs.forEach((v, k) => expect(ours[14 + k], `index ${14 + k}`).toBeCloseTo(v, 9));
  });

  it('uses the previous close in the true range (gap up)', () => {
    // a gap from 10 to a 12–12.5 range: the range alone is 0.5, the true range 2.5
    expect(trueRange([10.5, 12.5], [9.5, 12], [10, 12.2], 1)).toBeCloseTo(2.5, 12);
  });

  it('computes a hand-checked value: constant true range 2 gives ATR 2', () => {
    const close = Array.from({ length: 20 }, (_, i) => 100 + (i % 2));
    const high = close.map((c) => c + 1);
    const low = close.map((c) => c - 1);
    // |high − prev close| is at most 2 here, so every true range is exactly 2
    expect(lastDefined(wilderAtr(high, low, close))).toBeCloseTo(2, 12);
  });

  it('refuses mismatched inputs', () => {
    expect(() => wilderAtr([1, 2], [1], [1, 2])).toThrow(/same length/);
  });
});

describe('moving averages and statistics', () => {
  it.each([
    [[1, 2, 3, 4, 5], 3, [NaN, NaN, 2, 3, 4]],
    [[10, 20], 1, [10, 20]],
    [[1, 2], 3, [NaN, NaN]],
  ])('sma(%j, %i)', (values, period, expected) => {
    expect(Array.from(sma(values, period))).toEqual(expected);
  });

  it('ema seeds with the SMA and then uses α = 2/(n+1)', () => {
    const e = ema([2, 4, 6, 8, 10], 3);
    expect(Array.from(e.slice(0, 2)).every(Number.isNaN)).toBe(true);
    expect(e[2]).toBe(4);
    expect(e[3]).toBe(6); // 4 + 0.5·(8 − 4)
    expect(e[4]).toBe(8);
  });

  it.each([
    [[2, 4, 4, 4, 5, 5, 7, 9], 5, Math.sqrt(32 / 7)],
    [[1, 1, 1], 1, 0],
  ])('meanStd(%j) uses the sample deviation', (values, m, sd) => {
    const s = meanStd(values)!;
    expect(s.mean).toBeCloseTo(m, 12);
    expect(s.std).toBeCloseTo(sd, 12);
  });

  it('meanStd and mean honour the range and refuse too little data', () => {
    expect(meanStd([1, 100, 3, 5], 2, 4)).toEqual({ mean: 4, std: Math.SQRT2 });
    expect(meanStd([1])).toBeNull();
    expect(mean([1, 2, 3], 1)).toBe(2.5);
    expect(mean([], 0)).toBeNull();
  });

  it('rollingStd matches meanStd on each window', () => {
    const v = walk(30, 1).close;
    const r = rollingStd(v, 10);
    expect(Number.isNaN(r[8]!)).toBe(true);
    expect(r[20]).toBeCloseTo(meanStd(v, 11, 21)!.std, 12);
  });

  it.each([
    [3, { mean: 1, std: 2 }, 1],
    [1, { mean: 1, std: 0 }, null],
    [0.45, { mean: 0.45, std: 5e-16 }, null], // rounding noise of 0.45·1e6/1e6
    [NaN, { mean: 1, std: 1 }, null],
    [1, null, null],
  ])('zScore(%s, %j) = %s', (x, stats, expected) => {
    expect(zScore(x, stats)).toBe(expected);
  });

  it('lastDefined turns warm-up NaN into null', () => {
    expect(lastDefined(new Float64Array([1, NaN]))).toBeNull();
    expect(lastDefined([])).toBeNull();
    expect(lastDefined([1, 2])).toBe(2);
  });
});
