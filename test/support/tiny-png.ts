import { createCanvas } from '@napi-rs/canvas';

/** A small real PNG (a coloured box with the symbol on it), standing in for a ticker chart. */
export function tinyChart(label: string, width = 400, height = 200): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = '#1565c0';
  ctx.lineWidth = 3;
  ctx.beginPath();
  for (let x = 0; x <= width; x += 20) ctx.lineTo(x, height / 2 + Math.sin(x / 30) * height * 0.3);
  ctx.stroke();
  ctx.fillStyle = '#222222';
  ctx.font = '20px sans-serif';
  ctx.fillText(label, 10, 26);
  return canvas.toBuffer('image/png');
}
