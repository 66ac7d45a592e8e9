import { createRequire } from 'node:module';
import type * as CanvasLib from '@napi-rs/canvas';
import type * as ChartLib from 'chart.js';

// @napi-rs/canvas (native) and Chart.js take ~60 ms to load, and most starts (an import, a scan, a chat
// command) draw nothing: both are loaded on the first chart drawn, not when the chart modules are
// imported. Synchronous require (Chart.js ships a CommonJS build) keeps the drawing functions synchronous.

const requireLib = createRequire(import.meta.url);

let canvas: typeof CanvasLib | undefined;
export const canvasLib = (): typeof CanvasLib => (canvas ??= requireLib('@napi-rs/canvas') as typeof CanvasLib);

let chart: typeof ChartLib | undefined;
export const chartLib = (): typeof ChartLib => (chart ??= requireLib('chart.js') as typeof ChartLib);
