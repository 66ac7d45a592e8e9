import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LineTooLongError,
  prefetchSmallFile,
  PREFETCH_MAX_BYTES,
  readLineBatches,
  readLines,
} from '../../src/ingest/importers/read-lines';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-lines-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function collect(path: string, chunkBytes?: number) {
  const out: [number, string][] = [];
  for await (const { text, lineNo } of readLines(path, { chunkBytes })) out.push([lineNo, text]);
  return out;
}

describe('the streaming line reader', () => {
  it.each([1, 3, 7, 64, 1 << 20])(
    'gives the same numbered lines whatever the chunk size (%i bytes)',
    async (chunkBytes) => {
      const path = file(`crlf-${chunkBytes}.txt`, '\uFEFFDate|Symbol\r\n20210127|GME\r\n\r\n20210127|AMC\r\n2');
      expect(await collect(path, chunkBytes)).toEqual([
        [1, 'Date|Symbol'],
        [2, '20210127|GME'],
        [3, ''],
        [4, '20210127|AMC'],
        [5, '2'],
      ]);
    },
  );

  it.each([1, 5, 1 << 20])(
    'gives the same lines and bytes from a file read ahead as from the stream (%i-byte chunks)',
    async (chunkBytes) => {
      const path = file(`ahead-${chunkBytes}.txt`, '\uFEFFDate|Symbol\r\n20210127|GME\r\n\u00e9t\u00e9|AMC\r\n2');
      const read = async (prefetched?: Promise<Buffer | null>) => {
        const lines: string[] = [];
        let bytes = 0;
        for await (const b of readLineBatches(path, { chunkBytes, prefetched, onBytes: (c) => (bytes += c.length) }))
          lines.push(...b.lines.map((l, i) => `${b.firstLineNo + i}:${l}`));
        return { lines, bytes };
      };
      const ahead = prefetchSmallFile(path);
      expect(await ahead).not.toBeNull();
      expect(await read(ahead)).toEqual(await read());
    },
  );

  it('reads ahead only small files: a large or missing one is streamed when its turn comes', async () => {
    const big = file('big.txt', Buffer.alloc(PREFETCH_MAX_BYTES + 1, 0x41));
    expect(await prefetchSmallFile(big)).toBeNull();
    expect(await prefetchSmallFile(join(dir, 'missing.txt'))).toBeNull();
  });

  it('does not invent a line after a final newline, and keeps a last line that has none', async () => {
    expect(await collect(file('lf.txt', 'a\nb\n'))).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(await collect(file('nolf.txt', 'a\nb'))).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(await collect(file('empty.txt', ''))).toEqual([]);
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    const path = file('utf8.txt', 'Société Générale|€\nZürich\n');
    expect((await collect(path, 1)).map(([, t]) => t)).toEqual(['Société Générale|€', 'Zürich']);
  });

  it('hands out whole chunks of lines and feeds every byte to onBytes', async () => {
    const content = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    const path = file('many.txt', content);
    let bytes = 0;
    const batches: number[] = [];
    for await (const b of readLineBatches(path, { chunkBytes: 4096, onBytes: (c) => (bytes += c.length) }))
      batches.push(b.lines.length);
    expect(bytes).toBe(Buffer.byteLength(content));
    expect(batches.length).toBeGreaterThan(5);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('stops on a line longer than the limit instead of buffering it', async () => {
    const path = file('long.bin', Buffer.alloc(5000, 65));
    const read = async () => {
      for await (const _ of readLineBatches(path, { chunkBytes: 512, maxLineChars: 1000 })) void _;
    };
    await expect(read()).rejects.toBeInstanceOf(LineTooLongError);
  });
});
