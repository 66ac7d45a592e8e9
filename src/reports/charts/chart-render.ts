import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, ChartDataset, Plugin, Scale } from 'chart.js';
import { CHART_COLORS, FONT_SIZE, drawChart, font, toPng, whiteCanvas, type AnyChartConfig } from './chart-canvas';
import { dateTicks, formatValue, looksLikeDates } from './chart-format';
import type { AxisSpec, ChartModel, ChartSeries, Panel } from './chart-model';

// Draws a ChartModel: a header, then each panel as its own Chart.js chart stacked on one white
// canvas. Panels share the date axis because every panel gets the same labels, the same x offset and
// y axes of fixed widths on both sides, so a date sits at the same x in every panel.

export const CHART_WIDTH = 1200;
const AXIS_WIDTH = 86;
const PAD = 12;
const UNIT = 105; // px per panel weight
const HEADER = 78;
const LINE = 19;

export interface RenderOptions {
  width?: number;
}

export function renderChartModel(model: ChartModel, options: RenderOptions = {}): Buffer {
  const width = Math.max(1000, options.width ?? CHART_WIDTH);
  const heights = model.panels.map((p) => panelHeight(p));
  const footer = model.notes.length ? model.notes.length * LINE + PAD * 2 : PAD;
  const canvas = whiteCanvas(width, HEADER + heights.reduce((a, b) => a + b, 0) + footer);
  const ctx = canvas.getContext('2d');
  drawHeader(ctx, model, width);
  let y = HEADER;
  model.panels.forEach((panel, i) => {
    if (panel.empty) drawEmptyPanel(ctx, panel, y, width, heights[i]!);
    else drawChart(width, heights[i]!, panelConfig(panel, model.dates), (c: Canvas) => ctx.drawImage(c, 0, y));
    y += heights[i]!;
  });
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(FONT_SIZE.note);
  model.notes.forEach((n, i) => ctx.fillText(n, PAD, y + PAD + (i + 1) * LINE - 5));
  return toPng(canvas);
}

/** The pixel height a panel is drawn at (tests check the PNG's height against it). */
export function panelHeight(p: Panel): number {
  if (p.empty) return 34 + p.notes.length * LINE + 56;
  return 34 + p.notes.length * LINE + 30 + p.weight * UNIT + 30;
}

export function chartHeight(model: ChartModel): number {
  return (
    HEADER +
    model.panels.reduce((a, p) => a + panelHeight(p), 0) +
    (model.notes.length ? model.notes.length * LINE + PAD * 2 : PAD)
  );
}

function drawHeader(ctx: SKRSContext2D, model: ChartModel, width: number): void {
  ctx.fillStyle = CHART_COLORS.text;
  ctx.font = font(FONT_SIZE.title, true);
  ctx.fillText(model.title, PAD, 34);
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(14);
  ctx.fillText(model.subtitle, PAD, 60);
  ctx.strokeStyle = CHART_COLORS.frame;
  ctx.beginPath();
  ctx.moveTo(PAD, HEADER - 6);
  ctx.lineTo(width - PAD, HEADER - 6);
  ctx.stroke();
}

function drawEmptyPanel(ctx: SKRSContext2D, panel: Panel, y: number, width: number, height: number): void {
  ctx.fillStyle = CHART_COLORS.text;
  ctx.font = font(FONT_SIZE.panelTitle, true);
  ctx.fillText(panel.title, PAD, y + 24);
  const left = PAD + AXIS_WIDTH;
  const boxTop = y + 34;
  const boxH = height - 44;
  ctx.strokeStyle = CHART_COLORS.frame;
  ctx.setLineDash([5, 4]);
  ctx.strokeRect(left, boxTop, width - 2 * left, boxH);
  ctx.setLineDash([]);
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(FONT_SIZE.note);
  ctx.textAlign = 'center';
  panel.notes.forEach((n, i) =>
    ctx.fillText(n, width / 2, boxTop + boxH / 2 - ((panel.notes.length - 1) * LINE) / 2 + i * LINE + 5),
  );
  ctx.textAlign = 'left';
}

type AnyDataset = ChartDataset<'bar' | 'line', unknown[]>;

function panelConfig(panel: Panel, labels: string[]): AnyChartConfig {
  const datasets: AnyDataset[] = [];
  for (const s of panel.series) datasets.push(...seriesDatasets(s));
  for (const t of panel.thresholds) {
    datasets.push(
      line(
        `${t.label}`,
        labels.map(() => t.value),
        t.color,
        t.axis,
        { borderDash: [6, 4], borderWidth: 1.5, order: 0 },
      ),
    );
  }
  const groups = new Map<string, Panel['markers']>();
  for (const m of panel.markers)
    groups.set(`${m.label}\u0000${m.color}`, [...(groups.get(`${m.label}\u0000${m.color}`) ?? []), m]);
  for (const [key, ms] of groups) {
    const data: (number | null)[] = labels.map(() => null);
    for (const m of ms) data[m.index] = m.value;
    const color = key.split('\u0000')[1]!;
    datasets.push({
      type: 'line',
      label: key.split('\u0000')[0],
      data,
      yAxisID: 'y',
      showLine: false,
      order: -1,
      pointStyle: 'triangle',
      pointRadius: 8,
      pointBackgroundColor: color,
      pointBorderColor: '#333333',
      borderColor: color,
      backgroundColor: color,
    } as AnyDataset);
  }
  const ticks = looksLikeDates(labels) ? dateTicks(labels) : null;
  const fill = (spec: AxisSpec | undefined, side: 'left' | 'right'): number | undefined => {
    if (!spec?.fillFraction) return undefined;
    let max = 0;
    for (const s of panel.series)
      if (s.axis === side && (s.kind === 'bar' || s.kind === 'line'))
        for (const v of s.values) if (v !== null && v > max) max = v;
    return max > 0 ? max / spec.fillFraction : undefined;
  };
  return {
    type: 'bar',
    data: { labels, datasets },
    plugins: ticks ? [dateGrid(ticks)] : [],
    options: {
      // one point per axis index, in order: lets Chart.js skip sorting and de-duplicating
      normalized: true,
      layout: { padding: { left: PAD, right: PAD, top: 2, bottom: 4 } },
      plugins: {
        title: {
          display: !!panel.title,
          text: panel.title,
          align: 'start',
          font: { size: FONT_SIZE.panelTitle, weight: 'bold' },
          padding: { top: 6, bottom: panel.notes.length ? 2 : 4 },
        },
        subtitle: {
          display: panel.notes.length > 0,
          text: panel.notes,
          align: 'start',
          color: CHART_COLORS.muted,
          font: { size: FONT_SIZE.note },
          padding: { bottom: 4 },
        },
        legend: {
          display: true,
          align: 'start',
          labels: {
            boxWidth: 14,
            boxHeight: 10,
            padding: 10,
            font: { size: FONT_SIZE.label },
            filter: (item) => !!item.text,
            sort: (a, b) => a.datasetIndex! - b.datasetIndex!,
          },
        },
      },
      scales: {
        x: {
          type: 'category',
          offset: true,
          // Chart.js thins category grid lines on its own; dateGrid draws one per labelled date instead
          grid: { display: ticks === null, color: CHART_COLORS.grid },
          ticks: {
            autoSkip: ticks === null,
            maxRotation: 0,
            color: CHART_COLORS.muted,
            font: { size: 12 },
            callback: (_v, i) => (ticks === null ? labels[i] : (ticks.get(i) ?? null)),
          },
        },
        y: axis(panel.left, 'left', fill(panel.left, 'left')),
        y1: panel.right ? axis(panel.right, 'right', fill(panel.right, 'right')) : hiddenAxis(),
      },
    },
  } as AnyChartConfig;
}

/** Vertical grid lines under the data at the labelled dates, the same in every panel. */
function dateGrid(ticks: Map<number, string>): Plugin {
  return {
    id: 'dateGrid',
    beforeDatasetsDraw(chart: Chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.strokeStyle = CHART_COLORS.grid;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const i of ticks.keys()) {
        const x = Math.round(scales.x!.getPixelForValue(i)) + 0.5;
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
      }
      ctx.stroke();
      ctx.restore();
    },
  };
}

const fixWidth = (s: Scale): void => {
  s.width = AXIS_WIDTH;
};

/** Log ticks at 1, 2 and 5 of each decade only, so they never crowd. */
function logMajor(x: number): boolean {
  const m = x / 10 ** Math.floor(Math.log10(x) + 1e-9);
  return [1, 2, 5].some((k) => Math.abs(m - k) < 1e-6);
}

function axis(spec: AxisSpec, side: 'left' | 'right', fillMax?: number) {
  const label = (v: number | string): string => {
    const x = Number(v);
    if (spec.log && x > 0 && !logMajor(x)) return '';
    return formatValue(x, spec.format);
  };
  return {
    type: spec.log ? ('logarithmic' as const) : ('linear' as const),
    position: side,
    min: spec.min ?? (spec.fillFraction ? 0 : undefined),
    // the chart's base type is bar, whose value axes start at zero: a price axis must not
    beginAtZero: spec.min === 0 || !!spec.fillFraction,
    max: fillMax ?? spec.max,
    grace: spec.min === undefined && spec.max === undefined ? '4%' : 0,
    grid: {
      drawOnChartArea: side === 'left',
      color: spec.log
        ? (c: { tick?: { value: number } }) => (c.tick && logMajor(c.tick.value) ? CHART_COLORS.grid : 'transparent')
        : CHART_COLORS.grid,
    },
    title: { display: !!spec.title, text: spec.title, font: { size: 12 }, color: CHART_COLORS.muted, padding: 2 },
    // log axes label only 1-2-5 values: Chart.js's own thinning would drop those and keep blanks
    ticks: { maxTicksLimit: spec.log ? 60 : 6, autoSkip: !spec.log, font: { size: 12 }, callback: label },
    // a stretched axis (volume under the price) ticks only where its data is: 0, half and the top
    afterBuildTicks:
      fillMax && spec.fillFraction
        ? (s: Scale) => {
            const top = fillMax * spec.fillFraction!;
            s.ticks = [{ value: 0 }, { value: top / 2 }, { value: top }];
          }
        : undefined,
    afterFit: fixWidth,
  };
}

function hiddenAxis() {
  return {
    type: 'linear' as const,
    position: 'right' as const,
    display: true,
    grid: { display: false },
    border: { display: false },
    ticks: { display: false },
    afterFit: fixWidth,
  };
}

function line(
  label: string,
  data: (number | null)[],
  color: string,
  side: 'left' | 'right',
  extra: Record<string, unknown> = {},
): AnyDataset {
  // a value with gaps on both sides draws no line: give it a dot so it does not vanish
  // (a constant radius otherwise: per-point options stop Chart.js sharing one options object, and cost)
  const lone = data.map((v, i) => v !== null && (data[i - 1] ?? null) === null && (data[i + 1] ?? null) === null);
  return {
    type: 'line',
    label,
    data,
    yAxisID: side === 'left' ? 'y' : 'y1',
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    pointRadius: lone.includes(true) ? lone.map((l) => (l ? 3.5 : 0)) : 0,
    spanGaps: false,
    order: 0,
    ...extra,
  } as AnyDataset;
}

function seriesDatasets(s: ChartSeries): AnyDataset[] {
  const yAxisID = s.axis === 'left' ? 'y' : 'y1';
  switch (s.kind) {
    case 'line':
      return [
        line(s.label, s.values, s.color, s.axis, {
          stepped: s.step ? 'after' : false,
          borderDash: s.dashed ? [7, 4] : [],
          borderWidth: s.width ?? 2,
        }),
      ];
    case 'bar':
      return [
        {
          type: 'bar',
          label: s.label,
          data: s.values,
          yAxisID,
          backgroundColor: s.color,
          grouped: false,
          barPercentage: 0.9,
          categoryPercentage: 1,
          order: 4,
        } as AnyDataset,
      ];
    case 'band':
      return [
        line('', s.lower, 'transparent', s.axis, { order: 3, borderWidth: 0 }),
        line(s.label, s.upper, 'transparent', s.axis, {
          order: 3,
          borderWidth: 0,
          fill: '-1',
          backgroundColor: s.color,
        }),
      ];
    case 'candles': {
      const down = s.close.map((c, i) => c !== null && s.open[i] !== null && c < s.open[i]!);
      // scriptable, so the legend (no data index) shows the up colour
      const colors = (c: { dataIndex?: number }) =>
        c.dataIndex !== undefined && down[c.dataIndex] ? s.downColor : s.color;
      const pair = (a: (number | null)[], b: (number | null)[]) =>
        a.map((x, i) => (x === null || b[i] === null ? null : [x, b[i]!]));
      return [
        {
          type: 'bar',
          label: '',
          data: pair(s.low, s.high),
          yAxisID,
          backgroundColor: colors,
          grouped: false,
          barThickness: 1.5,
          order: 2,
        } as AnyDataset,
        {
          type: 'bar',
          label: s.label,
          data: pair(s.open, s.close),
          yAxisID,
          backgroundColor: colors,
          grouped: false,
          barPercentage: 0.75,
          categoryPercentage: 1,
          minBarLength: 1.5,
          order: 1,
        } as AnyDataset,
      ];
    }
  }
}
