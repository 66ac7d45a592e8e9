import { describe, expect, it } from 'vitest';
import type { AlertLevel, ShortInterestMetrics, SymbolMetrics } from '../../src/signals/metric-types';
import { alertLevel, type LevelInput } from '../../src/signals/scoring/alert-level';
import { seedThresholds, testConfig } from '../support/config';

// Defaults: high 0.8 / 5× / 25% / 0.6 · medium 0.6 / 4× / 20% / 0.5 · low 0.4 / 3× / 15% / 0.4
const thresholds = testConfig(seedThresholds).alerting.thresholds;

interface Case {
  spike?: number | null;
  si?: Partial<ShortInterestMetrics> | null;
  sentiment?: number | null;
}

function metrics({ spike = 6, si = {}, sentiment = 0.7 }: Case): SymbolMetrics {
  return {
    symbol: 'TEST',
    asOf: '2021-01-13',
    volume:
      spike === null
        ? null
        : {
            date: '2021-01-13',
            close: 20,
            volume: spike * 1_000_000,
            avgVolume20: 1_000_000,
            volumeSpikeRatio: spike,
            rsi14: 70,
            momentum: 0.2,
            volumeConsistency: 0.6,
            atr14: 1,
            barsAvailable: 250,
          },
    shortInterest:
      si === null
        ? null
        : {
            settlementDate: '2020-12-31',
            publishedOn: '2021-01-12',
            sharesShort: 30_000_000,
            percentOfFloat: 0.3,
            daysToCover: 8,
            changePct: 0.1,
            ageDays: 1,
            quality: 0.9,
            ...si,
          },
    shortVolume: null,
    offExchange: null,
    transient: { sentiment24h: sentiment, callPutRatio: null, optionsVolume: null, borrowFeePct: null },
    flags: [],
  };
}

const SKIP_SENTIMENT = 'min_sentiment skipped: no sentiment data';
const SKIP_VOLUME = 'min_volume_spike skipped: no volume spike ratio (no bars or too little history)';
const SKIP_NO_SI = 'min_finra_si_percent skipped: no short-interest report';
const SKIP_FLOAT =
  'min_finra_si_percent skipped: float unknown, so short interest % of float is unknown (days to cover 8.0 was not compared)';
const SKIP_OLD_SI = 'min_finra_si_percent skipped: short-interest report is 20 days old, outside finra_max_age_days';

const TABLE: [string, LevelInput, Case, AlertLevel | null, string[]][] = [
  ['every high condition holds', { score: 0.85, shortInterest: undefined }, {}, 'high', []],
  [
    'exactly on every high threshold',
    { score: 0.8, shortInterest: undefined },
    { spike: 5, si: { percentOfFloat: 0.25 }, sentiment: 0.6 },
    'high',
    [],
  ],
  ['a high score with a 4.5× spike', { score: 0.85, shortInterest: undefined }, { spike: 4.5 }, 'medium', []],
  [
    'a high score with 22% of float short',
    { score: 0.85, shortInterest: undefined },
    { si: { percentOfFloat: 0.22 } },
    'medium',
    [],
  ],
  ['a high score with sentiment 0.45', { score: 0.85, shortInterest: undefined }, { sentiment: 0.45 }, 'low', []],
  ['a score of 0.65', { score: 0.65, shortInterest: undefined }, {}, 'medium', []],
  ['a score just under low', { score: 0.39, shortInterest: undefined }, {}, null, []],
  [
    'a high score but only 10% of float short',
    { score: 0.9, shortInterest: undefined },
    { si: { percentOfFloat: 0.1 } },
    null,
    [],
  ],
  ['a high score but a 2× spike', { score: 0.9, shortInterest: undefined }, { spike: 2 }, null, []],
  [
    'no sentiment: the condition is skipped',
    { score: 0.85, shortInterest: undefined },
    { sentiment: null },
    'high',
    [SKIP_SENTIMENT],
  ],
  [
    'no bars: the spike condition is skipped',
    { score: 0.85, shortInterest: undefined },
    { spike: null },
    'high',
    [SKIP_VOLUME],
  ],
  ['no short-interest report', { score: 0.85, shortInterest: null }, { si: null }, 'high', [SKIP_NO_SI]],
  [
    'float unknown: % of float is skipped, not guessed from days to cover',
    { score: 0.85, shortInterest: undefined },
    { si: { percentOfFloat: null } },
    'high',
    [SKIP_FLOAT],
  ],
  [
    'a report too old for the score is too old for the condition',
    { score: 0.85, shortInterest: null },
    { si: { ageDays: 20, percentOfFloat: 0.1 } },
    'high',
    [SKIP_OLD_SI],
  ],
  ['without a weight set any report counts', { score: 0.85 }, { si: { ageDays: 20, percentOfFloat: 0.1 } }, null, []],
  [
    'everything but the score skipped',
    { score: 0.65, shortInterest: null },
    { spike: null, si: null, sentiment: null },
    'medium',
    [SKIP_VOLUME, SKIP_NO_SI, SKIP_SENTIMENT],
  ],
  ['a missing score never passes', { score: null, shortInterest: undefined }, {}, null, []],
  ['a NaN score never passes', { score: NaN, shortInterest: undefined }, {}, null, []],
  [
    'a missing score with every input missing',
    { score: null, shortInterest: null },
    { spike: null, si: null, sentiment: null },
    null,
    [SKIP_VOLUME, SKIP_NO_SI, SKIP_SENTIMENT],
  ],
];

describe('alert level', () => {
  it.each(TABLE)('%s', (_label, score, c, level, notes) => {
    expect(alertLevel(score, metrics(c), thresholds)).toMatchObject({ level, notes });
  });

  it('a NaN input is a missing input, skipped with a note, not a failed or passed check', () => {
    const r = alertLevel(
      { score: 0.85, shortInterest: undefined },
      metrics({ sentiment: NaN, spike: Infinity }),
      thresholds,
    );
    expect(r).toMatchObject({ level: 'high', notes: [SKIP_VOLUME, SKIP_SENTIMENT] });
  });

  it('follows the configured thresholds', () => {
    const strict = testConfig((c) => {
      seedThresholds(c);
      c.alerting.thresholds.low.min_sentiment = 0.9;
    }).alerting.thresholds;
    expect(alertLevel({ score: 0.45, shortInterest: undefined }, metrics({ sentiment: 0.8 }), strict).level).toBeNull();
    expect(alertLevel({ score: 0.45, shortInterest: undefined }, metrics({ sentiment: 0.8 }), thresholds).level).toBe(
      'low',
    );
  });
});
