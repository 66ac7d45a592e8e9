import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, ChartConfiguration, ChartType } from 'chart.js';
import { canvasLib, chartLib } from './chart-libs';
import { CHART_FONT_FAMILY, registerChartFonts } from './chart-font';

// Chart.js in Node: it draws on any context that has a `canvas`, so an @napi-rs/canvas context
// stands in for the browser's. No DOM means no resize observer and no animation frames: every chart
// is `responsive: false`, `animation: false`, drawn once at devicePixelRatio 1 and destroyed.

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
  ready = true;
}

/**
 * Draws one Chart.js chart on a fresh canvas of this size and hands the drawn canvas to `use`
 * (destroying a chart clears its canvas, so whatever reads the pixels runs first).
 */
export type AnyChartConfig = ChartConfiguration<ChartType, unknown[], unknown>;

export function drawChart<R>(width: number, height: number, config: AnyChartConfig, use: (canvas: Canvas) => R): R {
  ensureChartSetup();
  const canvas = canvasLib().createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  // Chart.js types want a DOM context (undeclared here: no DOM lib); the napi context has the same
  // drawing surface and a `canvas`
  const chart = new (chartLib().Chart)(ctx, config);
  try {
    return use(canvas);
  } finally {
    chart.destroy();
  }
}

/** A canvas filled white (charts are read on phones in dark mode too: never transparent). */
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

export function toPng(canvas: Canvas): Buffer {
  return canvas.toBuffer('image/png');
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
