import type { Chart, Plugin } from 'chart.js';
import { CHART_COLORS, drawingContext, type AnyChartConfig } from './chart-canvas';
import { FULL_LAYOUT, type ChartLayout } from './chart-layout';
import { dateTicks, looksLikeDates } from './chart-format';
import type { AxisSpec, Panel } from './chart-model';
import { axis, hiddenAxis } from './panel-axes';
import { line, seriesDatasets, type AnyDataset } from './panel-datasets';

// One panel of a ChartModel as a Chart.js configuration: its series, threshold lines and markers, y
// axes of fixed widths on both sides (so a date sits at the same x in every panel) and the date grid.

/** One panel as a Chart.js configuration over the shared date labels. */
export function panelConfig(
  panel: Panel,
  labels: string[],
  layout: ChartLayout = FULL_LAYOUT,
  /** false: the date labels left to the bottom panel (the phone chart's panels are close together) */
  dateLabels = true,
): AnyChartConfig {
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
    });
  }
  if (layout.scale !== 1) for (const d of datasets) scaleStrokes(d as unknown as Record<string, unknown>, layout.scale);
  const ticks = looksLikeDates(labels) ? dateTicks(labels, layout.dateLabels) : null;
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
    plugins: [...(ticks ? [dateGrid(ticks)] : []), legendGap(layout.font.tick / 2)],
    options: {
      // one point per axis index, in order: lets Chart.js skip sorting and de-duplicating
      normalized: true,
      layout: { padding: { left: layout.pad, right: layout.pad, top: 2, bottom: 4 } },
      plugins: {
        title: {
          display: !!panel.title,
          text: panel.title,
          align: 'start',
          font: { size: layout.font.panelTitle, weight: 'bold' },
          padding: { top: 6, bottom: panel.notes.length ? 2 : 4 },
        },
        subtitle: {
          display: panel.notes.length > 0,
          text: panel.notes,
          align: 'start',
          color: CHART_COLORS.muted,
          font: { size: layout.font.note },
          padding: { bottom: 4 },
        },
        legend: {
          display: true,
          align: 'start',
          labels: {
            boxWidth: 14 * layout.scale,
            boxHeight: 10 * layout.scale,
            padding: 8 * layout.scale,
            font: { size: layout.font.label },
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
            display: dateLabels,
            autoSkip: ticks === null,
            maxRotation: 0,
            color: CHART_COLORS.muted,
            font: { size: layout.font.tick },
            callback: (_v, i) => (ticks === null ? labels[i] : (ticks.get(i) ?? null)),
          },
        },
        y: axis(panel.left, 'left', fill(panel.left, 'left'), layout),
        y1: panel.right ? axis(panel.right, 'right', fill(panel.right, 'right'), layout) : hiddenAxis(layout),
      },
    },
  };
}

/** Line widths, dashes and point sizes drawn `k` times larger (the phone chart is shown at a third). */
function scaleStrokes(d: Record<string, unknown>, k: number): void {
  const times = (v: unknown): unknown =>
    typeof v === 'number'
      ? v * k
      : Array.isArray(v)
        ? (v as unknown[]).map((x): unknown => (typeof x === 'number' ? x * k : x))
        : v;
  for (const key of ['borderWidth', 'pointRadius', 'pointBorderWidth', 'barThickness', 'borderDash', 'minBarLength'])
    if (key in d) d[key] = times(d[key]);
}

/**
 * Room under the legend for half the top y label, which Chart.js centres on the top of the plot and
 * would otherwise draw into the legend's last row.
 */
function legendGap(px: number): Plugin {
  return {
    id: 'legendGap',
    beforeInit(chart: Chart) {
      const legend = chart.legend;
      if (!legend) return;
      const fit = legend.fit.bind(legend);
      legend.fit = () => {
        fit();
        legend.height += px;
      };
    },
  };
}

/** Vertical grid lines under the data at the labelled dates, the same in every panel. */
function dateGrid(ticks: Map<number, string>): Plugin {
  return {
    id: 'dateGrid',
    beforeDatasetsDraw(chart: Chart) {
      const { chartArea, scales } = chart;
      const ctx = drawingContext(chart);
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
