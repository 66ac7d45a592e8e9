// The chart model: what a chart shows, as plain data built by pure functions (ticker-chart.model.ts)
// and drawn by one renderer (chart-render.ts). Tests read the model, not pixels. Every series is
// aligned to the chart's one date axis (`dates`): values[i] belongs to dates[i], and null is a gap —
// missing data is never drawn as zero, and the panel carries a note saying what is missing.

export const CHART_RANGES = ['1m', '3m', '6m', '1y'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
/** The range a chart shows when nobody chose one (a user's /settings chart range overrides it in chat). */
export const DEFAULT_CHART_RANGE: ChartRange = '3m';

/** Calendar days each range looks back from asOf. */
export const RANGE_DAYS: Readonly<Record<ChartRange, number>> = { '1m': 31, '3m': 92, '6m': 183, '1y': 365 };

export function isChartRange(x: string): x is ChartRange {
  return (CHART_RANGES as readonly string[]).includes(x);
}

/** left: the panel's own unit; right: a second unit (volume under the price, days to cover, ...) */
export type AxisSide = 'left' | 'right';

/** How an axis prints its ticks. */
export type AxisFormat = 'price' | 'shares' | 'percent' | 'number' | 'days' | 'score';

export interface AxisSpec {
  title: string;
  format: AxisFormat;
  min?: number;
  max?: number;
  /** a log scale (prices that moved tenfold read as moves, not a flat line and a spike) */
  log?: boolean;
  /** the axis scale stretched so its data fills only the lower share of the panel (volume bars) */
  fillFraction?: number;
}

interface SeriesBase {
  id: string;
  label: string;
  color: string;
  axis: AxisSide;
}

export type ChartSeries =
  | (SeriesBase & {
      kind: 'line';
      values: (number | null)[];
      step?: boolean;
      dashed?: boolean;
      width?: number;
      /** a dot on every value: solid (live scores) or hollow (backtest scores) */
      points?: 'solid' | 'hollow';
      /** false: dots only, no line between them */
      joined?: boolean;
    })
  | (SeriesBase & { kind: 'bar'; values: (number | null)[] })
  /** OHLC as a floating body (open..close) over a wick (low..high); up days `color`, down days `downColor` */
  | (SeriesBase & {
      kind: 'candles';
      downColor: string;
      open: (number | null)[];
      high: (number | null)[];
      low: (number | null)[];
      close: (number | null)[];
    })
  /** a shaded range between two lines (the 60-day ±2σ band of the short ratio) */
  | (SeriesBase & { kind: 'band'; lower: (number | null)[]; upper: (number | null)[] });

export interface Threshold {
  label: string;
  value: number;
  color: string;
  axis: AxisSide;
}

/** A point event on the axis: an alert that fired. */
export interface Marker {
  index: number;
  date: string;
  value: number;
  label: string;
  color: string;
}

export type PanelId = 'price' | 'short_volume' | 'short_interest' | 'score' | 'off_exchange' | 'borrow' | 'fails';

export interface Panel {
  id: PanelId;
  title: string;
  /** relative height among the panels */
  weight: number;
  left: AxisSpec;
  right?: AxisSpec;
  series: ChartSeries[];
  thresholds: Threshold[];
  markers: Marker[];
  /** what is missing or how to read it; shown under the panel title */
  notes: string[];
  /** nothing to draw: the panel is a box with its notes */
  empty: boolean;
}

export interface ChartModel {
  title: string;
  subtitle: string;
  /** the shared date axis: trading days, oldest first */
  dates: string[];
  panels: Panel[];
  /** chart-wide notes: one line naming the panels left out and why, first */
  notes: string[];
  /** panels not drawn, in panel order, each with why in a few words ("no borrow data") */
  leftOut: LeftOut[];
}

export interface LeftOut {
  id: PanelId;
  /** why in a few words ("no borrow data"); absent: it had data but no room (the phone chart) */
  reason?: string;
}

/** A panel's short name, as the phone chart titles it and the left-out line names it. */
export const PANEL_NAME: Readonly<Record<PanelId, string>> = {
  price: 'Price and volume',
  short_volume: 'Short ratio (FINRA)',
  short_interest: 'Short interest',
  score: 'Squeeze score',
  off_exchange: 'Off-exchange',
  borrow: 'Borrow',
  fails: 'Fails to deliver',
};

/** The one line naming the panels left out (the chart's first note and the phone photo's caption). */
export function leftOutLine(leftOut: readonly LeftOut[]): string | null {
  const parts = leftOut.flatMap((l) => (l.reason ? [l.reason] : []));
  const room = leftOut.filter((l) => !l.reason).map((l) => PANEL_NAME[l.id].replace(/ \(.*\)$/, '').toLowerCase());
  if (room.length) parts.push(`no room for ${room.join(', ')} (the full chart has them)`);
  return parts.length ? `Left out: ${parts.join('; ')}.` : null;
}

/** A panel with nothing to draw, saying why. */
export function emptyPanel(
  id: PanelId,
  title: string,
  weight: number,
  note: string,
  left: AxisSpec = { title: '', format: 'number' },
): Panel {
  return { id, title, weight, left, series: [], thresholds: [], markers: [], notes: [note], empty: true };
}

/** How many values of a series are present (not gaps). */
export function presentCount(values: readonly (number | null)[]): number {
  let n = 0;
  for (const v of values) if (v !== null) n++;
  return n;
}
