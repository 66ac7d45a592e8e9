// The ticker chart's pixel layout, shared by the renderer (chart-render.ts) and the panel configs
// (panel-config.ts): every panel's y axes are `axisWidth` wide so the date axis lines up across panels.
// Two layouts: the full chart for files and reports, and the phone chart the chat sends, drawn at about
// three times the type size because Telegram shows it ~390 px wide.

export interface ChartLayout {
  width: number;
  /** a fixed canvas height (the phone chart) the panels share by weight; absent: each panel its own */
  height?: number;
  axisWidth: number;
  pad: number;
  /** px per panel weight (full layout) */
  unit: number;
  header: number;
  /** a line of notes */
  line: number;
  font: { title: number; subtitle: number; panelTitle: number; label: number; tick: number; note: number };
  /** px of a legend swatch and of line widths / point radii relative to the full chart */
  scale: number;
  /** the y axes' rotated titles (the phone chart leaves them to the legend: every pixel of width counts) */
  axisTitles: boolean;
  /** at most this many weekly / monthly date labels, the first day labelled only `firstGap` sessions before the next */
  dateLabels: { max: number; months: number; firstGap: number };
}

export const FULL_LAYOUT: ChartLayout = {
  width: 1200,
  axisWidth: 86,
  pad: 12,
  unit: 105,
  header: 78,
  line: 19,
  font: { title: 22, subtitle: 14, panelTitle: 16, label: 13, tick: 12, note: 13 },
  scale: 1,
  axisTitles: true,
  dateLabels: { max: 8, months: 12, firstGap: 4 },
};

/** 1080×1350 (Telegram's 4:5 portrait): ticks ≥ 30 px, so ≥ 11 px when the phone shows it 390 px wide */
export const PHONE_LAYOUT: ChartLayout = {
  width: 1080,
  height: 1350,
  axisWidth: 128,
  pad: 18,
  unit: 0,
  header: 150,
  line: 40,
  font: { title: 50, subtitle: 30, panelTitle: 36, label: 28, tick: 30, note: 30 },
  scale: 2.2,
  axisTitles: false,
  dateLabels: { max: 6, months: 6, firstGap: 8 },
};

export const CHART_WIDTH = FULL_LAYOUT.width;
export const AXIS_WIDTH = FULL_LAYOUT.axisWidth;
export const PAD = FULL_LAYOUT.pad;
export const UNIT = FULL_LAYOUT.unit;
export const HEADER = FULL_LAYOUT.header;
export const LINE = FULL_LAYOUT.line;
