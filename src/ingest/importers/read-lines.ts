import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

// A streaming line reader for the importers. Files can be far larger than memory (a year of
// full-market FINRA files), so it reads big chunks and hands out the complete lines of each
// chunk as one array: the caller parses a batch synchronously, and the next chunk is only read
// after that, which keeps memory flat. One array per chunk, not one promise or object per line,
// because the per-line overhead is what a 2.5-million-row import pays for.

export const DEFAULT_CHUNK_BYTES = 1 << 20;
/** A "line" longer than this is not text we know: stop before it eats memory. */
export const DEFAULT_MAX_LINE_CHARS = 1 << 20;

export interface LineBatch {
  /** complete lines, without the `\n` and without a trailing `\r`; the first line without a BOM */
  lines: string[];
  /** 1-based number of lines[0] in the file */
  firstLineNo: number;
}

export interface ReadLinesOptions {
  chunkBytes?: number;
  maxLineChars?: number;
  /** sees every raw chunk (for a checksum computed while streaming) */
  onBytes?: (chunk: Buffer) => void;
  /** the file's bytes already read (prefetchSmallFile), or null to stream it */
  prefetched?: Promise<Buffer | null>;
}

/** Files up to this size are read whole ahead of their turn; a FINRA daily file is ~0.5 MB. */
export const PREFETCH_MAX_BYTES = 8 << 20;

/**
 * Reads a small file whole in the background, so its bytes are there when the import reaches it rather
 * than read after the file before it is written (the open, reads and close each a thread-pool round
 * trip). Resolves null for a large or unreadable file: it is streamed, and any error shows then.
 */
export async function prefetchSmallFile(path: string): Promise<Buffer | null> {
  try {
    if ((await stat(path)).size > PREFETCH_MAX_BYTES) return null;
    return await readFile(path);
  } catch {
    return null;
  }
}

/** A line longer than maxLineChars: a binary file or a corrupt one. */
export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
  constructor(
    readonly lineNo: number,
    readonly maxChars: number,
  ) {
    super(`line ${lineNo} is longer than ${maxChars} characters (not a line-based text file)`);
  }
}

/** The lines of a file, one batch per chunk read. The last line counts even without a newline. */
export async function* readLineBatches(path: string, options: ReadLinesOptions = {}): AsyncGenerator<LineBatch> {
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const whole = options.prefetched ? await options.prefetched : null;
  const stream = whole ? null : createReadStream(path, { highWaterMark: chunkBytes });
  const chunks: AsyncIterable<Buffer> | Iterable<Buffer> = whole ? slices(whole, chunkBytes) : stream!;
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 1;
  let first = true;
  try {
    for await (const chunk of chunks) {
      options.onBytes?.(chunk);
      const text = carry + decoder.write(chunk);
      const lines = text.split('\n');
      carry = lines.pop()!;
      if (carry.length > maxLineChars) throw new LineTooLongError(lineNo + lines.length, maxLineChars);
      if (lines.length === 0) continue;
      clean(lines, first);
      first = false;
      yield { lines, firstLineNo: lineNo };
      lineNo += lines.length;
    }
    const rest = carry + decoder.end();
    if (rest !== '') {
      const lines = [rest];
      clean(lines, first);
      yield { lines, firstLineNo: lineNo };
    }
  } finally {
    // A consumer that stops early (an unknown file after its first line) must not leak the fd.
    stream?.destroy();
  }
}

function* slices(bytes: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

function clean(lines: string[], first: boolean): void {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  if (first && lines.length > 0 && lines[0]!.charCodeAt(0) === 0xfeff) lines[0] = lines[0]!.slice(1);
}

/** Line by line with numbers: convenient where speed does not matter (tests, small files). */
export async function* readLines(
  path: string,
  options: ReadLinesOptions = {},
): AsyncGenerator<{ text: string; lineNo: number }> {
  for await (const batch of readLineBatches(path, options)) {
    for (let i = 0; i < batch.lines.length; i++) yield { text: batch.lines[i]!, lineNo: batch.firstLineNo + i };
  }
}
