import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { CHART_COLORS, drawChart, font, whiteCanvas, withWhiteCanvas } from './chart-canvas';
import { encodePng, encodePngAsync } from './png-encode';
import { FULL_LAYOUT, type ChartLayout } from './chart-layout';
import { panelConfig } from './panel-config';
import type { ChartModel, Panel } from './chart-model';

// Draws a ChartModel: a header, then each panel as its own Chart.js chart stacked on one white
// canvas, then the chart's notes. Panels share the date axis because every panel gets the same labels,
// the same x offset and y axes of fixed widths on both sides, so a date sits at the same x in every panel.
// The full layout gives each panel a height by its weight; the phone layout has one fixed canvas the
// panels share by weight.

export { CHART_WIDTH } from './chart-layout';

export interface RenderOptions {
  /** FULL_LAYOUT (files, reports) unless given; PHONE_LAYOUT for the chat */
  layout?: ChartLayout;
  /** the full layout drawn wider */
  width?: number;
}

function layoutOf(options: RenderOptions): ChartLayout {
  const layout = options.layout ?? FULL_LAYOUT;
  return options.width && !layout.height ? { ...layout, width: Math.max(1000, options.width) } : layout;
}

/** The model as a PNG; renderChartModelAsync compresses off the event loop. */
export function renderChartModel(model: ChartModel, options: RenderOptions = {}): Buffer {
  return drawChartModel(model, options, encodePng);
}

/** The same bytes as renderChartModel (tests hold them equal). */
export async function renderChartModelAsync(model: ChartModel, options: RenderOptions = {}): Promise<Buffer> {
  return drawChartModel(model, options, encodePngAsync);
}

let measureCanvas: Canvas | null = null;

/**
 * Draws the model on a pooled canvas and hands it to `read`, which must take the pixels before it returns
 * (the canvas goes back to the pool then).
 */
export function drawChartModel<R>(model: ChartModel, options: RenderOptions, read: (canvas: Canvas) => R): R {
  const layout = layoutOf(options);
  const { width } = layout;
  measureCanvas ??= whiteCanvas(1, 1);
  const notes = noteLines(measureCanvas.getContext('2d'), model.notes, layout);
  const heights = panelHeights(model, layout, notes.length);
  return withWhiteCanvas(width, chartHeightOf(heights, layout, notes.length), (canvas) => {
    paintChartModel(canvas.getContext('2d'), model, layout, heights, notes);
    return read(canvas);
  });
}

function paintChartModel(
  ctx: SKRSContext2D,
  model: ChartModel,
  layout: ChartLayout,
  heights: number[],
  notes: string[],
): void {
  const { width } = layout;
  drawHeader(ctx, model, layout);
  let y = layout.header;
  model.panels.forEach((panel, i) => {
    if (panel.empty) drawEmptyPanel(ctx, panel, y, layout, heights[i]!);
    else
      drawChart(
        width,
        heights[i]!,
        panelConfig(panel, model.dates, layout, !layout.height || i === model.panels.length - 1),
        (c: Canvas) => ctx.drawImage(c, 0, y),
      );
    y += heights[i]!;
  });
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(layout.font.note);
  notes.forEach((n, i) => ctx.fillText(n, layout.pad, y + layout.pad + (i + 1) * layout.line - layout.line / 4));
}

/** The pixel height a panel is drawn at in the full layout (tests check the PNG's height against it). */
export function panelHeight(p: Panel, layout: ChartLayout = FULL_LAYOUT): number {
  if (p.empty) return 34 + p.notes.length * layout.line + 56;
  return 34 + p.notes.length * layout.line + 30 + p.weight * layout.unit + 30;
}

function panelHeights(model: ChartModel, layout: ChartLayout, noteLines: number): number[] {
  if (!layout.height) return model.panels.map((p) => panelHeight(p, layout));
  const room = layout.height - layout.header - footerHeight(layout, noteLines);
  const total = model.panels.reduce((a, p) => a + p.weight, 0) || 1;
  const heights = model.panels.map((p) => Math.floor((room * p.weight) / total));
  // the rounding remainder goes to the first (price) panel so the canvas is exactly layout.height
  if (heights.length) heights[0]! += room - heights.reduce((a, b) => a + b, 0);
  return heights;
}

function footerHeight(layout: ChartLayout, noteLines: number): number {
  return noteLines ? noteLines * layout.line + layout.pad * 2 : layout.pad;
}

function chartHeightOf(heights: number[], layout: ChartLayout, noteLines: number): number {
  return layout.height ?? layout.header + heights.reduce((a, b) => a + b, 0) + footerHeight(layout, noteLines);
}

/** The PNG's height for this model in the full layout (one note line each). */
export function chartHeight(model: ChartModel, layout: ChartLayout = FULL_LAYOUT): number {
  if (layout.height) return layout.height;
  return chartHeightOf(
    model.panels.map((p) => panelHeight(p, layout)),
    layout,
    model.notes.length,
  );
}

/** The notes as drawn lines: each note wrapped to the canvas width (a phone line holds ~55 characters). */
function noteLines(ctx: SKRSContext2D, notes: readonly string[], layout: ChartLayout): string[] {
  if (!layout.height) return [...notes];
  ctx.font = font(layout.font.note);
  const room = layout.width - 2 * layout.pad;
  const out: string[] = [];
  for (const note of notes) {
    let line = '';
    for (const word of note.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(next).width > room) {
        out.push(line);
        line = word;
      } else line = next;
    }
    if (line) out.push(line);
  }
  return out;
}

function drawHeader(ctx: SKRSContext2D, model: ChartModel, layout: ChartLayout): void {
  const { pad, header, font: size } = layout;
  ctx.fillStyle = CHART_COLORS.text;
  ctx.font = font(size.title, true);
  ctx.fillText(model.title, pad, size.title * 1.5, layout.width - 2 * pad);
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(size.subtitle);
  ctx.fillText(model.subtitle, pad, size.title * 1.5 + size.subtitle * 1.85, layout.width - 2 * pad);
  ctx.strokeStyle = CHART_COLORS.frame;
  ctx.beginPath();
  ctx.moveTo(pad, header - 6);
  ctx.lineTo(layout.width - pad, header - 6);
  ctx.stroke();
}

function drawEmptyPanel(ctx: SKRSContext2D, panel: Panel, y: number, layout: ChartLayout, height: number): void {
  const { pad, width, line } = layout;
  ctx.fillStyle = CHART_COLORS.text;
  ctx.font = font(layout.font.panelTitle, true);
  ctx.fillText(panel.title, pad, y + layout.font.panelTitle * 1.5);
  const left = pad + layout.axisWidth;
  const boxTop = y + layout.font.panelTitle * 2.1;
  const boxH = height - layout.font.panelTitle * 2.1 - 10;
  ctx.strokeStyle = CHART_COLORS.frame;
  ctx.setLineDash([5, 4]);
  ctx.strokeRect(left, boxTop, width - 2 * left, boxH);
  ctx.setLineDash([]);
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(layout.font.note);
  ctx.textAlign = 'center';
  panel.notes.forEach((n, i) =>
    ctx.fillText(n, width / 2, boxTop + boxH / 2 - ((panel.notes.length - 1) * line) / 2 + i * line + 5),
  );
  ctx.textAlign = 'left';
}
