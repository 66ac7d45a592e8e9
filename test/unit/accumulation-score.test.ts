import { describe, expect, it } from 'vitest';
import { accumulationScore, priceVolumeContext, type AccumulationInputs } from '../../src/signals/accumulation-score';
import { computeOffExchangeMetrics } from '../../src/signals/off-exchange-metrics';
import type { OhlcvBar } from '../../src/domain/bars';
import { tradingDaysBetween } from '../../src/market/trading-calendar';

const base: AccumulationInputs = {
  litImbalance: null,
  litMethod: null,
  litCoverage: 0,
  priceVolume: null,
  otcParticipationZ: null,
  otcFlag: 'none',
};
const nbboLit = (litImbalance: number): Partial<AccumulationInputs> => ({
  litImbalance,
  litMethod: 'nbbo',
  litCoverage: 1,
});

describe('accumulation score', () => {
  it.each<[string, Partial<AccumulationInputs>, number | null]>([
    ['nothing observed: no score', {}, null],
    ['OTC participation alone has no direction: no score', { otcParticipationZ: 3, otcFlag: 'anchored' }, null],
    ['neutral lit flow', nbboLit(0), 50],
    ['lit buying only', nbboLit(0.5), 75],
    [
      'lit flow counts twice the price/volume context',
      { ...nbboLit(0.5), priceVolume: -0.4 },
      50 + 50 * ((2 * 0.5 - 0.4) / 3),
    ],
    ['price/volume context alone', { priceVolume: -0.6 }, 20],
    [
      'high OTC participation strengthens the lit read',
      { ...nbboLit(0.4), otcParticipationZ: 2, otcFlag: 'anchored' },
      80,
    ],
    ['low OTC participation weakens it', { ...nbboLit(0.4), otcParticipationZ: -2, otcFlag: 'anchored' }, 60],
    [
      'OTC participation only scales: selling stays selling',
      { ...nbboLit(-0.4), otcParticipationZ: 2, otcFlag: 'anchored' },
      20,
    ],
    ['the amplifier stops at z = ±2', { ...nbboLit(0.4), otcParticipationZ: 40, otcFlag: 'anchored' }, 80],
    ['the score stops at 100', { ...nbboLit(1), priceVolume: 1, otcParticipationZ: 2, otcFlag: 'anchored' }, 100],
    ['and at 0', { ...nbboLit(-1), priceVolume: -1, otcParticipationZ: 2, otcFlag: 'anchored' }, 0],
    ['a NaN input counts as missing', { ...nbboLit(NaN), priceVolume: 0.2 }, 60],
  ])('%s', (_name, over, score) => {
    const r = accumulationScore({ ...base, ...over });
    if (score === null) expect(r).toEqual({ score: null, confidence: null });
    else expect(r.score).toBeCloseTo(score, 10);
  });

  it.each<[string, Partial<AccumulationInputs>, number]>([
    [
      'every input, NBBO, full window, anchored OTC',
      { ...nbboLit(0.1), priceVolume: 0, otcParticipationZ: 0.5, otcFlag: 'anchored' },
      1,
    ],
    [
      'a stale OTC week counts half',
      { ...nbboLit(0.1), priceVolume: 0, otcParticipationZ: 0.5, otcFlag: 'stale' },
      0.85,
    ],
    [
      'tick-rule lit flow counts three quarters',
      {
        litImbalance: 0.1,
        litMethod: 'tick',
        litCoverage: 1,
        priceVolume: 0,
        otcParticipationZ: 0.5,
        otcFlag: 'anchored',
      },
      0.875,
    ],
    ['lit flow from 2 of 5 sessions counts 2/5', { litImbalance: 0.1, litMethod: 'nbbo', litCoverage: 0.4 }, 0.2],
    ['price/volume context only', { priceVolume: 0.3 }, 0.2],
    ['lit flow and price, no OTC z', { ...nbboLit(0.1), priceVolume: 0.3 }, 0.7],
  ])('confidence: %s', (_name, over, confidence) => {
    expect(accumulationScore({ ...base, ...over }).confidence).toBeCloseTo(confidence, 12);
  });
});

describe('price/volume context', () => {
  const days = tradingDaysBetween('2024-03-11', '2024-03-20'); // 8 sessions
  const series = (closes: number[], volumes = closes.map(() => 100)): OhlcvBar[] =>
    closes.map((close, i) => ({
      date: days[days.length - closes.length + i]!,
      open: null,
      high: null,
      low: null,
      close,
      volume: volumes[i]!,
    }));

  it.each<[string, OhlcvBar[], number | null]>([
    ['four up-closes and one down-close of equal volume', series([10, 11, 12, 11, 12, 13]), 0.6],
    ['weighted by volume', series([10, 11, 10, 10, 10, 10], [1, 300, 100, 50, 25, 25]), 0.4],
    ['flat closes', series([10, 10, 10, 10, 10, 10]), 0],
    ['only the last five changes count', series([50, 10, 11, 12, 13, 14, 15]), 1],
    ['five bars are one too few', series([10, 11, 12, 13, 14]), null],
    ['no volume', series([10, 11, 12, 13, 14, 15], [0, 0, 0, 0, 0, 0]), null],
  ])('%s', (_name, bars, expected) => {
    const v = priceVolumeContext(bars, '2024-03-20', '2024-03-14');
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 12);
  });

  it('is null when the bars stop before the lit window', () => {
    expect(priceVolumeContext(series([10, 11, 12, 13, 14, 15]).slice(0, 6), '2024-03-20', '2024-03-21')).toBeNull();
  });

  it('reads bars given newest first the same as oldest first', () => {
    const bars = series([10, 11, 12, 11, 12, 13]);
    expect(priceVolumeContext([...bars].reverse(), '2024-03-20', '2024-03-14')).toBeCloseTo(0.6, 12);
  });

  it('feeds the score of the off-exchange metrics', () => {
    const r = computeOffExchangeMetrics({
      asOf: '2024-03-20',
      otcWeeks: [],
      bars: series([10, 11, 12, 11, 12, 13]),
      trades: [{ date: '2024-03-20', buyVolume: 75, sellVolume: 25, method: 'nbbo' }],
    });
    // lit 0.5 (1 of 5 sessions), PV 0.6: d = (2·0.5 + 0.6) / 3
    expect(r.metrics!.accumulationScore).toBeCloseTo(50 + 50 * (1.6 / 3), 10);
    expect(r.metrics!.accumulationConfidence).toBeCloseTo(0.5 * 0.2 + 0.2, 12);
  });
});
