import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { CHART_COLORS, FONT_SIZE, drawChart, font, toPng, whiteCanvas } from './chart-canvas';
import { AXIS_WIDTH, CHART_WIDTH, HEADER, LINE, PAD, UNIT } from './chart-layout';
import { panelConfig } from './panel-config';
import type { ChartModel, Panel } from './chart-model';

// Draws a ChartModel: a header, then each panel as its own Chart.js chart stacked on one white
// canvas. Panels share the date axis because every panel gets the same labels, the same x offset and
// y axes of fixed widths on both sides, so a date sits at the same x in every panel.

export { CHART_WIDTH } from './chart-layout';

export interface RenderOptions {
  width?: number;
}

export function renderChartModel(model: ChartModel, options: RenderOptions = {}): Buffer {
  const width = Math.max(1000, options.width ?? CHART_WIDTH);
  const heights = model.panels.map((p) => panelHeight(p));
  const footer = model.notes.length ? model.notes.length * LINE + PAD * 2 : PAD;
  const canvas = whiteCanvas(width, HEADER + heights.reduce((a, b) => a + b, 0) + footer);
  const ctx = canvas.getContext('2d');
  drawHeader(ctx, model, width);
  let y = HEADER;
  model.panels.forEach((panel, i) => {
    if (panel.empty) drawEmptyPanel(ctx, panel, y, width, heights[i]!);
    else drawChart(width, heights[i]!, panelConfig(panel, model.dates), (c: Canvas) => ctx.drawImage(c, 0, y));
    y += heights[i]!;
  });
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(FONT_SIZE.note);
  model.notes.forEach((n, i) => ctx.fillText(n, PAD, y + PAD + (i + 1) * LINE - 5));
  return toPng(canvas);
}

/** The pixel height a panel is drawn at (tests check the PNG's height against it). */
export function panelHeight(p: Panel): number {
  if (p.empty) return 34 + p.notes.length * LINE + 56;
  return 34 + p.notes.length * LINE + 30 + p.weight * UNIT + 30;
}

export function chartHeight(model: ChartModel): number {
  return (
    HEADER +
    model.panels.reduce((a, p) => a + panelHeight(p), 0) +
    (model.notes.length ? model.notes.length * LINE + PAD * 2 : PAD)
  );
}

function drawHeader(ctx: SKRSContext2D, model: ChartModel, width: number): void {
  ctx.fillStyle = CHART_COLORS.text;
  ctx.font = font(FONT_SIZE.title, true);
  ctx.fillText(model.title, PAD, 34);
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(14);
  ctx.fillText(model.subtitle, PAD, 60);
  ctx.strokeStyle = CHART_COLORS.frame;
  ctx.beginPath();
  ctx.moveTo(PAD, HEADER - 6);
  ctx.lineTo(width - PAD, HEADER - 6);
  ctx.stroke();
}

function drawEmptyPanel(ctx: SKRSContext2D, panel: Panel, y: number, width: number, height: number): void {
  ctx.fillStyle = CHART_COLORS.text;
  ctx.font = font(FONT_SIZE.panelTitle, true);
  ctx.fillText(panel.title, PAD, y + 24);
  const left = PAD + AXIS_WIDTH;
  const boxTop = y + 34;
  const boxH = height - 44;
  ctx.strokeStyle = CHART_COLORS.frame;
  ctx.setLineDash([5, 4]);
  ctx.strokeRect(left, boxTop, width - 2 * left, boxH);
  ctx.setLineDash([]);
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(FONT_SIZE.note);
  ctx.textAlign = 'center';
  panel.notes.forEach((n, i) =>
    ctx.fillText(n, width / 2, boxTop + boxH / 2 - ((panel.notes.length - 1) * LINE) / 2 + i * LINE + 5),
  );
  ctx.textAlign = 'left';
}
