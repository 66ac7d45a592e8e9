import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema';
import type { ScoreResult, SymbolMetrics } from '../../src/signals/metric-types';
import { scoreSymbol } from '../../src/signals/scoring/hybrid-score';
import { SCORE_INPUTS } from '../../src/signals/scoring/score-inputs';
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
      volatility20: v(0, 4),
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
    supply: {
      borrow: maybe(() => ({
        takenAt: '2021-01-13T20:00:00.000Z',
        feeRate: v(0, 700),
        feeChange1d: v(-50, 50),
        feeChange5d: v(-50, 50),
        available: v(0, 1e7),
        availableCapped: rand() < 0.1,
        availabilityChange5d: v(-1, 3),
        noSharesAvailable: rand() < 0.2,
        availabilityWentToZero: rand() < 0.1,
      })),
      fails: maybe(() => ({
        settlementDate: '2021-01-08',
        quantity: v(1, 1e7) ?? 1,
        shareOfFloat: v(0, 0.05),
        shareOfAdv: v(0, 3),
        persistenceDays: Math.floor(rand() * 20),
        daysWithFails20: Math.floor(rand() * 20),
        closeOutDates: [],
        publishedOn: '2021-01-12',
      })),
      threshold: maybe(() => ({
        onList: rand() < 0.5,
        streakDays: Math.floor(rand() * 30),
        markets: ['nasdaq'],
        date: '2021-01-12',
      })),
      options: maybe(() => ({
        date: '2021-01-13',
        callVolume: v(0, 1e5) ?? 0,
        putVolume: v(0, 1e5) ?? 0,
        callPutRatio: v(0, 10),
        optionsVolume: v(0, 2e5) ?? 0,
        callOpenInterest: v(0, 1e6) ?? 0,
        putOpenInterest: v(0, 1e6) ?? 0,
        nearMoneyCallOiToAdv: v(0, 5),
        iv30: v(0, 3),
      })),
    },
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
  const keys = Object.keys(config.deep_scan.hybrid_scoring.weights);
  const known = keys.filter((k) => Object.hasOwn(SCORE_INPUTS, k));
  expect(r.components.map((c) => c.name).sort()).toEqual([...known].sort());
  for (const c of r.components) expect(r.missing.includes(c.name)).toBe(c.fromPrior === true);
  const total = r.components.reduce((a, c) => a + c.weight, 0);
  if (total > 0) expect(total).toBeCloseTo(1, 9);
  expect(r.score).toBeCloseTo(
    r.components.reduce((a, c) => a + c.contribution, 0),
    9,
  );
  expect([null, 'high', 'medium', 'low']).toContain(r.level);
  if (r.components.every((c) => c.fromPrior)) expect(r.level).toBeNull();
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
    // the loop is only worth something if it reached scores with and without a report, and every level
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
      'volatility',
      'borrow_availability',
      'fails_to_deliver',
      'threshold_list',
      'options_pressure',
      'unknown_key',
    ];
    for (let i = 0; i < 200; i++) {
      const pick = (): Record<string, number> => {
        const w: Record<string, number> = {};
        for (const k of keys) if (rand() < 0.6) w[k] = rand() < 0.2 ? 0 : rand() * 2;
        return Object.keys(w).length ? w : { volume_spike: 1 };
      };
      const config = testConfig((c) => {
        c.deep_scan.hybrid_scoring.weights = pick();
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

  // Issue 12: a missing input never swaps the weight set. Removing any one input from any metrics moves the
  // score by exactly that input's share of the table times its distance from its neutral prior — so at most
  // share × max(prior, 1 − prior) — and never touches another input's contribution.
  it('moves by exactly share × |value − prior| when any one input goes missing, over 2,000 random cases', () => {
    const rand = mulberry32(12);
    const config = testConfig();
    const weights = config.deep_scan.hybrid_scoring.weights;
    const total = Object.values(weights).reduce((a, w) => a + w, 0);
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const m = randomMetrics(rand);
      const full = scoreSymbol(m, config);
      for (const [key, remove] of Object.entries(REMOVE)) {
        if (!Object.hasOwn(weights, key)) continue;
        const c = full.components.find((x) => x.name === key)!;
        if (c.fromPrior) continue;
        const without = scoreSymbol(remove(structuredClone(m)), config);
        const wc = without.components.find((x) => x.name === key)!;
        expect(wc.fromPrior, key).toBe(true);
        const share = weights[key]! / total;
        const prior = SCORE_INPUTS[key]!.prior;
        expect(full.score - without.score, key).toBeCloseTo(share * (c.normalised - prior), 12);
        expect(Math.abs(full.score - without.score)).toBeLessThanOrEqual(share * Math.max(prior, 1 - prior) + 1e-12);
        for (const other of without.components.filter((x) => x.name !== key))
          expect(other.contribution).toBe(full.components.find((x) => x.name === other.name)!.contribution);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

/** How to make each input of the default table missing (its metric null), for the stability property. */
const REMOVE: Record<string, (m: SymbolMetrics) => SymbolMetrics> = {
  finra_short_interest: (m) => ({ ...m, shortInterest: null }),
  borrow_fee: (m) => ({
    ...m,
    supply: { ...m.supply!, borrow: m.supply!.borrow && { ...m.supply!.borrow, feeRate: null } },
    transient: { ...m.transient, borrowFeePct: null },
  }),
  borrow_availability: (m) => ({
    ...m,
    supply: {
      ...m.supply!,
      borrow: m.supply!.borrow && { ...m.supply!.borrow, noSharesAvailable: false, availabilityChange5d: null },
    },
  }),
  fails_to_deliver: (m) => ({ ...m, supply: { ...m.supply!, fails: null } }),
  threshold_list: (m) => ({ ...m, supply: { ...m.supply!, threshold: null } }),
  volume_spike: (m) => ({ ...m, volume: m.volume && { ...m.volume, volumeSpikeRatio: null } }),
  volatility: (m) => ({ ...m, volume: m.volume && { ...m.volume, volatility20: null } }),
  price_momentum: (m) => ({ ...m, volume: m.volume && { ...m.volume, momentum: null } }),
  rsi: (m) => ({ ...m, volume: m.volume && { ...m.volume, rsi14: null } }),
  short_ratio_z: (m) => ({ ...m, shortVolume: null }),
  call_put_ratio: (m) => ({
    ...m,
    supply: { ...m.supply!, options: m.supply!.options && { ...m.supply!.options, callPutRatio: null } },
    transient: { ...m.transient, callPutRatio: null },
  }),
  options_pressure: (m) => ({
    ...m,
    supply: { ...m.supply!, options: m.supply!.options && { ...m.supply!.options, nearMoneyCallOiToAdv: null } },
  }),
  sentiment_24h: (m) => ({ ...m, transient: { ...m.transient, sentiment24h: null } }),
};
