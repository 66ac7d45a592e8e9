import type { Scale } from 'chart.js';
import { CHART_COLORS } from './chart-canvas';
import { formatValue } from './chart-format';
import { FULL_LAYOUT, type ChartLayout } from './chart-layout';
import type { AxisSpec } from './chart-model';
import { priceTicks } from './price-ticks';

// A panel's y axes: fixed widths on both sides so a date sits at the same x in every panel, price axes
// ticked by price-ticks.ts (every order of magnitude in view labelled), and a hidden axis where a side
// has no series.

export function axis(spec: AxisSpec, side: 'left' | 'right', fillMax?: number, layout: ChartLayout = FULL_LAYOUT) {
  const fixWidth = (s: Scale): void => {
    s.width = layout.axisWidth;
  };
  const label = (v: number | string): string => formatValue(Number(v), spec.format);
  const stretched = fillMax && spec.fillFraction;
  const isPrice = spec.format === 'price';
  return {
    type: spec.log ? ('logarithmic' as const) : ('linear' as const),
    position: side,
    min: spec.min ?? (spec.fillFraction ? 0 : undefined),
    // the chart's base type is bar, whose value axes start at zero: a price axis must not
    beginAtZero: spec.min === 0 || !!spec.fillFraction,
    max: fillMax ?? spec.max,
    grace: spec.min === undefined && spec.max === undefined ? '4%' : 0,
    grid: { drawOnChartArea: side === 'left', color: CHART_COLORS.grid },
    title: {
      display: !!spec.title && layout.axisTitles,
      text: spec.title,
      font: { size: layout.font.tick * 0.9 },
      color: CHART_COLORS.muted,
      padding: 2,
    },
    // price ticks are chosen by priceTicks: Chart.js's own thinning would drop some of them
    ticks: {
      maxTicksLimit: isPrice ? 60 : layout === FULL_LAYOUT ? 6 : 5,
      autoSkip: !isPrice,
      font: { size: layout.font.tick },
      callback: label,
    },
    afterBuildTicks: stretched
      ? // a stretched axis (volume under the price) ticks only where its data is: 0, half and the top
        (s: Scale) => {
          const top = fillMax * spec.fillFraction!;
          s.ticks = layout === FULL_LAYOUT ? [{ value: 0 }, { value: top / 2 }, { value: top }] : [{ value: top }];
        }
      : isPrice
        ? (s: Scale) => {
            s.ticks = priceTicks(s.min, s.max, !!spec.log).map((value) => ({ value }));
          }
        : undefined,
    afterFit: fixWidth,
  };
}

export function hiddenAxis(layout: ChartLayout = FULL_LAYOUT) {
  return {
    type: 'linear' as const,
    position: 'right' as const,
    display: true,
    grid: { display: false },
    border: { display: false },
    ticks: { display: false },
    afterFit: (s: Scale): void => {
      s.width = layout.axisWidth;
    },
  };
}
