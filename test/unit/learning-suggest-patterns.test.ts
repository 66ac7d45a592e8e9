import { describe, expect, it } from 'vitest';
import { seedThresholds, testConfig } from '../support/config';
import { EMPTY_FEATURES, thesisOf } from '../../src/learning/features';
import { belowAlertReason, missedCandidates } from '../../src/learning/missed-candidates';
import { missedPatterns, type MissedRow } from '../../src/learning/missed-patterns';
import { evaluatePair, suggestThresholds, wilsonLower, type SuggestRow } from '../../src/learning/threshold-suggest';

const config = testConfig(seedThresholds);
const low = config.alerting.thresholds.low;

function missed(symbol: string, over: Partial<MissedRow> = {}): MissedRow {
  return {
    symbol,
    asOf: '2021-01-12',
    stage: 'volume_filtering',
    criterion: 'insufficient_volume_spike',
    value: 2.6,
    threshold: 3,
    price: 3.5,
    features: {},
    peakReturn: 0.8,
    daysToPeak: 4,
    ...over,
  };
}

describe('missed-opportunity patterns', () => {
  it('names the cut that took most of them, the feature level they shared, their price band and near misses', () => {
    const rows = [
      missed('AAA', {
        features: { volumeSpike: 18 },
        stage: 'alerting',
        criterion: 'squeeze_score',
        value: 0.35,
        threshold: 0.4,
      }),
      missed('BBB', {
        features: { volumeSpike: 22 },
        stage: 'alerting',
        criterion: 'squeeze_score',
        value: 0.3,
        threshold: 0.4,
      }),
      missed('CCC', {
        features: { volumeSpike: 16 },
        stage: 'alerting',
        criterion: 'squeeze_score',
        value: 0.1,
        threshold: 0.4,
        price: 30,
      }),
    ];
    const lines = missedPatterns(rows);
    expect(lines[0]).toBe(
      '3 of 3 missed were cut at alert levels by score below the low level (values 0.10–0.35 vs 0.40)',
    );
    expect(lines).toContain('3 of 3 missed had a volume spike above 15×');
    expect(lines).toContain('2 of 3 were priced $1–$5');
    expect(lines).toContain('1 of 3 were within 20% of the threshold that cut them'); // 0.35 vs 0.40; 0.30 is 25% short
  });

  it('claims no feature pattern that fewer than 60% share', () => {
    const rows = [
      missed('AAA', { features: { volumeSpike: 18 } }),
      missed('BBB', { features: { volumeSpike: 1.5 } }),
      missed('CCC'),
      missed('DDD'),
    ];
    expect(missedPatterns(rows).some((l) => l.includes('volume spike above'))).toBe(false);
    expect(missedPatterns([])).toEqual([]);
  });
});

describe('missed candidates of a day', () => {
  it('takes cuts at the configured stages and scored names without a level, each with the criterion that stopped it', () => {
    const c = missedCandidates({
      asOf: '2021-01-12',
      runId: 'r1',
      stages: ['volume_filtering', 'alerting'],
      low,
      eliminations: [
        {
          symbol: 'VOL',
          stage: 'volume_filtering',
          criterion: 'insufficient_volume_spike',
          value: 2.1,
          threshold: 3,
          detail: null,
        },
        { symbol: 'PRC', stage: 'price_filtering', criterion: 'price_too_low', value: 0.5, threshold: 1, detail: null },
        {
          symbol: 'LOW',
          stage: 'final_ranking',
          criterion: 'below_ranking_cut',
          value: 0.2,
          threshold: 0.5,
          detail: null,
        },
      ],
      scored: [
        { symbol: 'LOW', score: 0.2, level: null, features: { ...EMPTY_FEATURES, volumeSpike: 4 } },
        { symbol: 'ALR', score: 0.9, level: 'high', features: EMPTY_FEATURES },
        { symbol: 'SPK', score: 0.5, level: null, features: { ...EMPTY_FEATURES, volumeSpike: 2 } },
      ],
    });
    expect(c.map((x) => [x.symbol, x.stage, x.criterion, x.value, x.threshold])).toEqual([
      ['LOW', 'alerting', 'squeeze_score', 0.2, low.squeeze_score],
      ['SPK', 'alerting', 'min_volume_spike', 2, low.min_volume_spike],
      ['VOL', 'volume_filtering', 'insufficient_volume_spike', 2.1, 3],
    ]);
    expect(c.find((x) => x.symbol === 'VOL')!.features!.volumeSpike).toBe(2.1);
  });

  it('blames the short interest when score and spike pass the low level', () => {
    expect(belowAlertReason(0.5, { ...EMPTY_FEATURES, volumeSpike: 5, siPercentFloat: 0.05 }, low)).toEqual({
      criterion: 'min_finra_si_percent',
      value: 0.05,
      threshold: low.min_finra_si_percent,
    });
  });
});

describe('threshold suggestions', () => {
  // winners: score ≥ 0.7 with a spike ≥ 6; losers elsewhere
  const rows: SuggestRow[] = [
    ...Array.from({ length: 12 }, (_, i) => ({ score: 0.72 + i * 0.01, volumeSpike: 7, success: i < 10 })),
    ...Array.from({ length: 12 }, (_, i) => ({ score: 0.62 + i * 0.01, volumeSpike: 4.5, success: i < 2 })),
    ...Array.from({ length: 10 }, (_, i) => ({ score: 0.85 + i * 0.005, volumeSpike: 5.5, success: i < 3 })),
  ];

  it('counts what a pair passes, an unknown spike passing', () => {
    expect(
      evaluatePair(
        [
          { score: 0.9, volumeSpike: null, success: true },
          { score: 0.9, volumeSpike: 1, success: false },
        ],
        0.8,
        5,
      ),
    ).toMatchObject({ passed: 1, successes: 1, rate: 1 });
  });

  it('prefers many good outcomes to a few lucky ones (Wilson lower bound)', () => {
    expect(wilsonLower(3, 3)).toBeLessThan(wilsonLower(40, 45));
    expect(wilsonLower(0, 0)).toBe(0);
  });

  it('suggests a better pair per level inside its band, with the exact /set commands', () => {
    const [high, medium] = suggestThresholds(rows, config.alerting.thresholds, 5);
    expect(high!.current).toMatchObject({ squeezeScore: 0.8, minVolumeSpike: 5 });
    expect(high!.best!.minVolumeSpike).toBe(6);
    expect(high!.best!.squeezeScore).toBeGreaterThan(config.alerting.thresholds.medium.squeeze_score);
    expect(high!.best!.rate!).toBeGreaterThan(high!.current.rate!);
    expect(high!.commands).toContain('/set alerting.thresholds.high.min_volume_spike 6');
    expect(medium!.commands).toContain('/set alerting.thresholds.medium.min_volume_spike 6');
  });

  it('suggests nothing from too few outcomes', () => {
    const s = suggestThresholds(rows.slice(0, 3), config.alerting.thresholds, 5);
    expect(s.every((x) => x.best === null && x.commands.length === 0)).toBe(true);
  });
});

describe('thesis', () => {
  it('is a sentence from the top three contributing components', () => {
    const text = thesisOf({
      score: 0.87,
      level: 'high',
      components: [
        { name: 'volume_spike', raw: 23.4, normalised: 1, weight: 0.4, contribution: 0.4 },
        {
          name: 'finra_short_interest',
          basis: 'percent_of_float',
          raw: 0.32,
          normalised: 0.9,
          weight: 0.3,
          contribution: 0.27,
        },
        { name: 'rsi', raw: 81.2, normalised: 0.6, weight: 0.2, contribution: 0.12 },
        { name: 'call_put_ratio', raw: 1.1, normalised: 0, weight: 0.1, contribution: 0 },
      ],
    });
    expect(text).toBe(
      'Score 0.87 (high) led by volume 23.4× its 20-day average, short interest at 32% of float and RSI 81.',
    );
  });
});
