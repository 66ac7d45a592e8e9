import { crc32, deflate, deflateSync } from 'node:zlib';
import { promisify } from 'node:util';
import type { Canvas } from '@napi-rs/canvas';

// The charts' PNG encoder. Skia's (canvas.toBuffer / encode('png')) tries five row filters and zlib
// level 6; a chart is flat colour on white, so unfiltered rows at a low zlib level come out about 10 %
// bigger in a little over half the CPU (figures in test/bench/charts.bench.ts). Every chart canvas is
// opaque (filled white first), so the pixels go out as 8-bit RGB: the same picture, decoded, as Skia's
// RGBA file, and the premultiplied bytes canvas.data() gives are the colours themselves.

/** zlib level: 3 costs about what 1 does and gives a smaller file */
const LEVEL = 3;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const deflateAsync = promisify(deflate);

/** The canvas's pixels as PNG scanlines (filter byte 0, then RGB), read before the canvas is reused. */
export function pngScanlines(canvas: Canvas): { width: number; height: number; raw: Buffer } {
  const { width, height } = canvas;
  const rgba = canvas.data();
  const stride = width * 3 + 1;
  const raw = Buffer.allocUnsafe(stride * height);
  for (let y = 0, k = 0; y < height; y++) {
    let j = y * stride;
    raw[j++] = 0;
    for (let x = 0; x < width; x++, j += 3, k += 4) {
      raw[j] = rgba[k]!;
      raw[j + 1] = rgba[k + 1]!;
      raw[j + 2] = rgba[k + 2]!;
    }
  }
  return { width, height, raw };
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function pngFile(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 2; // truecolour (RGB)
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

type Scanlines = ReturnType<typeof pngScanlines>;

export function compressPng({ width, height, raw }: Scanlines): Buffer {
  return pngFile(width, height, deflateSync(raw, { level: LEVEL }));
}

/** compressPng on the libuv pool, off the event loop */
export async function compressPngAsync({ width, height, raw }: Scanlines): Promise<Buffer> {
  return pngFile(width, height, await deflateAsync(raw, { level: LEVEL }));
}

export function encodePng(canvas: Canvas): Buffer {
  return compressPng(pngScanlines(canvas));
}

/** The pixels are read at once: the canvas may be reused as soon as this returns its promise. */
export function encodePngAsync(canvas: Canvas): Promise<Buffer> {
  return compressPngAsync(pngScanlines(canvas));
}
