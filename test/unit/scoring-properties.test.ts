import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema';
import type { ScoreResult, SymbolMetrics } from '../../src/signals/metric-types';
import { scoreSymbol } from '../../src/signals/scoring/hybrid-score';
import { testConfig } from '../support/config';
import { mulberry32 } from '../support/random';

// Property-style: thousands of random, extreme and missing inputs; the score is always a number in
// 0..1 and nothing in the result is NaN. A fixed seed keeps failures reproducible.

const EXTREMES = [null, NaN, Infinity, -Infinity, 0, -0, -1, 1e-12, 1e12, -1e12, Number.MAX_VALUE, -Number.MAX_VALUE];

function gen(rand: () => number) {
  // a third of the time an extreme or missing value, otherwise a plausible one in [lo, hi]
  return (lo: number, hi: number): number | null =>
    rand() < 0.33 ? EXTREMES[Math.floor(rand() * EXTREMES.length)]! : lo + rand() * (hi - lo);
}

function randomMetrics(rand: () => number): SymbolMetrics {
  const v = gen(rand);
  const maybe = <T>(make: () => T): T | null => (rand() < 0.2 ? null : make());
  return {
    symbol: 'RND',
    asOf: '2021-01-13',
    volume: maybe(() => ({
      date: '2021-01-13',
      close: v(0, 500) ?? 0,
      volume: v(0, 1e8) ?? 0,
      avgVolume20: v(0, 1e8),
      volumeSpikeRatio: v(0, 30),
      rsi14: v(0, 100),
      momentum: v(-0.9, 3),
      volumeConsistency: v(0, 1),
      atr14: v(0, 10),
      barsAvailable: Math.floor(rand() * 300),
    })),
    shortInterest: maybe(() => ({
      settlementDate: '2020-12-31',
      publishedOn: '2021-01-12',
      sharesShort: v(0, 1e8) ?? 0,
      percentOfFloat: v(0, 1.5),
      daysToCover: v(0, 30),
      changePct: v(-1, 2),
      ageDays: v(-2, 40) ?? 0,
      quality: v(0, 1),
    })),
    shortVolume: maybe(() => ({
      date: '2021-01-13',
      shortRatio: v(0, 1) ?? 0,
      shortRatioZ60: v(-5, 8),
      shortExemptShare: v(0, 1),
      daysOfHistory: 60,
    })),
    offExchange: null,
    transient: { sentiment24h: v(-1, 1), callPutRatio: v(0, 10), optionsVolume: v(0, 1e6), borrowFeePct: v(0, 300) },
    flags: [],
  };
}

/** Every number anywhere in the result, with its path. */
function numbers(x: unknown, path = 'result'): [string, number][] {
  if (typeof x === 'number') return [[path, x]];
  if (Array.isArray(x)) return x.flatMap((e, i) => numbers(e, `${path}[${i}]`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, e]) => numbers(e, `${path}.${k}`));
  return [];
}

function checkResult(r: ScoreResult, config: Config): void {
  for (const [path, n] of numbers(r)) {
    if (path.endsWith('.raw')) expect(Number.isFinite(n), path).toBe(true);
    else expect(n >= 0 && n <= 1, `${path} = ${n}`).toBe(true);
  }
  expect(Number.isFinite(r.score)).toBe(true);
  for (const sub of [r.fuel, r.trigger]) if (sub !== null) expect(Number.isFinite(sub)).toBe(true);
  const keys = Object.keys(config.deep_scan.hybrid_scoring[r.weightSet].weights);
  expect([...r.components.map((c) => c.name), ...r.missing].sort()).toEqual([...keys].sort());
  const total = r.components.reduce((a, c) => a + c.weight, 0);
  if (total > 0) expect(total).toBeCloseTo(1, 9);
  expect(r.score).toBeCloseTo(
    r.components.reduce((a, c) => a + c.contribution, 0),
    9,
  );
  expect([null, 'high', 'medium', 'low']).toContain(r.level);
  if (r.components.length === 0) expect(r.level).toBeNull();
}

describe('score properties', () => {
  it('stays in 0..1 and never NaN over 5,000 random, extreme and missing inputs', () => {
    const rand = mulberry32(20210113);
    const config = testConfig();
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const r = scoreSymbol(randomMetrics(rand), config);
      checkResult(r, config);
      seen.add(r.weightSet).add(String(r.level));
    }
    // the loop is only worth something if it reached both weight sets and every level
    expect([...seen].sort()).toEqual(['high', 'low', 'medium', 'null', 'volume_only', 'with_finra']);
  });

  it('holds under random weight sets, including zero weights and unknown keys', () => {
    const rand = mulberry32(42);
    const keys = [
      'volume_spike',
      'finra_short_interest',
      'rsi',
      'sentiment_24h',
      'call_put_ratio',
      'borrow_fee',
      'price_momentum',
      'short_ratio_z',
      'unknown_key',
    ];
    for (let i = 0; i < 200; i++) {
      const pick = (): Record<string, number> => {
        const w: Record<string, number> = {};
        for (const k of keys) if (rand() < 0.6) w[k] = rand() < 0.2 ? 0 : rand() * 2;
        return Object.keys(w).length ? w : { volume_spike: 1 };
      };
      const config = testConfig((c) => {
        c.deep_scan.hybrid_scoring.with_finra.weights = pick();
        c.deep_scan.hybrid_scoring.volume_only.weights = pick();
      });
      for (let j = 0; j < 25; j++) checkResult(scoreSymbol(randomMetrics(rand), config), config);
    }
  });

  it('never lowers the score when one input grows and the rest stay put', () => {
    const rand = mulberry32(7);
    const config = testConfig();
    for (let i = 0; i < 1000; i++) {
      const m = randomMetrics(rand);
      if (!m.volume) continue;
      const base = scoreSymbol(m, config).score;
      const spike = m.volume.volumeSpikeRatio;
      // a finite spike grown by a finite step stays finite, so no input turns missing on the way
      if (spike == null || !Number.isFinite(spike)) continue;
      const more = scoreSymbol(
        { ...m, volume: { ...m.volume, volumeSpikeRatio: spike + 1 + rand() * 10 } },
        config,
      ).score;
      expect(more).toBeGreaterThanOrEqual(base - 1e-12);
    }
  });
});
