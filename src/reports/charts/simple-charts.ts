import type { Canvas } from '@napi-rs/canvas';
import type { Chart, Plugin } from 'chart.js';
import {
  CHART_COLORS,
  FONT_SIZE,
  drawChart,
  drawingContext,
  font,
  toPng,
  whiteCanvas,
  type AnyChartConfig,
} from './chart-canvas';
import { CHART_WIDTH, renderChartModel } from './chart-render';
import { formatValue } from './chart-format';
import type { AxisFormat, ChartModel, ChartSeries } from './chart-model';

// Small generic charts for reports (score trends, funnel bars), drawn with the same fonts, colours
// and date ticks as the ticker chart.

const PALETTE = [
  CHART_COLORS.blue,
  CHART_COLORS.orange,
  CHART_COLORS.green,
  CHART_COLORS.red,
  CHART_COLORS.purple,
  CHART_COLORS.brown,
  CHART_COLORS.teal,
  CHART_COLORS.grey,
];

export interface LineSpec {
  label: string;
  /** aligned to `labels`; null is a gap */
  values: (number | null)[];
  color?: string;
  dashed?: boolean;
  step?: boolean;
  axis?: 'left' | 'right';
}

export interface LineChartOptions {
  title: string;
  subtitle?: string;
  /** x labels; ISO dates get date ticks */
  labels: string[];
  series: LineSpec[];
  format?: AxisFormat;
  axisTitle?: string;
  /** a second axis for series with axis 'right' */
  right?: { title: string; format: AxisFormat };
  thresholds?: { label: string; value: number; color?: string }[];
  min?: number;
  max?: number;
  notes?: string[];
  width?: number;
  /** plot height in panel units of 105 px; 3 by default */
  weight?: number;
}

export function renderLineChart(o: LineChartOptions): Buffer {
  const series: ChartSeries[] = o.series.map((s, i) => ({
    kind: 'line',
    id: `s${i}`,
    label: s.label,
    values: s.values,
    color: s.color ?? PALETTE[i % PALETTE.length]!,
    axis: s.axis ?? 'left',
    dashed: s.dashed,
    step: s.step,
  }));
  const model: ChartModel = {
    title: o.title,
    subtitle: o.subtitle ?? '',
    dates: o.labels,
    notes: [],
    leftOut: [],
    panels: [
      {
        id: 'score',
        title: '',
        weight: o.weight ?? 3,
        empty: false,
        notes: o.notes ?? [],
        markers: [],
        series,
        left: { title: o.axisTitle ?? '', format: o.format ?? 'number', min: o.min, max: o.max },
        right: o.right,
        thresholds: (o.thresholds ?? []).map((t, i) => ({
          label: t.label,
          value: t.value,
          color: t.color ?? PALETTE[(i + 3) % PALETTE.length]!,
          axis: 'left',
        })),
      },
    ],
  };
  return renderChartModel(model, { width: o.width });
}

export interface BarChartOptions {
  title: string;
  subtitle?: string;
  labels: string[];
  series: { label: string; values: (number | null)[]; color?: string }[];
  format?: AxisFormat;
  /** bars run left to right, one row per label (funnels read best this way) */
  horizontal?: boolean;
  width?: number;
  height?: number;
}

const HEADER = 70;

/** A bar chart with each bar's value printed at its end. */
export function renderBarChart(o: BarChartOptions): Buffer {
  const width = Math.max(1000, o.width ?? CHART_WIDTH);
  const height = Math.max(
    300,
    o.height ?? (o.horizontal ? 90 + o.labels.length * 44 * Math.max(1, o.series.length) : 520),
  );
  const format = o.format ?? 'number';
  const valueLabels: Plugin<'bar'> = {
    id: 'valueLabels',
    afterDatasetsDraw(chart: Chart<'bar'>) {
      const ctx = drawingContext(chart);
      ctx.save();
      ctx.font = font(FONT_SIZE.label);
      ctx.fillStyle = CHART_COLORS.text;
      chart.data.datasets.forEach((ds, di) => {
        chart.getDatasetMeta(di).data.forEach((el, i) => {
          const v = ds.data[i] as number | null;
          if (v === null || v === undefined) return;
          const text = formatValue(v, format);
          if (o.horizontal) ctx.fillText(text, el.x + 6, el.y + 4);
          else ctx.fillText(text, el.x - ctx.measureText(text).width / 2, el.y - 6);
        });
      });
      ctx.restore();
    },
  };
  const config = {
    type: 'bar',
    data: {
      labels: o.labels,
      datasets: o.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.color ?? PALETTE[i % PALETTE.length],
      })),
    },
    options: {
      indexAxis: o.horizontal ? 'y' : 'x',
      layout: { padding: { left: 12, right: 70, top: 18, bottom: 8 } },
      plugins: { legend: { display: o.series.length > 1, align: 'start' } },
      scales: {
        [o.horizontal ? 'x' : 'y']: {
          beginAtZero: true,
          grid: { color: CHART_COLORS.grid },
          ticks: { font: { size: 13 }, callback: (v: number | string) => formatValue(Number(v), format) },
        },
        [o.horizontal ? 'y' : 'x']: {
          grid: { display: false },
          ticks: { font: { size: 13 }, maxRotation: 0, autoSkip: false },
        },
      },
    },
    plugins: [valueLabels],
  } as unknown as AnyChartConfig;
  const canvas = whiteCanvas(width, HEADER + height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = CHART_COLORS.text;
  ctx.font = font(FONT_SIZE.title, true);
  ctx.fillText(o.title, 12, 32);
  if (o.subtitle) {
    ctx.fillStyle = CHART_COLORS.muted;
    ctx.font = font(14);
    ctx.fillText(o.subtitle, 12, 56);
  }
  drawChart(width, height, config, (c: Canvas) => ctx.drawImage(c, 0, HEADER));
  return toPng(canvas);
}
