import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATR, RSI } from 'technicalindicators';
import { computeVolumeMetrics } from '../../src/signals/volume-metrics';
import type { OhlcvBar } from '../../src/domain/bars';
import { detectSplits } from '../../src/signals/split-detection';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { nonFinitePaths } from '../support/finite';
import { hasSharedData, sharedPath } from '../support/shared-data';

/** Consecutive trading-day bars from `start`: close and volume from the callbacks, a ±1% high/low. */
function series(
  start: string,
  n: number,
  close: (i: number) => number,
  volume: (i: number) => number = () => 1_000_000,
): OhlcvBar[] {
  const dates = tradingDaysBetween(start, addTradingDays(start, n + 5)).slice(0, n);
  return dates.map((date, i) => {
    const c = close(i);
    return { date, open: c, high: c * 1.01, low: c * 0.99, close: c, volume: volume(i) };
  });
}
const last = <T>(xs: T[]): T => xs[xs.length - 1]!;
const codes = (r: { flags: { code: string }[] }) => r.flags.map((f) => f.code);
const flag = (r: { flags: { code: string; message: string }[] }, code: string) => r.flags.find((f) => f.code === code);
const wave = (i: number) => 20 + 3 * Math.sin(i / 3) + i * 0.05;

describe('volume spike and average', () => {
  it.each([
    ['flat 100s then 500', [...Array<number>(20).fill(100), 500], 100, 5],
    ['today excluded from the average', [...Array<number>(20).fill(100), 100_000], 100, 1000],
    ['only the 20 bars before today count', [9_999_999, ...Array<number>(20).fill(200), 100], 200, 0.5],
    ['alternating volumes', [...Array.from({ length: 20 }, (_, i) => (i % 2 ? 300 : 100)), 400], 200, 2],
  ])('%s', (_name, volumes, avg, spike) => {
    const bars = series(
      '2021-03-01',
      volumes.length,
      () => 10,
      (i) => volumes[i]!,
    );
    const { metrics } = computeVolumeMetrics(bars, last(bars).date);
    expect(metrics!.avgVolume20).toBe(avg);
    expect(metrics!.volumeSpikeRatio).toBeCloseTo(spike, 12);
    expect(metrics!.volume).toBe(last(volumes));
  });

  it.each([
    // last 5 volumes vs the mean of each one's own previous 20 (all 100 before them)
    ['a sustained surge', [500, 600, 700, 800, 900], 1],
    ['a one-day blip', [100, 100, 100, 100, 900], 0.2],
    ['quiet', [50, 60, 70, 80, 90], 0],
    ['three of five', [150, 50, 300, 50, 400], 0.6],
  ])('volume consistency: %s', (_name, tail, expected) => {
    const volumes = [...Array<number>(20).fill(100), ...tail];
    const bars = series(
      '2021-03-01',
      volumes.length,
      () => 10,
      (i) => volumes[i]!,
    );
    expect(computeVolumeMetrics(bars, last(bars).date).metrics!.volumeConsistency).toBe(expected);
  });
});

describe('momentum, RSI and ATR', () => {
  it.each([
    [14, 14],
    [5, 5],
    [30, 30],
  ])('momentum over a %i-bar window is the close change over that many bars', (window) => {
    const bars = series('2021-02-01', 60, (i) => 10 * 1.01 ** i);
    const m = computeVolumeMetrics(bars, last(bars).date, { momentumPeriod: window }).metrics!;
    expect(m.momentum).toBeCloseTo(1.01 ** window - 1, 12);
  });

  it.each([
    ['45 bars', 45],
    ['100 bars (the whole default history)', 100],
  ])('RSI(14) and ATR(14) equal technicalindicators on %s', (_n, n) => {
    const bars = series('2020-06-01', n, wave).map((b, i) => ({
      ...b,
      high: b.close + 0.3 + (i % 4) * 0.1,
      low: b.close - 0.4,
    }));
    const m = computeVolumeMetrics(bars, last(bars).date).metrics!;
    const closes = bars.map((b) => b.close);
    expect(parseFloat(m.rsi14!.toFixed(2))).toBe(last(RSI.calculate({ values: closes, period: 14 })));
    const atr = ATR.calculate({
      high: bars.map((b) => b.high),
      low: bars.map((b) => b.low),
      close: closes,
      period: 14,
    });
    expect(m.atr14).toBeCloseTo(last(atr), 9);
  });

  it('close-only bars (screener closes): ATR is close-to-close, flagged, other metrics unaffected', () => {
    const bars = series('2021-01-04', 40, wave).map((b, i) => (i >= 30 ? { ...b, high: null, low: null } : b));
    const r = computeVolumeMetrics(bars, last(bars).date);
    // the reference: Wilder ATR over the last 42 bars, a close-only bar's high and low being its close
    const tail = bars.slice(-42);
    const ref = ATR.calculate({
      high: tail.map((b) => b.high ?? b.close),
      low: tail.map((b) => b.low ?? b.close),
      close: tail.map((b) => b.close),
      period: 14,
    });
    expect(r.metrics!.atr14).toBeCloseTo(last(ref), 9);
    expect(r.metrics!.rsi14).not.toBeNull();
    expect(flag(r, 'atr_close_to_close')?.message).toMatch(/^10 of the last 15 bars have no high\/low/);
  });

  it('too few bars for any ATR: null without a flag', () => {
    const bars = series('2021-01-04', 14, wave).map((b) => ({ ...b, high: null, low: null }));
    const r = computeVolumeMetrics(bars, last(bars).date);
    expect(r.metrics!.atr14).toBeNull();
    expect(codes(r)).not.toContain('atr_close_to_close');
  });
});

describe('faults become flags, never NaN', () => {
  it('thin history (a new listing with 5 bars): spike null, thin_history with the count', () => {
    const bars = series('2021-06-01', 5, (i) => 10 + i);
    const r = computeVolumeMetrics(bars, last(bars).date);
    expect(r.metrics).toMatchObject({
      volumeSpikeRatio: null,
      avgVolume20: null,
      rsi14: null,
      atr14: null,
      momentum: null,
      volumeConsistency: null,
      barsAvailable: 5,
    });
    expect(flag(r, 'thin_history')!.message).toMatch(/^5 bar\(s\).*needs 21/);
  });

  it('short history (a new listing with 12 sessions): the spike on the 11 sessions held, flagged short_history', () => {
    const volumes = [...Array<number>(11).fill(100), 800];
    const bars = series(
      '2021-06-01',
      12,
      (i) => 10 + i,
      (i) => volumes[i]!,
    );
    const r = computeVolumeMetrics(bars, last(bars).date);
    expect(r.metrics).toMatchObject({ avgVolume20: 100, volumeSpikeRatio: 8, volumeConsistency: null });
    expect(r.metrics!.volatility20).toBeGreaterThan(0);
    expect(flag(r, 'short_history')!.message).toBe(
      `12 session(s) held (a new listing?): the volume average is over the 11 before ${last(bars).date}, not 20`,
    );
    expect(codes(r)).toContain('short_history_volatility');
    expect(codes(r)).not.toContain('thin_history');
  });

  it('realised volatility: the annualised stdev of the last 20 log returns', () => {
    // alternating +10% / −10%-ish closes: every log return is ±ln(1.1)
    const bars = series('2021-03-01', 40, (i) => (i % 2 ? 11 : 10));
    const r = computeVolumeMetrics(bars, last(bars).date);
    const x = Math.log(1.1);
    const returns = Array.from({ length: 20 }, (_, i) => (i % 2 ? -x : x));
    const mean = returns.reduce((a, b) => a + b, 0) / 20;
    const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / 19);
    expect(r.metrics!.volatility20).toBeCloseTo(sd * Math.sqrt(252), 12);
  });

  it('zero volume: no spike ratio, zero_volume flagged', () => {
    const bars = series(
      '2021-03-01',
      30,
      () => 4,
      () => 0,
    );
    const r = computeVolumeMetrics(bars, last(bars).date);
    expect(r.metrics!.volumeSpikeRatio).toBeNull();
    expect(r.metrics!.avgVolume20).toBe(0);
    expect(codes(r)).toContain('zero_volume');
    expect(r.metrics!.rsi14).toBe(50); // flat price: neutral, not "overbought"
  });

  it('a December-2020-like hole: data_hole names the missing month', () => {
    const bars = series('2020-09-01', 120, wave).filter((b) => !b.date.startsWith('2020-12'));
    const asOf = '2021-01-08';
    const r = computeVolumeMetrics(bars, asOf);
    expect(flag(r, 'data_hole')!.message).toContain('2020-12-01 to 2020-12-31 (22 days)');
    expect(r.metrics!.volumeSpikeRatio).not.toBeNull(); // computed over the bars present, and flagged
    // two months later the windows no longer straddle the gap
    expect(codes(computeVolumeMetrics(bars, '2021-03-01'))).not.toContain('data_hole');
  });

  it('a single missing day is named too', () => {
    const bars = series('2021-03-01', 30, wave).filter((b) => b.date !== '2021-03-25');
    expect(flag(computeVolumeMetrics(bars, last(bars).date), 'data_hole')!.message).toMatch(
      /1 trading day\(s\) missing.*: 2021-03-25;/,
    );
  });

  it('no bar on asOf: metrics from the last bar before, stale_bars with the age', () => {
    const bars = series('2021-03-01', 30, wave);
    const asOf = addTradingDays(last(bars).date, 3);
    const r = computeVolumeMetrics(bars, asOf);
    expect(r.metrics!.date).toBe(last(bars).date);
    expect(flag(r, 'stale_bars')!.message).toContain('3 trading day(s) old');
  });

  it('a weekend asOf after a Friday bar is not stale', () => {
    const bars = series('2021-03-01', 15, wave); // ends Friday 2021-03-19
    expect(last(bars).date).toBe('2021-03-19');
    expect(codes(computeVolumeMetrics(bars, '2021-03-20'))).not.toContain('stale_bars');
  });

  it('ignores bars after asOf (point in time)', () => {
    const bars = series(
      '2021-03-01',
      40,
      (i) => 10 + i,
      (i) => (i === 30 ? 50_000_000 : 1_000_000),
    );
    const r = computeVolumeMetrics(bars, bars[29]!.date);
    expect(r.metrics!.date).toBe(bars[29]!.date);
    expect(r.metrics!.volumeSpikeRatio).toBe(1);
    expect(r.metrics!.barsAvailable).toBe(30);
  });

  it('drops bars with a zero close or a NaN volume, flags them, and keeps going', () => {
    const bars = series('2021-03-01', 30, wave).map((b, i) =>
      i === 10 ? { ...b, close: 0 } : i === 11 ? { ...b, volume: NaN } : b,
    );
    const r = computeVolumeMetrics(bars, last(bars).date);
    expect(flag(r, 'invalid_bar')!.message).toMatch(/^2 bar/);
    expect(r.metrics!.barsAvailable).toBe(28);
  });

  it('takes the later of duplicate dates and copes with unsorted input', () => {
    const bars = series('2021-03-01', 25, () => 10);
    const dup = { ...last(bars), volume: 3_000_000 };
    const shuffled = [...bars.slice(10), dup, ...bars.slice(0, 10)];
    expect(computeVolumeMetrics([...bars, dup], dup.date).metrics!.volume).toBe(3_000_000);
    expect(computeVolumeMetrics(shuffled, '2021-12-31').metrics!.avgVolume20).toBe(1_000_000);
  });

  it('no bars at all: metrics null and no_bars', () => {
    const r = computeVolumeMetrics(series('2021-03-01', 5, wave), '2021-02-01');
    expect(r.metrics).toBeNull();
    expect(codes(r)).toEqual(['no_bars']);
  });
});

describe('split days', () => {
  // steady 1% a day, 1M shares; a 4:1 split on bar 30 (price ÷4 with its own +1%, volume ×4 after)
  const SPLIT_AT = 30;
  const split4 = series(
    '2021-01-04',
    45,
    (i) => 100 * 1.01 ** i * (i >= SPLIT_AT ? 0.25 : 1),
    (i) => (i >= SPLIT_AT ? 4_000_000 : 1_000_000) * (1 + (i % 3) * 0.05),
  );

  it('flags a 4:1 split and keeps it out of momentum, RSI and the volume spike', () => {
    const r = computeVolumeMetrics(split4, split4[SPLIT_AT + 2]!.date);
    expect(flag(r, 'split_suspected')!.message).toMatch(/treated as a 4:1 split/);
    const m = r.metrics!;
    expect(m.momentum).toBeCloseTo(1.01 ** 14 - 1, 10);
    expect(m.rsi14).toBe(100); // only rises once the split is scaled out
    expect(m.volumeSpikeRatio!).toBeGreaterThan(0.9);
    expect(m.volumeSpikeRatio!).toBeLessThan(1.2);
    expect(m.close).toBe(split4[SPLIT_AT + 2]!.close); // the reported close is the real one
  });

  it('does not call a real crash a split: a halving on 10× volume stays a move', () => {
    const crash = series(
      '2021-01-04',
      40,
      (i) => (i >= 30 ? 25 : 50),
      (i) => (i === 30 ? 10_000_000 : 1_000_000),
    );
    const r = computeVolumeMetrics(crash, crash[30]!.date);
    expect(codes(r)).not.toContain('split_suspected');
    expect(r.metrics!.momentum).toBeCloseTo(-0.5, 12);
  });

  it.each([
    ['a 1:10 reverse split', 10, 0.1, 10],
    ['a 2:1 split', 0.5, 2, 0.5],
    ['a 3:1 split with a 2% move', 0.34, 3, 1 / 3],
  ])('detects %s', (_name, priceRatio, volumeRatio, factor) => {
    const bars = series(
      '2021-01-04',
      30,
      (i) => (i >= 25 ? 40 * priceRatio : 40),
      (i) => (i >= 25 ? 1e6 * volumeRatio : 1e6),
    );
    const splits = detectSplits(bars);
    expect(splits).toHaveLength(1);
    expect(splits[0]).toMatchObject({ index: 25, date: bars[25]!.date });
    expect(splits[0]!.priceFactor).toBeCloseTo(factor, 12);
  });

  it('detects an AAPL-like 4:1 split on a busy day (1.5× usual dollar volume, −3% residual move)', () => {
    const bars = series(
      '2020-07-31',
      22,
      (i) => (i === 21 ? 129.04 : 499.23),
      (i) => (i === 21 ? 225_700_000 : 40_000_000),
    );
    expect(detectSplits(bars).map((s) => s.priceFactor)).toEqual([0.25]);
  });

  it('does not take a second leg up after a squeeze for a reverse split (GME, February 2021)', () => {
    // the window holds a squeeze at several times today's price and volume; today doubles on 2.5× the median volume
    const close = (i: number) => (i < 5 ? 300 : i < 20 ? 45 : 92);
    const volume = (i: number) => (i < 5 ? 100e6 : i < 20 ? 30e6 : 75e6);
    const bars = series('2021-01-25', 21, close, volume);
    expect(detectSplits(bars)).toEqual([]);
    expect(computeVolumeMetrics(bars, last(bars).date).metrics!.momentum).toBeCloseTo(92 / 45 - 1, 12);
  });

  it('ignores ordinary days', () => {
    expect(detectSplits(series('2021-01-04', 60, wave))).toEqual([]);
  });
});

describe('no NaN or Infinity in any output', () => {
  const cases: [string, OhlcvBar[], string][] = [
    ['thin', series('2021-06-01', 5, (i) => 10 + i), '2021-06-07'],
    [
      'zero volume',
      series(
        '2021-03-01',
        30,
        () => 4,
        () => 0,
      ),
      '2021-04-30',
    ],
    ['hole', series('2020-09-01', 120, wave).filter((b) => !b.date.startsWith('2020-12')), '2021-01-05'],
    ['split', series('2021-01-04', 45, (i) => (i >= 30 ? 25 : 100)), '2021-03-10'],
    ['one bar', series('2021-01-04', 1, () => 1), '2021-01-04'],
    [
      'two bars, second zero volume',
      series(
        '2021-01-04',
        2,
        () => 1,
        (i) => i,
      ),
      '2021-01-05',
    ],
    [
      'missing OHLC everywhere',
      series('2021-01-04', 30, wave).map((b) => ({ ...b, open: null, high: null, low: null })),
      '2021-03-01',
    ],
  ];
  it.each(cases)('%s', (_name, bars, asOf) => {
    expect(nonFinitePaths(computeVolumeMetrics(bars, asOf))).toEqual([]);
  });
});

describe.skipIf(!hasSharedData)('on the real development set (../shared/data/meme-2020-2021)', () => {
  const load = (symbol: string): OhlcvBar[] =>
    readFileSync(sharedPath('meme-2020-2021/prices', `${symbol}.csv`), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [date, open, high, low, close, , volume] = line.split(',');
        return { date: date!, open: +open!, high: +high!, low: +low!, close: +close!, volume: +volume! };
      });

  it.each(['AAPL', 'GME', 'SPY', 'TSLA'])('%s: finite metrics every day, no split on adjusted data', (symbol) => {
    const bars = load(symbol);
    for (const b of bars.slice(25)) {
      const r = computeVolumeMetrics(bars, b.date);
      expect(nonFinitePaths(r), `${symbol} ${b.date}`).toEqual([]);
      expect(codes(r), `${symbol} ${b.date}`).not.toContain('split_suspected');
    }
  });

  it('AAPL in early January 2021 reports the December hole', () => {
    expect(flag(computeVolumeMetrics(load('AAPL'), '2021-01-05'), 'data_hole')!.message).toContain(
      '2020-12-01 to 2020-12-31',
    );
  });
});
