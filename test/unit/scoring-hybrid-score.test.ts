import { describe, expect, it } from 'vitest';
import type { ShortInterestMetrics, SymbolMetrics, VolumeMetrics } from '../../src/signals/metric-types';
import { chooseWeightSet, scoreSymbol, topContributors } from '../../src/signals/scoring/hybrid-score';
import { normRsi, normShortPercentFloat, normVolumeSpike } from '../../src/signals/scoring/normalise';
import { fuelScore, triggerScore } from '../../src/signals/scoring/sub-scores';
import { testConfig } from '../support/config';

const config = testConfig();

function bars(over: Partial<VolumeMetrics> = {}): VolumeMetrics {
  return {
    date: '2021-01-13',
    close: 31.4,
    volume: 144_500_000,
    avgVolume20: 14_450_000,
    volumeSpikeRatio: 10,
    rsi14: 75,
    momentum: 0.6,
    volumeConsistency: 0.6,
    atr14: 2.1,
    barsAvailable: 250,
    ...over,
  };
}

function shortInterest(over: Partial<ShortInterestMetrics> = {}): ShortInterestMetrics {
  return {
    settlementDate: '2020-12-31',
    publishedOn: '2021-01-12',
    sharesShort: 71_196_206,
    percentOfFloat: 0.2,
    daysToCover: 5,
    changePct: 0.25,
    ageDays: 1,
    quality: 0.9,
    ...over,
  };
}

function metrics(over: Partial<SymbolMetrics> = {}): SymbolMetrics {
  return {
    symbol: 'TEST',
    asOf: '2021-01-13',
    volume: null,
    shortInterest: null,
    shortVolume: null,
    offExchange: null,
    transient: { sentiment24h: null, callPutRatio: null, optionsVolume: null, borrowFeePct: null },
    flags: [],
    ...over,
  };
}

const weightSum = (r: { components: { weight: number }[] }): number => r.components.reduce((a, c) => a + c.weight, 0);

describe('weight set', () => {
  it.each([
    [0, 'with_finra'],
    [14, 'with_finra'], // finra_max_age_days, inclusive
    [15, 'volume_only'],
    [-1, 'volume_only'], // dated after the day scored: never used
  ] as const)('a report %i days old selects %s', (ageDays, expected) => {
    const m = metrics({ volume: bars(), shortInterest: shortInterest({ ageDays }) });
    expect(config.deep_scan.metrics.finra_max_age_days).toBe(14);
    expect(chooseWeightSet(m, config).name).toBe(expected);
    const r = scoreSymbol(m, config);
    expect(r.weightSet).toBe(expected);
    expect(r.components.some((c) => c.name === 'finra_short_interest')).toBe(expected === 'with_finra');
  });

  it('follows finra_max_age_days from the config', () => {
    const m = metrics({ volume: bars(), shortInterest: shortInterest({ ageDays: 15 }) });
    expect(
      chooseWeightSet(
        m,
        testConfig((c) => (c.deep_scan.metrics.finra_max_age_days = 15)),
      ).name,
    ).toBe('with_finra');
  });

  it('uses volume_only without a report, or with one that gives neither % of float nor days to cover', () => {
    expect(scoreSymbol(metrics({ volume: bars() }), config).weightSet).toBe('volume_only');
    const blind = shortInterest({ percentOfFloat: null, daysToCover: null });
    expect(scoreSymbol(metrics({ volume: bars(), shortInterest: blind }), config).weightSet).toBe('volume_only');
  });
});

describe('renormalisation', () => {
  it('spreads missing weights over the two inputs present and lists the missing ones', () => {
    const r = scoreSymbol(metrics({ volume: bars({ volumeSpikeRatio: 3, rsi14: 75 }) }), config);
    expect(r.weightSet).toBe('volume_only');
    expect(r.missing).toEqual(['sentiment_24h', 'call_put_ratio']);
    const byName = Object.fromEntries(r.components.map((c) => [c.name, c]));
    expect(byName.volume_spike!.weight).toBeCloseTo(0.45 / 0.7, 9);
    expect(byName.rsi!.weight).toBeCloseTo(0.25 / 0.7, 9);
    expect(weightSum(r)).toBeCloseTo(1, 9);
    expect(r.score).toBeCloseTo((0.45 * normVolumeSpike(3)! + 0.25 * 0.5) / 0.7, 9);
  });

  it('keeps the configured weights when every with_finra input is present', () => {
    const m = metrics({
      volume: bars(),
      shortInterest: shortInterest(),
      transient: { sentiment24h: 0.5, callPutRatio: 2, optionsVolume: 5000, borrowFeePct: 20 },
    });
    const r = scoreSymbol(m, config);
    expect(r.missing).toEqual([]);
    const weights = Object.fromEntries(r.components.map((c) => [c.name, c.weight]));
    for (const [k, w] of Object.entries(config.deep_scan.hybrid_scoring.with_finra.weights))
      expect(weights[k]).toBeCloseTo(w, 9);
    expect(r.score).toBeCloseTo(
      r.components.reduce((a, c) => a + c.weight * c.normalised, 0),
      12,
    );
  });

  it('reads short interest from % of float, and from days to cover when the float is unknown', () => {
    const withFloat = scoreSymbol(metrics({ volume: bars(), shortInterest: shortInterest() }), config);
    expect(withFloat.components.find((c) => c.name === 'finra_short_interest')).toMatchObject({
      basis: 'percent_of_float',
      raw: 0.2,
      normalised: normShortPercentFloat(0.2)!,
    });
    const noFloat = scoreSymbol(
      metrics({ volume: bars(), shortInterest: shortInterest({ percentOfFloat: null, daysToCover: 8 }) }),
      config,
    );
    expect(noFloat.components.find((c) => c.name === 'finra_short_interest')).toMatchObject({
      basis: 'days_to_cover',
      raw: 8,
      normalised: 0.8,
    });
  });

  it('lists a weight key it does not know as missing and scores over the rest', () => {
    const cfg = testConfig((c) => (c.deep_scan.hybrid_scoring.volume_only.weights.moon_phase = 0.5));
    const r = scoreSymbol(metrics({ volume: bars() }), cfg);
    expect(r.missing).toContain('moon_phase');
    expect(r.components.map((c) => c.name).sort()).toEqual(['rsi', 'volume_spike']);
    expect(weightSum(r)).toBeCloseTo(1, 9);
  });

  it('scores 0 with no level when no input is present, every key missing', () => {
    const r = scoreSymbol(metrics(), config);
    expect(r).toMatchObject({
      score: 0,
      components: [],
      level: null,
      fuel: null,
      trigger: null,
      weightSet: 'volume_only',
    });
    expect(r.missing).toEqual(Object.keys(config.deep_scan.hybrid_scoring.volume_only.weights));
  });
});

describe('fuel and trigger', () => {
  it('fuel is the weighted mean of % float, days to cover and SI change', () => {
    // 0.2 → 0.5, 5 days → 0.5, +25% → 0.5
    expect(fuelScore(shortInterest())).toBeCloseTo(0.5, 9);
    // 40% → 1, no days to cover, flat SI → (0.5·1 + 0.2·0) / 0.7
    expect(fuelScore(shortInterest({ percentOfFloat: 0.4, daysToCover: null, changePct: 0 }))).toBeCloseTo(
      0.5 / 0.7,
      9,
    );
  });

  it.each([
    ['no report', null],
    ['a report with only a change figure', shortInterest({ percentOfFloat: null, daysToCover: null, changePct: 0.5 })],
    ['a non-finite level', shortInterest({ percentOfFloat: NaN, daysToCover: Infinity })],
  ])('fuel is null with %s', (_label, si) => {
    expect(fuelScore(si)).toBeNull();
  });

  it('fuel is null when the report is too old to be used, like the weight set', () => {
    const r = scoreSymbol(metrics({ volume: bars(), shortInterest: shortInterest({ ageDays: 15 }) }), config);
    expect(r.fuel).toBeNull();
    expect(r.trigger).not.toBeNull();
  });

  it('trigger is the weighted mean of spike, momentum, RSI and short-ratio z', () => {
    const m = metrics({
      volume: bars({ volumeSpikeRatio: 10, momentum: 0.25, rsi14: 75 }),
      shortVolume: { date: '2021-01-13', shortRatio: 0.6, shortRatioZ60: 3, shortExemptShare: 0.01, daysOfHistory: 60 },
    });
    expect(triggerScore(m)).toBeCloseTo(0.4 * 1 + 0.25 * 0.5 + 0.2 * 0.5 + 0.15 * 1, 9);
  });

  it('trigger is null without bars or short volume, and uses short volume alone when that is all there is', () => {
    expect(triggerScore(metrics())).toBeNull();
    const nullBars = bars({ volumeSpikeRatio: null, rsi14: null, momentum: null });
    expect(triggerScore(metrics({ volume: nullBars }))).toBeNull();
    const sv = { date: '2021-01-13', shortRatio: 0.6, shortRatioZ60: 1.5, shortExemptShare: null, daysOfHistory: 60 };
    expect(triggerScore(metrics({ shortVolume: sv }))).toBeCloseTo(0.5, 9);
  });
});

describe('explanation', () => {
  const m = metrics({
    volume: bars({ volumeSpikeRatio: 2, rsi14: 100 }),
    transient: { sentiment24h: 0.2, callPutRatio: 5, optionsVolume: 100, borrowFeePct: null },
  });
  const r = scoreSymbol(m, config);

  it('sorts components by contribution, largest first', () => {
    const contributions = r.components.map((c) => c.contribution);
    expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    // rsi 0.25·1 beats the larger weight of volume_spike 0.45·0.30; then sentiment 0.2·0.6, call/put 0.1·1
    expect(r.components.map((c) => c.name)).toEqual(['rsi', 'volume_spike', 'sentiment_24h', 'call_put_ratio']);
    expect(r.components[0]!.contribution).toBeCloseTo(0.25 * normRsi(100)!, 9);
  });

  it('names the top contributors with their raw value, transform, weight and share', () => {
    expect(topContributors(r, 2)).toEqual(['rsi 100 → 1.00 × 0.25 = 0.250', 'volume_spike 2.00 → 0.30 × 0.45 = 0.135']);
    const si = scoreSymbol(metrics({ shortInterest: shortInterest({ percentOfFloat: null, daysToCover: 8 }) }), config);
    expect(topContributors(si)[0]).toBe('finra_short_interest (days_to_cover) 8.00 → 0.80 × 1.00 = 0.800');
  });
});

describe('level in the result', () => {
  it('gives high to a strong, complete case and says nothing was skipped', () => {
    const m = metrics({
      volume: bars({ volumeSpikeRatio: 12 }),
      shortInterest: shortInterest({ percentOfFloat: 0.6, daysToCover: 12 }),
      transient: { sentiment24h: 0.9, callPutRatio: 6, optionsVolume: 9000, borrowFeePct: 150 },
    });
    const r = scoreSymbol(m, config);
    expect(r.score).toBeGreaterThanOrEqual(0.8);
    expect(r).toMatchObject({ level: 'high', levelNotes: [] });
  });
});
