import { describe, expect, it } from 'vitest';
import type {
  ScoreComponent,
  ShortInterestMetrics,
  SymbolMetrics,
  VolumeMetrics,
} from '../../src/signals/metric-types';
import { scoreSymbol, topContributors } from '../../src/signals/scoring/hybrid-score';
import { normShortPercentFloat } from '../../src/signals/scoring/normalise';
import { SCORE_INPUTS } from '../../src/signals/scoring/score-inputs';
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

const W = config.deep_scan.hybrid_scoring.weights;
const TOTAL = Object.values(W).reduce((a, w) => a + w, 0);
/** an input's share of the one weight table */
const shareOf = (key: string): number => W[key]! / TOTAL;
const priorOf = (key: string): number => SCORE_INPUTS[key]!.prior;
const byName = (r: { components: ScoreComponent[] }) => Object.fromEntries(r.components.map((c) => [c.name, c]));

describe('one weight table with neutral priors', () => {
  it('counts every missing input at its prior and lists it, so nothing at all scores the priors alone', () => {
    const r = scoreSymbol(metrics(), config);
    expect(r.missing).toEqual(Object.keys(W));
    const priorsOnly = Object.keys(W).reduce((a, k) => a + shareOf(k) * priorOf(k), 0);
    expect(r.score).toBeCloseTo(priorsOnly, 12);
    expect(r).toMatchObject({ fuel: null, trigger: null, level: null, weightSet: 'volume_only' });
    expect(r.components.every((c) => c.fromPrior)).toBe(true);
  });

  it('gives each input the same share whatever else is present', () => {
    const few = scoreSymbol(metrics({ volume: bars() }), config);
    const all = scoreSymbol(
      metrics({
        volume: bars(),
        shortInterest: shortInterest(),
        transient: { sentiment24h: 0.5, callPutRatio: 2, optionsVolume: 5000, borrowFeePct: 20 },
      }),
      config,
    );
    for (const r of [few, all]) {
      expect(r.components.reduce((a, c) => a + c.weight, 0)).toBeCloseTo(1, 12);
      for (const [k, c] of Object.entries(byName(r))) expect(c.weight).toBeCloseTo(shareOf(k), 12);
    }
  });

  it('moves the score by exactly the share times the distance from neutral when a short-interest report arrives', () => {
    // the AMC case of issue 12: a report used to swap the whole weight set (0.98 → 0.49)
    const before = scoreSymbol(metrics({ volume: bars() }), config);
    const after = scoreSymbol(
      metrics({ volume: bars(), shortInterest: shortInterest({ percentOfFloat: 0.2 }) }),
      config,
    );
    const move = shareOf('finra_short_interest') * (normShortPercentFloat(0.2)! - priorOf('finra_short_interest'));
    expect(after.score - before.score).toBeCloseTo(move, 12);
    expect(Math.abs(after.score - before.score)).toBeLessThanOrEqual(shareOf('finra_short_interest'));
    expect(before.weightSet).toBe('volume_only');
    expect(after.weightSet).toBe('with_finra');
  });

  it.each([
    [0, true],
    [14, true], // finra_max_age_days, inclusive
    [15, false],
    [-1, false], // dated after the day scored: never used
  ] as const)('a report %i days old is scored: %s', (ageDays, used) => {
    const m = metrics({ volume: bars(), shortInterest: shortInterest({ ageDays }) });
    const r = scoreSymbol(m, config);
    expect(r.weightSet).toBe(used ? 'with_finra' : 'volume_only');
    expect(byName(r).finra_short_interest!.fromPrior).toBe(used ? undefined : true);
  });

  it('reads short interest from % of float, and from days to cover when the float is unknown', () => {
    const withFloat = scoreSymbol(metrics({ volume: bars(), shortInterest: shortInterest() }), config);
    expect(byName(withFloat).finra_short_interest).toMatchObject({
      basis: 'percent_of_float',
      raw: 0.2,
      normalised: normShortPercentFloat(0.2)!,
    });
    const noFloat = scoreSymbol(
      metrics({ volume: bars(), shortInterest: shortInterest({ percentOfFloat: null, daysToCover: 8 }) }),
      config,
    );
    expect(byName(noFloat).finra_short_interest).toMatchObject({ basis: 'days_to_cover', raw: 8, normalised: 0.8 });
  });

  it('held_at_prior scores an input with data as if it were missing, every other share unchanged', () => {
    const m = metrics({ volume: bars(), shortInterest: shortInterest() });
    const held = scoreSymbol(
      m,
      testConfig((c) => (c.deep_scan.hybrid_scoring.held_at_prior = ['finra_short_interest'])),
    );
    const without = scoreSymbol(metrics({ volume: bars() }), config);
    expect(held.score).toBeCloseTo(without.score, 12);
    expect(byName(held).finra_short_interest!.fromPrior).toBe(true);
    expect(byName(held).volume_spike!.weight).toBeCloseTo(byName(without).volume_spike!.weight, 12);
    // a weight of 0 instead rescales every other share: the ablation does not use it
    const zero = scoreSymbol(
      m,
      testConfig((c) => (c.deep_scan.hybrid_scoring.weights.finra_short_interest = 0)),
    );
    expect(byName(zero).volume_spike!.weight).toBeGreaterThan(byName(without).volume_spike!.weight);
  });

  it('lists a weight key it does not know as missing and leaves it out of the table', () => {
    const cfg = testConfig((c) => (c.deep_scan.hybrid_scoring.weights.moon_phase = 0.5));
    const r = scoreSymbol(metrics({ volume: bars() }), cfg);
    expect(r.missing).toContain('moon_phase');
    expect(r.components.map((c) => c.name)).not.toContain('moon_phase');
    expect(r.components.reduce((a, c) => a + c.weight, 0)).toBeCloseTo(1, 12);
  });

  it('reads a call/put ratio only on at least options_min_volume contracts', () => {
    const options = (optionsVolume: number) =>
      metrics({
        volume: bars(),
        supply: {
          borrow: null,
          fails: null,
          threshold: null,
          options: {
            date: '2021-01-13',
            callVolume: optionsVolume * 0.8,
            putVolume: optionsVolume * 0.2,
            callPutRatio: 4,
            optionsVolume,
            callOpenInterest: 1000,
            putOpenInterest: 500,
            nearMoneyCallOiToAdv: null,
            iv30: null,
          },
        },
      });
    expect(config.deep_scan.metrics.options_min_volume).toBe(100);
    expect(byName(scoreSymbol(options(99), config)).call_put_ratio!.fromPrior).toBe(true);
    expect(byName(scoreSymbol(options(100), config)).call_put_ratio).toMatchObject({ raw: 4 });
  });
});

describe('fuel and trigger', () => {
  it('score = fuel share · fuel + trigger share · trigger', () => {
    const r = scoreSymbol(metrics({ volume: bars(), shortInterest: shortInterest() }), config);
    const fuelShare = Object.keys(W)
      .filter((k) => SCORE_INPUTS[k]!.group === 'fuel')
      .reduce((a, k) => a + shareOf(k), 0);
    expect(r.fuel).not.toBeNull();
    expect(r.trigger).not.toBeNull();
    expect(r.score).toBeCloseTo(fuelShare * r.fuel! + (1 - fuelShare) * r.trigger!, 12);
  });

  it('fuel is null while no fuel input is measured (a too-old report included), trigger null without bars', () => {
    const old = scoreSymbol(metrics({ volume: bars(), shortInterest: shortInterest({ ageDays: 15 }) }), config);
    expect(old.fuel).toBeNull();
    expect(old.trigger).not.toBeNull();
    const noBars = scoreSymbol(metrics({ shortInterest: shortInterest() }), config);
    expect(noBars.trigger).toBeNull();
    expect(noBars.fuel).not.toBeNull();
  });
});

describe('explanation', () => {
  const m = metrics({
    volume: bars({ volumeSpikeRatio: 2, rsi14: 100, momentum: 0, volatility20: null }),
    transient: { sentiment24h: 0.2, callPutRatio: 5, optionsVolume: 100, borrowFeePct: null },
  });
  const r = scoreSymbol(m, config);

  it('puts measured components first by contribution, then those at their prior', () => {
    const measured = r.components.filter((c) => !c.fromPrior);
    const contributions = measured.map((c) => c.contribution);
    expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    expect(r.components.slice(0, measured.length)).toEqual(measured);
    expect(measured.map((c) => c.name)).toEqual([
      'call_put_ratio',
      'rsi',
      'sentiment_24h',
      'volume_spike',
      'price_momentum',
    ]);
  });

  it('names the top measured contributors with their raw value, transform, share and contribution', () => {
    const s = (k: string) => shareOf(k).toFixed(2);
    expect(topContributors(r, 2)).toEqual([
      `calls vs puts 5.00 → 1.00 × ${s('call_put_ratio')} = ${shareOf('call_put_ratio').toFixed(3)}`,
      `RSI 100 → 1.00 × ${s('rsi')} = ${shareOf('rsi').toFixed(3)}`,
    ]);
    // a prior is never a driver
    expect(topContributors(scoreSymbol(metrics(), config))).toEqual([]);
  });
});

describe('level in the result', () => {
  it('gives high to a strong, complete case and says nothing was skipped', () => {
    const m = metrics({
      volume: bars({ volumeSpikeRatio: 12, volatility20: 2.5, momentum: 0.8, rsi14: 90 }),
      shortInterest: shortInterest({ percentOfFloat: 0.6, daysToCover: 12 }),
      shortVolume: { date: '2021-01-13', shortRatio: 0.7, shortRatioZ60: 3, shortExemptShare: null, daysOfHistory: 60 },
      supply: {
        borrow: {
          takenAt: '2021-01-13T20:00:00.000Z',
          feeRate: 150,
          feeChange1d: 40,
          feeChange5d: 100,
          available: 0,
          availableCapped: false,
          availabilityChange5d: -1,
          noSharesAvailable: true,
          availabilityWentToZero: true,
        },
        fails: {
          settlementDate: '2021-01-08',
          quantity: 2_000_000,
          shareOfFloat: 0.03,
          shareOfAdv: 0.1,
          persistenceDays: 10,
          daysWithFails20: 15,
          closeOutDates: [],
          publishedOn: '2021-01-12',
        },
        threshold: { onList: true, streakDays: 13, markets: ['nyse'], date: '2021-01-12' },
        options: {
          date: '2021-01-13',
          callVolume: 90_000,
          putVolume: 15_000,
          callPutRatio: 6,
          optionsVolume: 105_000,
          callOpenInterest: 500_000,
          putOpenInterest: 200_000,
          nearMoneyCallOiToAdv: 3,
          iv30: 2,
        },
      },
      transient: { sentiment24h: 0.9, callPutRatio: null, optionsVolume: null, borrowFeePct: null },
    });
    const r = scoreSymbol(m, config);
    expect(r.score).toBeGreaterThanOrEqual(0.8);
    expect(r).toMatchObject({ level: 'high', levelNotes: [] });
  });
});
