import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../../src/domain/bars';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import {
  computeVolumeMetrics,
  computeVolumeMetricsOfColumns,
  type VolumeColumns,
  type VolumeDay,
} from '../../src/signals/volume-metrics';

// The column path (no object per bar) must give exactly what the object path gives on the same window,
// figures and flags alike, for every day of a series: splits, holes, close-only bars, short histories and
// the off-exchange proxy included. Where the window is not clean it must decline (null), so the object
// path's cleaning decides.

const WINDOW = 120;
const OPTIONS = { lookback: 20, momentumPeriod: 14 };

/** A seeded random walk: deterministic, with the odd large day. */
function walk(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

function columnsOf(
  n: number,
  seed: number,
  shape: (i: number, c: number, v: number) => { close: number; volume: number; closeOnly?: boolean },
) {
  const dates = tradingDaysBetween('2023-01-03', addTradingDays('2023-01-03', n + 5)).slice(0, n);
  const rnd = walk(seed);
  const c: VolumeColumns & { open: Float64Array } = {
    dates,
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let close = 10;
  for (let i = 0; i < n; i++) {
    close *= 1 + (rnd() - 0.5) * 0.08;
    const v = Math.round(1e6 * (0.5 + rnd() * (rnd() < 0.05 ? 8 : 1.5)));
    const bar = shape(i, close, v);
    c.close[i] = bar.close;
    c.volume[i] = bar.volume;
    c.open[i] = bar.closeOnly ? NaN : bar.close;
    c.high[i] = bar.closeOnly ? NaN : bar.close * (1 + rnd() * 0.03);
    c.low[i] = bar.closeOnly ? NaN : bar.close * (1 - rnd() * 0.03);
  }
  return c;
}

/** The bar objects a source hands the object path: the last WINDOW bars up to `end`. */
function windowOf(c: ReturnType<typeof columnsOf>, from: number, end: number): OhlcvBar[] {
  const out: OhlcvBar[] = [];
  for (let i = from; i < end; i++)
    out.push({
      date: c.dates[i]!,
      open: Number.isNaN(c.open[i]!) ? null : c.open[i]!,
      high: Number.isNaN(c.high[i]!) ? null : c.high[i]!,
      low: Number.isNaN(c.low[i]!) ? null : c.low[i]!,
      close: c.close[i]!,
      volume: c.volume[i]!,
    });
  return out;
}

const plain = (_i: number, close: number, volume: number) => ({ close, volume });

const cases: [string, ReturnType<typeof columnsOf>][] = [
  ['a random walk', columnsOf(260, 7, plain)],
  // a 4:1 split on day 150 (price quartered, share volume ×4) and a 1:10 reverse split on day 200
  [
    'a split and a reverse split',
    columnsOf(260, 11, (i, close, volume) =>
      i >= 200
        ? { close: close * 0.25 * 10, volume: (volume * 4) / 10 }
        : i >= 150
          ? { close: close * 0.25, volume: volume * 4 }
          : { close, volume },
    ),
  ],
  [
    'close-only bars for the last 40 days',
    columnsOf(200, 3, (i, close, volume) => ({ close, volume, closeOnly: i >= 160 })),
  ],
  ['a new listing (short history)', columnsOf(24, 5, plain)],
];

describe('volume metrics from columns', () => {
  it.each(cases)('equal the object path on every day: %s', (_name, c) => {
    let compared = 0;
    for (let end = 1; end <= c.dates.length; end++) {
      const from = Math.max(0, end - WINDOW);
      const asOf = c.dates[end - 1]!;
      const fast = computeVolumeMetricsOfColumns(c, from, end, asOf, OPTIONS);
      expect(fast, asOf).not.toBeNull();
      expect(fast, asOf).toEqual(computeVolumeMetrics(windowOf(c, from, end), asOf, OPTIONS));
      compared++;
    }
    expect(compared).toBe(c.dates.length);
  });

  it('flags the split as the object path does', () => {
    const c = cases[1]![1];
    const asOf = c.dates[160]!;
    const fast = computeVolumeMetricsOfColumns(c, 41, 161, asOf, OPTIONS)!;
    expect(fast.flags.map((f) => f.code)).toContain('split_suspected');
  });

  it('equals the object path on a stale day and across a hole in the bars', () => {
    const full = columnsOf(180, 13, plain);
    // drop sessions 170..172 (inside the last 25 bars): a hole the data_hole flag names
    const keep = full.dates.map((_, i) => i).filter((i) => i < 170 || i > 172);
    const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]!);
    const c = {
      dates: keep.map((i) => full.dates[i]!),
      open: pick(full.open),
      high: pick(full.high),
      low: pick(full.low),
      close: pick(full.close),
      volume: pick(full.volume),
    };
    const end = c.dates.length;
    const from = end - WINDOW;
    // as of a week after the last bar: stale
    const asOf = addTradingDays(c.dates[end - 1]!, 5);
    const fast = computeVolumeMetricsOfColumns(c, from, end, asOf, OPTIONS)!;
    expect(fast.flags.map((f) => f.code)).toEqual(expect.arrayContaining(['stale_bars', 'data_hole']));
    expect(fast).toEqual(computeVolumeMetrics(windowOf(c, from, end), asOf, OPTIONS));
  });

  it('equals the object path on the off-exchange proxy (too few bars)', () => {
    const c = columnsOf(12, 17, plain);
    const asOf = c.dates[11]!;
    const proxy: VolumeDay[] = tradingDaysBetween(addTradingDays(asOf, -40), asOf).map((date, i) => ({
      date,
      volume: 4e5 + i * 1e4,
    }));
    const options = { ...OPTIONS, offExchange: () => proxy };
    const fast = computeVolumeMetricsOfColumns(c, 0, 12, asOf, options)!;
    expect(fast.metrics?.volumeBasis).toBe('off_exchange');
    expect(fast).toEqual(computeVolumeMetrics(windowOf(c, 0, 12), asOf, options));
  });

  it.each([
    ['a non-positive close', (c: ReturnType<typeof columnsOf>) => (c.close[100] = 0)],
    ['a NaN volume', (c: ReturnType<typeof columnsOf>) => (c.volume[100] = NaN)],
    ['a duplicate date', (c: ReturnType<typeof columnsOf>) => ((c.dates as string[])[100] = c.dates[99]!)],
  ])('declines a window holding %s, which the object path cleans', (_name, spoil) => {
    const c = columnsOf(150, 19, plain);
    spoil(c);
    const asOf = c.dates[149]!;
    expect(computeVolumeMetricsOfColumns(c, 30, 150, asOf, OPTIONS)).toBeNull();
    // outside the spoiled bar's reach the window is clean again
    expect(computeVolumeMetricsOfColumns(c, 0, 90, c.dates[89]!, OPTIONS)).toEqual(
      computeVolumeMetrics(windowOf(c, 0, 90), c.dates[89]!, OPTIONS),
    );
  });
});
