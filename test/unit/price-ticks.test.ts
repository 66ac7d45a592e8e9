import { describe, expect, it } from 'vitest';
import type { Scale } from 'chart.js';
import { drawChart } from '../../src/reports/charts/chart-canvas';
import { chartLib } from '../../src/reports/charts/chart-libs';
import { PHONE_LAYOUT } from '../../src/reports/charts/chart-layout';
import type { Panel } from '../../src/reports/charts/chart-model';
import { panelConfig } from '../../src/reports/charts/panel-config';
import { linearTicks, logTicks, MIN_LABELS, priceTicks } from '../../src/reports/charts/price-ticks';

// Price axis labels a trader can read a $2 → $5 move off: every visible order of magnitude labelled,
// at least MIN_LABELS in view, no stretch of the axis without a label.

const RANGES: [number, number][] = [
  [1.2, 4.8],
  [2, 5],
  [40, 480],
  [0.05, 0.3],
  [2.6, 64],
  [12, 380],
  [0.9, 1.1],
];

describe('price ticks', () => {
  for (const [min, max] of RANGES) {
    it(`labels $${min}–$${max} on a log axis at least ${MIN_LABELS} times with no gap over 2×`, () => {
      const t = logTicks(min, max);
      expect(t.length).toBeGreaterThanOrEqual(MIN_LABELS);
      expect(t.every((v) => v >= min && v <= max)).toBe(true);
      expect([...t].sort((a, b) => a - b)).toEqual(t);
      // from the bottom of the axis to the first label, between labels, and from the last to the top
      const edges = [min, ...t, max];
      for (let i = 1; i < edges.length; i++) expect(edges[i]! / edges[i - 1]!).toBeLessThanOrEqual(2.0001);
    });

    it(`labels $${min}–$${max} on a linear axis at least ${MIN_LABELS} times, a third of the range apart at most`, () => {
      const t = linearTicks(min, max);
      expect(t.length).toBeGreaterThanOrEqual(MIN_LABELS);
      expect(t.length).toBeLessThanOrEqual(10);
      expect(t.every((v) => v >= min && v <= max)).toBe(true);
      const edges = [min, ...t, max];
      for (let i = 1; i < edges.length; i++)
        expect(edges[i]! - edges[i - 1]!).toBeLessThanOrEqual((max - min) / 3 + 1e-9);
    });
  }

  it('labels 1, 2, 3 and 5 of each decade on a log axis when those suffice', () => {
    expect(logTicks(2.6, 64)).toEqual([3, 5, 10, 20, 30, 50]);
    expect(logTicks(0.05, 0.3)).toEqual([0.05, 0.1, 0.2, 0.3]);
    // a $2–5 move keeps its labels: finer mantissas where 1-2-3-5 leave too few
    expect(logTicks(2, 5)).toEqual([2, 3, 4, 5]);
  });

  it('uses nice linear steps', () => {
    expect(linearTicks(2, 5)).toEqual([2, 3, 4, 5]);
    expect(linearTicks(1.2, 4.8)).toEqual([1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
  });

  it('returns nothing for an empty or inverted range', () => {
    expect(priceTicks(5, 5, false)).toEqual([]);
    expect(priceTicks(0, 5, true)).toEqual([]);
  });

  it('is what the price panel config hands Chart.js, at phone size', () => {
    const panel: Panel = {
      id: 'price',
      title: 'Price and volume',
      weight: 3,
      left: { title: 'price (log)', format: 'price', log: true, min: 2, max: 5 },
      series: [],
      thresholds: [],
      markers: [],
      notes: [],
      empty: false,
    };
    const y = panelConfig(panel, ['2021-01-26', '2021-01-27'], PHONE_LAYOUT).options!.scales!.y as {
      afterBuildTicks: (s: Scale) => void;
      ticks: { font: { size: number }; callback: (v: number) => string };
    };
    const scale = { min: 2, max: 5, ticks: [] } as unknown as Scale;
    y.afterBuildTicks(scale);
    expect(scale.ticks.map((t) => t.value)).toEqual(priceTicks(2, 5, true));
    expect(scale.ticks.map((t) => y.ticks.callback(t.value))).toEqual(['$2', '$3', '$4', '$5']);
    // readable when Telegram shows the 1080 px photo 390 px wide
    expect(y.ticks.font.size).toBeGreaterThanOrEqual(30);
  });

  // the axis as Chart.js lays it out on a phone panel: its bounds, then the labels drawn inside them
  for (const [min, max, log] of [
    [1.2, 4.8, false],
    [2, 5, false],
    [40, 480, true],
    [0.05, 0.3, true],
  ] as const)
    it(`draws ≥ ${MIN_LABELS} labels in view on a phone price panel over $${min}–$${max}${log ? ' (log)' : ''}`, () => {
      const labels = Array.from({ length: 20 }, (_, i) => `2021-01-${String(i + 4).padStart(2, '0')}`);
      const values = labels.map((_, i) => min + ((max - min) * i) / (labels.length - 1));
      const panel: Panel = {
        id: 'price',
        title: 'Price and volume',
        weight: 5,
        left: log
          ? { title: '', format: 'price', log, min: min * 0.92, max: max * 1.12 }
          : { title: '', format: 'price' },
        series: [{ kind: 'line', id: 'close', label: 'close', color: '#000', axis: 'left', values }],
        thresholds: [],
        markers: [],
        notes: [],
        empty: false,
      };
      const { lo, hi, ticks } = drawChart(PHONE_LAYOUT.width, 500, panelConfig(panel, labels, PHONE_LAYOUT), (c) => {
        const y = chartLib().Chart.getChart(c)!.scales.y!;
        return { lo: y.min, hi: y.max, ticks: y.ticks.map((t) => ({ value: t.value, label: String(t.label) })) };
      });
      expect(ticks.map((t) => t.value)).toEqual(priceTicks(lo, hi, log));
      const inData = ticks.filter((t) => t.value >= min && t.value <= max);
      expect(inData.length).toBeGreaterThanOrEqual(MIN_LABELS - 1);
      expect(ticks.length).toBeGreaterThanOrEqual(MIN_LABELS);
      expect(ticks.every((t) => t.label.startsWith('$'))).toBe(true);
    });
});
