import type { Dataset } from './market-data';

// A text file format read line by line, shared by the file importers (streams from disk) and the
// provider clients that download the same files (whole text in memory). One parser serves both.

export interface LineFormat<T> {
  /** short name shown to users: `finra-shortvol`, `nasdaq-directory`, ... */
  kind: string;
  dataset: Dataset;
  /** Whether a file name and its first line look like this format (no side effects). */
  recognise(fileName: string, firstLine: string): boolean;
  /** Starts a parse from the header line; throws ParseError when the header is wrong. */
  begin(fileName: string, header: string): LineParser<T>;
  /** A caution about every file read in this format, shown beside an import's line (an excerpt's rows unchecked). */
  warning?: (fileName: string) => string;
}

export type LineResult<T> = { record: T } | { skip: string } | null;

export interface LineParser<T> {
  /** One line after the header (1-based line number in the file). null = nothing on it. */
  line(text: string, lineNo: number): LineResult<T>;
  /**
   * After the last line: trailer checks; throws ParseError when the file is incomplete. A format whose
   * records only exist once the whole text is read (a JSON document) returns them here.
   */
  end(lastLineNo: number): void | readonly T[];
}

/** Parse a whole text (a downloaded file) with a format; throws ParseError on the first problem. */
export function parseText<T>(
  format: LineFormat<T>,
  fileName: string,
  text: string,
): { records: T[]; skipped: Map<string, number> } {
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const records: T[] = [];
  const skipped = new Map<string, number>();
  if (i >= lines.length) {
    records.push(...(format.begin(fileName, '').end(0) ?? []));
    return { records, skipped };
  }
  const parser = format.begin(fileName, stripBom(lines[i]!));
  let lineNo = i + 1;
  for (i = i + 1; i < lines.length; i++) {
    lineNo = i + 1;
    const r = parser.line(lines[i]!, lineNo);
    if (r === null) continue;
    if ('record' in r) records.push(r.record);
    else skipped.set(r.skip, (skipped.get(r.skip) ?? 0) + 1);
  }
  records.push(...(parser.end(lineNo) ?? []));
  return { records, skipped };
}

export function stripBom(line: string): string {
  return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}
