import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, ChartConfiguration, ChartType, Plugin } from 'chart.js';
import { canvasLib, chartLib } from './chart-libs';
import { CHART_FONT_FAMILY, registerChartFonts } from './chart-font';
import { encodePng } from './png-encode';

// Chart.js in Node: it draws on any context that has a `canvas`, so an @napi-rs/canvas context
// stands in for the browser's. No DOM means no resize observer and no animation frames: every chart
// is `responsive: false`, `animation: false`, drawn once at devicePixelRatio 1 and destroyed.
// Canvases are kept per size and reused (a new 1200 px canvas is a fresh 8 MB surface each time): one is
// borrowed, reset (state and pixels) and given back when its pixels have been read, never held across
// an await, so two charts drawn at once each have their own.

export const CHART_COLORS = {
  text: '#222222',
  muted: '#666666',
  grid: '#e6e6e6',
  frame: '#c8c8c8',
  up: '#1a9850',
  down: '#d73027',
  price: '#1f4e9c',
  volume: 'rgba(120, 120, 120, 0.35)',
  avgVolume: '#8c6d00',
  blue: '#1f77b4',
  orange: '#ff7f0e',
  green: '#2ca02c',
  red: '#d62728',
  purple: '#9467bd',
  brown: '#8c564b',
  grey: '#7f7f7f',
  teal: '#17becf',
  high: '#d62728',
  medium: '#ff7f0e',
  low: '#d4b000',
} as const;

export const FONT_SIZE = { title: 22, panelTitle: 16, label: 13, note: 13 } as const;

let ready = false;

/** Registers the fonts and Chart.js components and sets the defaults every chart shares. */
export function ensureChartSetup(): void {
  if (ready) return;
  registerChartFonts();
  const { Chart, registerables } = chartLib();
  Chart.register(...registerables);
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.font.size = FONT_SIZE.label;
  Chart.defaults.color = CHART_COLORS.text;
  Chart.defaults.animation = false;
  Chart.defaults.responsive = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.devicePixelRatio = 1;
  Chart.defaults.plugins.tooltip.enabled = false;
  Chart.defaults.events = [];
  Chart.register(keepCanvasSize);
  ready = true;
}

/**
 * A pooled canvas already has the chart's size: Chart.js would still set its width and height (a
 * new surface) because a new chart has no pixel ratio yet. The chart clears its canvas before it
 * draws, and borrowCanvas reset the context's state.
 */
const keepCanvasSize: Plugin = {
  id: 'keepCanvasSize',
  beforeInit(chart: Chart) {
    const ratio = chart.options.devicePixelRatio ?? 1;
    // a napi canvas (Chart.js declares a DOM one, and there is no DOM lib here)
    const canvas = chart.canvas as unknown as { width: number; height: number };
    if (canvas.width === Math.floor(chart.width * ratio) && canvas.height === Math.floor(chart.height * ratio))
      // declared readonly for users; Chart.js itself sets it in retinaScale, which this stands in for
      (chart as { currentDevicePixelRatio: number }).currentDevicePixelRatio = ratio;
  },
};

/** canvases kept of one size (more are made when more charts draw at once, and dropped when given back) */
const KEPT_PER_SIZE = 2;
/** sizes kept: the full chart's height varies with its panels' notes; the oldest size is dropped */
const KEPT_SIZES = 12;
const pool = new Map<string, Canvas[]>();

/** A canvas of this size, transparent with a fresh context state; give it back with returnCanvas. */
export function borrowCanvas(width: number, height: number): Canvas {
  const key = `${width}x${height}`;
  const kept = pool.get(key);
  const canvas = kept?.pop();
  if (!canvas) return canvasLib().createCanvas(width, height);
  // reset() clears the pixels and every context state (transform, clip, dash, font, alpha)
  canvas.getContext('2d').reset();
  return canvas;
}

export function returnCanvas(canvas: Canvas): void {
  const key = `${canvas.width}x${canvas.height}`;
  const kept = pool.get(key) ?? [];
  if (kept.length >= KEPT_PER_SIZE) return;
  kept.push(canvas);
  // re-inserted: the Map's order is the order sizes were last used
  pool.delete(key);
  pool.set(key, kept);
  if (pool.size > KEPT_SIZES) pool.delete(pool.keys().next().value!);
}

/** Runs `use` on a borrowed canvas filled white and gives the canvas back after it. */
export function withWhiteCanvas<R>(width: number, height: number, use: (canvas: Canvas) => R): R {
  ensureChartSetup();
  const canvas = borrowCanvas(width, height);
  try {
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    return use(canvas);
  } finally {
    returnCanvas(canvas);
  }
}

export type AnyChartConfig = ChartConfiguration<ChartType, unknown[], unknown>;

/**
 * Draws one Chart.js chart on a transparent canvas of this size and hands the drawn canvas to `use`
 * (destroying a chart clears its canvas, so whatever reads the pixels runs first, synchronously).
 */
export function drawChart<R>(width: number, height: number, config: AnyChartConfig, use: (canvas: Canvas) => R): R {
  ensureChartSetup();
  const canvas = borrowCanvas(width, height);
  try {
    const ctx = canvas.getContext('2d');
    // Chart.js types want a DOM context (undeclared here: no DOM lib); the napi context has the same
    // drawing surface and a `canvas`
    const chart = new (chartLib().Chart)(ctx, config);
    try {
      return use(canvas);
    } finally {
      chart.destroy();
    }
  } finally {
    returnCanvas(canvas);
  }
}

/** A new canvas filled white (charts are read on phones in dark mode too: never transparent). */
export function whiteCanvas(width: number, height: number): Canvas {
  ensureChartSetup();
  const canvas = canvasLib().createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  return canvas;
}

export function font(size: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${size}px ${CHART_FONT_FAMILY}`;
}

/** An opaque canvas as PNG bytes (see png-encode.ts). */
export function toPng(canvas: Canvas): Buffer {
  return encodePng(canvas);
}

/**
 * The drawing context of a chart made by drawChart, for plugins: Chart.js declares it as DOM's
 * CanvasRenderingContext2D, which a Node build does not declare; it is the napi context drawChart gave it.
 */
export function drawingContext(chart: Chart<ChartType, unknown[], unknown>): SKRSContext2D {
  // chart.ctx is typed with DOM's CanvasRenderingContext2D, which a build without the DOM lib cannot resolve
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- see above
  return chart.ctx;
}
