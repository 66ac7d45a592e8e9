import { describe, expect, it } from 'vitest';
import { aggregateBasket } from '../../src/signals/basket';
import type { ShortVolumeMetrics } from '../../src/signals/metric-types';
import { computeShortVolumeMetrics } from '../../src/signals/short-volume-metrics';
import type { ShortVolumeRow } from '../../src/domain/short-data';
import { tradingDaysBetween } from '../../src/market/trading-calendar';
import { loadConfig } from '../../src/config/load-config';
import { nonFinitePaths } from '../support/finite';
import { EXTREMES, mulberry32 } from '../support/random';

const DATE = '2021-01-27';
const sv = (
  shortVolume: number | undefined,
  totalVolume: number | undefined,
  z: number | null = null,
  date = DATE,
): ShortVolumeMetrics => ({
  date,
  shortRatio: shortVolume !== undefined && totalVolume ? shortVolume / totalVolume : 0.5,
  shortRatioZ60: z,
  shortExemptShare: null,
  daysOfHistory: 60,
  shortVolume,
  totalVolume,
});
const codes = (r: { flags: { code: string }[] }) => r.flags.map((f) => f.code);
type Row = [
  string,
  string[],
  [string, ShortVolumeMetrics | null][],
  { shortRatio: number | null; meanShortRatioZ: number | null; coverage: number; missing: string[] },
  string[],
];

describe('basket short pressure', () => {
  it.each<Row>([
    [
      'weights the short ratio by volume, not by symbol',
      ['GME', 'AMC'],
      [
        ['GME', sv(700, 1000, 2)],
        ['AMC', sv(4000, 10000, 0)],
      ],
      { shortRatio: 4700 / 11000, meanShortRatioZ: 1, coverage: 1, missing: [] },
      [],
    ],
    [
      'a constituent without data lowers coverage and is named',
      ['GME', 'AMC', 'KOSS', 'BB'],
      [
        ['GME', sv(700, 1000, 2)],
        ['AMC', sv(4000, 10000, 1)],
        ['KOSS', null],
      ],
      { shortRatio: 4700 / 11000, meanShortRatioZ: 1.5, coverage: 0.5, missing: ['KOSS', 'BB'] },
      ['basket_partial'],
    ],
    [
      'a constituent without volumes counts for coverage and z, not for the ratio',
      ['GME', 'AMC'],
      [
        ['GME', sv(700, 1000, 2)],
        ['AMC', sv(undefined, undefined, -1)],
      ],
      { shortRatio: 0.7, meanShortRatioZ: 0.5, coverage: 1, missing: [] },
      ['basket_unweighted'],
    ],
    [
      'z-scores that are null are left out of the mean',
      ['GME', 'AMC', 'BB'],
      [
        ['GME', sv(1, 2, 3)],
        ['AMC', sv(1, 2, null)],
        ['BB', sv(1, 2, 1)],
      ],
      { shortRatio: 0.5, meanShortRatioZ: 2, coverage: 1, missing: [] },
      [],
    ],
    [
      'no constituent with data: nothing to aggregate',
      ['GME', 'AMC'],
      [],
      { shortRatio: null, meanShortRatioZ: null, coverage: 0, missing: ['GME', 'AMC'] },
      ['basket_partial'],
    ],
    [
      'an empty basket',
      [],
      [],
      { shortRatio: null, meanShortRatioZ: null, coverage: 0, missing: [] },
      ['basket_empty'],
    ],
    [
      'symbols are matched upper-cased and counted once',
      ['gme', ' GME ', 'amc'],
      [
        ['GME', sv(1, 4, 1)],
        ['AMC', null],
      ],
      { shortRatio: 0.25, meanShortRatioZ: 1, coverage: 0.5, missing: ['AMC'] },
      ['basket_partial'],
    ],
    [
      'a zero or broken volume pair is not weighted',
      ['A', 'B', 'C'],
      [
        ['A', sv(0, 0, null)],
        ['B', sv(5, 4, null)],
        ['C', sv(NaN, 10, null)],
      ],
      { shortRatio: null, meanShortRatioZ: null, coverage: 1, missing: [] },
      ['basket_unweighted'],
    ],
    [
      'constituents on an older day are used and flagged',
      ['GME', 'AMC'],
      [
        ['GME', sv(1, 2, null)],
        ['AMC', sv(1, 2, null, '2021-01-26')],
      ],
      { shortRatio: 0.5, meanShortRatioZ: null, coverage: 1, missing: [] },
      ['basket_mixed_dates'],
    ],
  ])('%s', (_name, constituents, entries, expected, flagCodes) => {
    const r = aggregateBasket('meme', constituents, new Map(entries));
    expect(r.name).toBe('meme');
    expect(r.shortRatio === null ? null : r.shortRatio).toEqual(
      expected.shortRatio === null ? null : expect.closeTo(expected.shortRatio, 12),
    );
    expect(r.meanShortRatioZ === null ? null : r.meanShortRatioZ).toEqual(
      expected.meanShortRatioZ === null ? null : expect.closeTo(expected.meanShortRatioZ, 12),
    );
    expect(r.coverage).toBe(expected.coverage);
    expect(r.missing).toEqual(expected.missing);
    expect(codes(r)).toEqual(flagCodes);
  });

  it('aggregates what computeShortVolumeMetrics returns (it carries the day’s volumes)', () => {
    const days = tradingDaysBetween('2021-01-04', DATE);
    const rows = (short: number, total: number): ShortVolumeRow[] =>
      days.map((date) => ({ date, shortVolume: short, shortExemptVolume: 0, totalVolume: total }));
    const gme = computeShortVolumeMetrics(rows(600, 1000), DATE).metrics;
    const amc = computeShortVolumeMetrics(rows(3000, 10000), DATE).metrics;
    expect(gme).toMatchObject({ date: DATE, shortVolume: 600, totalVolume: 1000 });
    const r = aggregateBasket(
      'meme',
      ['GME', 'AMC'],
      new Map([
        ['GME', gme],
        ['AMC', amc],
      ]),
    );
    expect(r.shortRatio).toBeCloseTo(3600 / 11000, 12);
    expect(r.date).toBe(DATE);
  });

  it('reads its baskets from the config: meme and megacap by default', () => {
    const { config } = loadConfig({ env: {} });
    expect(config.baskets.meme).toEqual(['GME', 'AMC', 'BB', 'KOSS', 'NOK', 'BBBY']);
    expect(config.baskets.megacap).toContain('AAPL');
  });

  it('never returns NaN on random and missing inputs', () => {
    const rand = mulberry32(7);
    const num = () => (rand() < 0.3 ? EXTREMES[Math.floor(rand() * EXTREMES.length)]! : rand() * 1e7);
    for (let i = 0; i < 500; i++) {
      const symbols = Array.from({ length: Math.floor(rand() * 8) }, (_, k) => `S${k}`);
      const map = new Map<string, ShortVolumeMetrics | null>();
      for (const s of symbols) {
        if (rand() < 0.2) continue;
        map.set(
          s,
          rand() < 0.1
            ? null
            : sv(rand() < 0.1 ? undefined : num(), rand() < 0.1 ? undefined : num(), rand() < 0.3 ? null : num()),
        );
      }
      const r = aggregateBasket('rnd', symbols, map);
      expect(nonFinitePaths(r), `run ${i}`).toEqual([]);
      if (r.shortRatio !== null) expect(r.shortRatio).toSatisfy((x: number) => x >= 0 && x <= 1);
      expect(r.coverage).toSatisfy((c: number) => c >= 0 && c <= 1);
    }
  });
});
