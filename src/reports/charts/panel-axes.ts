import type { Scale } from 'chart.js';
import { CHART_COLORS } from './chart-canvas';
import { formatValue } from './chart-format';
import { AXIS_WIDTH } from './chart-layout';
import type { AxisSpec } from './chart-model';

// A panel's y axes: fixed widths on both sides so a date sits at the same x in every panel, log axes
// labelled at 1, 2 and 5 of each decade, and a hidden axis where a side has no series.

const fixWidth = (s: Scale): void => {
  s.width = AXIS_WIDTH;
};

/** Log ticks at 1, 2 and 5 of each decade only, so they never crowd. */
function logMajor(x: number): boolean {
  const m = x / 10 ** Math.floor(Math.log10(x) + 1e-9);
  return [1, 2, 5].some((k) => Math.abs(m - k) < 1e-6);
}

export function axis(spec: AxisSpec, side: 'left' | 'right', fillMax?: number) {
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

export function hiddenAxis() {
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
