import type { ChartDataset } from 'chart.js';
import type { ChartSeries } from './chart-model';

// A panel's series as Chart.js datasets: lines, bars and bands with their colours and axes.

export type AnyDataset = ChartDataset<'bar' | 'line', unknown[]>;

export function line(
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
  };
}

export function seriesDatasets(s: ChartSeries): AnyDataset[] {
  const yAxisID = s.axis === 'left' ? 'y' : 'y1';
  switch (s.kind) {
    case 'line':
      return [
        line(s.label, s.values, s.color, s.axis, {
          stepped: s.step ? 'after' : false,
          borderDash: s.dashed ? [7, 4] : [],
          borderWidth: s.width ?? 2,
          ...(s.points
            ? {
                pointStyle: 'circle',
                pointRadius: 4,
                pointBorderWidth: 1.5,
                // the legend swatch: filled for live, an outline for backtest
                borderWidth: s.points === 'hollow' ? 1.5 : (s.width ?? 2),
                pointBorderColor: s.color,
                pointBackgroundColor: s.points === 'hollow' ? '#ffffff' : s.color,
                backgroundColor: s.points === 'hollow' ? '#ffffff' : s.color,
              }
            : {}),
          ...(s.joined === false ? { showLine: false } : {}),
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
        },
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
        },
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
        },
      ];
    }
  }
}
