import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeShortVolumeMetrics, shortRatioOf } from '../../src/signals/short-volume-metrics';
import type { ShortVolumeRow } from '../../src/domain/short-data';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { nonFinitePaths } from '../support/finite';
import { hasSharedData, sharedPath } from '../support/shared-data';

/** Consecutive trading days from 2021-02-01 with the given short ratios (total volume 1,000,000). */
function rows(ratios: number[], exempt: number | null = 1000): ShortVolumeRow[] {
  const dates = tradingDaysBetween('2021-02-01', addTradingDays('2021-02-01', ratios.length + 5));
  return ratios.map((r, i) => ({
    date: dates[i]!,
    shortVolume: r * 1_000_000,
    shortExemptVolume: exempt,
    totalVolume: 1_000_000,
  }));
}
const alternating = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 0.5 : 0.4));
const last = <T>(xs: T[]): T => xs[xs.length - 1]!;
const codes = (r: { flags: { code: string }[] }) => r.flags.map((f) => f.code);

describe('facility short ratio and its z-score', () => {
  it('scores the newest day against the previous 60 (sample deviation, today excluded)', () => {
    const data = rows([...alternating(60), 0.6]);
    const { metrics, flags } = computeShortVolumeMetrics(data, last(data).date);
    expect(metrics!.shortRatio).toBeCloseTo(0.6, 12);
    expect(metrics!.shortRatioZ60).toBeCloseTo(0.15 / Math.sqrt((60 * 0.05 ** 2) / 59), 9);
    expect(metrics!.daysOfHistory).toBe(60);
    expect(flags).toEqual([]);
  });

  it('only the previous 60 rows count: older history cannot move the z-score', () => {
    const recent = computeShortVolumeMetrics(rows([...alternating(60), 0.6]), '2021-12-31').metrics!;
    const longer = computeShortVolumeMetrics(
      rows([...Array<number>(40).fill(0.9), ...alternating(60), 0.6]),
      '2021-12-31',
    ).metrics!;
    expect(longer.shortRatioZ60).toBe(recent.shortRatioZ60);
  });

  it.each([
    [19, null, ['short_ratio_thin_history']],
    [20, 'number', []],
  ])('with %i days of history the z-score is %s', (n, kind, flagCodes) => {
    const data = rows([...alternating(n), 0.47]);
    const r = computeShortVolumeMetrics(data, last(data).date);
    expect(r.metrics!.shortRatioZ60 === null ? null : typeof r.metrics!.shortRatioZ60).toBe(kind);
    expect(codes(r)).toEqual(flagCodes);
  });

  it('a flat history gives no z-score rather than an infinite one', () => {
    const data = rows([...Array<number>(30).fill(0.45), 0.6]);
    const r = computeShortVolumeMetrics(data, last(data).date);
    expect(r.metrics!.shortRatioZ60).toBeNull();
    expect(codes(r)).toEqual(['short_ratio_flat']);
  });

  it('reads the newest row on or before asOf and ignores later ones (point in time)', () => {
    const data = rows([...alternating(30), 0.9, 0.1]);
    const r = computeShortVolumeMetrics(data, data[30]!.date);
    expect(r.metrics!.date).toBe(data[30]!.date);
    expect(r.metrics!.shortRatio).toBeCloseTo(0.9, 12);
  });

  it('flags a stale row with its age', () => {
    const data = rows(alternating(25));
    const r = computeShortVolumeMetrics(data, addTradingDays(last(data).date, 2));
    expect(r.flags.find((f) => f.code === 'short_volume_stale')!.message).toContain('2 trading day(s) old');
  });
});

describe('faults', () => {
  it('TotalVolume 0 on the day: no ratio, zero_total_volume', () => {
    const data = rows(alternating(30));
    data.push({ date: '2021-12-01', shortVolume: 0, shortExemptVolume: 0, totalVolume: 0 });
    const r = computeShortVolumeMetrics(data, '2021-12-01');
    expect(r.metrics).toBeNull();
    expect(codes(r)).toEqual(['zero_total_volume']);
  });

  it('days with TotalVolume 0 are left out of the history', () => {
    const data = rows([...alternating(30), 0.6]);
    data[10] = { ...data[10]!, shortVolume: 0, totalVolume: 0 };
    expect(computeShortVolumeMetrics(data, last(data).date).metrics!.daysOfHistory).toBe(29);
  });

  it.each([
    [{ shortVolume: 10, totalVolume: 0 }, null],
    [{ shortVolume: 11, totalVolume: 10 }, null],
    [{ shortVolume: NaN, totalVolume: 10 }, null],
    [{ shortVolume: 4, totalVolume: 10 }, 0.4],
  ])('shortRatioOf(%j) = %s', (r, expected) => {
    expect(shortRatioOf({ date: '2021-01-04', shortExemptVolume: null, ...r })).toBe(expected);
  });

  it('no rows on or before asOf: null with no_short_volume', () => {
    const r = computeShortVolumeMetrics(rows([0.4]), '2020-01-01');
    expect(r.metrics).toBeNull();
    expect(codes(r)).toEqual(['no_short_volume']);
  });
});

describe('short-exempt share', () => {
  it.each([
    [1000, 0.5, 1000 / 500_000],
    [null, 0.5, null],
    [0, 0.5, 0],
    [1000, 0, null],
  ])('exempt %s with ratio %s gives %s', (exempt, ratio, expected) => {
    const data = rows([ratio], exempt);
    expect(computeShortVolumeMetrics(data, data[0]!.date).metrics!.shortExemptShare).toBe(expected);
  });
});

it.each([
  ['thin', rows([0.5, 0.4])],
  ['flat', rows(Array<number>(40).fill(0.3))],
  [
    'zero total',
    [...rows(alternating(30)), { date: '2021-12-01', shortVolume: 0, shortExemptVolume: null, totalVolume: 0 }],
  ],
  ['zero short volume', rows([...alternating(30), 0])],
])('no NaN or Infinity: %s', (_n, data) => {
  expect(nonFinitePaths(computeShortVolumeMetrics(data, '2021-12-31'))).toEqual([]);
});

describe.skipIf(!hasSharedData)('on the real CNMS files of the development set', () => {
  it('GME: a finite ratio in [0, 1] every day, and a z-score once 20 days exist', () => {
    const dir = sharedPath('meme-2020-2021/finra');
    const gme: ShortVolumeRow[] = readdirSync(dir)
      .sort()
      .flatMap((f) => readFileSync(`${dir}/${f}`, 'utf8').split(/\r?\n/))
      .map((l) => l.split('|'))
      .filter((p) => p[1] === 'GME')
      .map(([d, , s, e, t]) => ({
        date: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`,
        shortVolume: +s!,
        shortExemptVolume: +e!,
        totalVolume: +t!,
      }));
    expect(gme.length).toBeGreaterThan(200);
    gme.forEach((row, i) => {
      const r = computeShortVolumeMetrics(gme, row.date);
      expect(nonFinitePaths(r), row.date).toEqual([]);
      expect(r.metrics!.shortRatio).toBeGreaterThan(0);
      expect(r.metrics!.shortRatio).toBeLessThan(1);
      expect(r.metrics!.shortRatioZ60 === null, row.date).toBe(i < 20);
    });
  });
});
