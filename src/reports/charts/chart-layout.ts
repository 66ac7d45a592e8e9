// The ticker chart's pixel layout, shared by the renderer (chart-render.ts) and the panel configs
// (panel-config.ts): every panel's y axes are AXIS_WIDTH wide so the date axis lines up across panels.

export const CHART_WIDTH = 1200;
export const AXIS_WIDTH = 86;
export const PAD = 12;
/** px per panel weight */
export const UNIT = 105;
export const HEADER = 78;
export const LINE = 19;
