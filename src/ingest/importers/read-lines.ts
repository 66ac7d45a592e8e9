import { createReadStream } from 'node:fs';
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
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? DEFAULT_CHUNK_BYTES });
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 1;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
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
    stream.destroy();
  }
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
