import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Db } from '../../db/client';
import type { DatasetStatusRepo } from '../../db/repos/dataset-status.repo';
import type { SlicedWrites } from '../../db/sliced-writes';
import type { LineFormat, LineParser } from '../../domain/line-format';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Dataset } from '../../domain/market-data';
import type { FileResult } from './import-report';
import { DatabaseWriteError, markFailed, Rejection } from './import-rejection';
import { readLineBatches, type LineBatch } from './read-lines';
import { completedAtEnd } from './formats';
import { recogniseFile } from './recognise-file';
import { RowChecker } from './row-checks';
import { marketDateAt } from '../../market/market-time';
import type { DatasetWriter } from './write-records';

type Batches = AsyncGenerator<LineBatch>;
const DEFAULT_BUFFER_ROWS = 200_000;
/** records per write step: small enough that a slice (db/sliced-writes.ts) ends close to its time bound */
const STEP_ROWS = 2_000;

export interface ImportFileDeps {
  db: Db;
  status: DatasetStatusRepo;
  writers: Record<Dataset, DatasetWriter>;
  /** the import's time-bounded transactions, shared by every file of one run */
  slices: SlicedWrites;
  clock: Clock;
  logger: Logger;
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** records kept from the checking pass for the writing pass; a longer file is read a second time */
  bufferRows?: number;
}

export interface ImportFileOptions {
  /** the file's bytes read ahead (read-lines.ts prefetchSmallFile) */
  prefetched?: Promise<Buffer | null>;
}

/** Rows of a file being imported written so far (not necessarily committed yet). */
export interface ImportProgress {
  path: string;
  rows: number;
  lineNo: number;
}

/** What the checking pass found: the file's records when they fit in memory, else null (read it again). */
interface Checked {
  format: LineFormat<unknown>;
  headerLineNo: number;
  records: unknown[] | null;
}

/**
 * Imports one file whole or not at all: recognise it from its name and first line, parse and check
 * every line without writing anything, then upsert it, and record the attempt in dataset_status.
 *
 * Two passes so that a long file need not hold the write lock while it is read: the first pass
 * rejects a bad file (its line and reason) before any of it is written; the second writes it in
 * the import's time-bounded slices, so other processes' writes get in between. A crash between two
 * slices leaves part of the file written but no `ok` record for it, which is written with the last
 * slice: the next run imports it again, and since every write is an upsert of the same rows the
 * store ends as after one clean run.
 */
export async function importFile(
  path: string,
  deps: ImportFileDeps,
  options: ImportFileOptions = {},
): Promise<FileResult> {
  const t0 = performance.now();
  const startedAt = deps.clock.now().toISOString();
  const result: FileResult = {
    path,
    kind: null,
    dataset: null,
    status: 'skipped',
    rows: 0,
    firstDate: null,
    lastDate: null,
    symbols: 0,
    skipped: {},
    ms: 0,
  };
  let checked: Checked | null = null;
  try {
    checked = await check(result, deps, options.prefetched);
  } catch (err) {
    markFailed(result, err);
  }
  if (checked) {
    try {
      await write(result, checked, deps);
    } catch (err) {
      // the file was checked whole: a failing write is the database's trouble, not the file's
      if (err instanceof Rejection) markFailed(result, err);
      else throw new DatabaseWriteError(result.path, err);
    }
  }
  result.ms = Math.round(performance.now() - t0);
  // The attempt's record commits with the file's last rows: an `ok` row exists only once they all do.
  if (result.dataset) await deps.slices.step(() => recordStatus(deps, result, startedAt));
  log(deps.logger, result);
  return result;
}

/** The first pass: recognise, parse and check every record; nothing is written. null = skipped. */
async function check(
  result: FileResult,
  deps: ImportFileDeps,
  prefetched: Promise<Buffer | null> | undefined,
): Promise<Checked | null> {
  const name = basename(result.path);
  const hash = createHash('sha256');
  const batches = readLineBatches(result.path, { onBytes: (chunk) => hash.update(chunk), prefetched });
  try {
    const first = await readHeader(batches);
    const recognised = recogniseFile(name, first.header);
    if (recognised.format) {
      result.kind = recognised.format.kind;
      result.dataset = recognised.format.dataset;
    }
    if (recognised.type === 'skip') {
      result.error = recognised.reason;
      return null;
    }
    if (recognised.type === 'reject') throw new Rejection(first.headerLineNo, recognised.reason);
    const format = recognised.format;
    const writer = deps.writers[format.dataset];
    // a held format's records are only complete at the end (its trailer dates them): kept whatever
    // their number, and checked once the parser has ended
    const hold = completedAtEnd.has(format);
    const keep = hold ? Infinity : (deps.bufferRows ?? DEFAULT_BUFFER_ROWS);
    const rows = new RowChecker(format.dataset, marketDateAt(deps.clock.now()));
    const symbols = new Set<string>();
    const held: { record: unknown; lineNo: number | null }[] = [];
    const checkOne = (record: unknown, lineNo: number | null) => {
      rows.check(record, lineNo);
      tally(result, writer, record, symbols);
    };
    let records: unknown[] | null = [];
    await parseLines(format, name, first, batches, {
      record: (record, lineNo) => {
        if (hold) held.push({ record, lineNo });
        else checkOne(record, lineNo);
        if (records && records.length < keep) records.push(record);
        else records = null;
      },
      skip: (reason) => (result.skipped[reason] = (result.skipped[reason] ?? 0) + 1),
    });
    for (const h of held) checkOne(h.record, h.lineNo);
    if (format.warning) result.warning = format.warning(name);
    result.symbols = symbols.size;
    result.checksum = hash.digest('hex');
    return { format, headerLineNo: first.headerLineNo, records };
  } finally {
    await batches.return(undefined);
  }
}

/** The second pass: upsert the checked records in steps of the import's slices. */
async function write(result: FileResult, checked: Checked, deps: ImportFileDeps): Promise<void> {
  const writer = deps.writers[checked.format.dataset];
  const step: unknown[] = [];
  let lineNo = checked.headerLineNo;
  /** writes the first `n` records of `step` (all by default) as one step of a slice */
  const flush = async (n = step.length) => {
    if (n === 0) return;
    const records = step.splice(0, n);
    result.rows += await deps.slices.step(() => writer.write(records));
    await deps.onProgress?.({ path: result.path, rows: result.rows, lineNo });
  };
  if (checked.records) {
    const size = writer.whole ? Math.max(1, checked.records.length) : STEP_ROWS;
    for (let i = 0; i < checked.records.length; i += size) {
      step.push(...checked.records.slice(i, i + size));
      await flush();
    }
  } else {
    // too long to keep: read it again, and make sure it is still the file that was checked
    const hash = createHash('sha256');
    const batches = readLineBatches(result.path, { onBytes: (chunk) => hash.update(chunk) });
    try {
      const first = await readHeader(batches);
      await parseLines(checked.format, basename(result.path), first, batches, {
        record: (record, n) => {
          step.push(record);
          if (n !== null) lineNo = n;
        },
        skip: () => {},
        afterBatch: async () => {
          while (step.length >= STEP_ROWS) await flush(STEP_ROWS);
        },
      });
    } finally {
      await batches.return(undefined);
    }
    if (hash.digest('hex') !== result.checksum)
      throw new Rejection(null, 'the file changed while it was imported; import it again');
  }
  await flush();
  result.status = result.rows > 0 ? 'imported' : 'empty';
}

interface FirstLine {
  batch: LineBatch | null;
  /** index of the header in batch.lines */
  index: number;
  header: string | null;
  headerLineNo: number;
}

/** The first non-blank line is the header; the rest of its batch is data. */
async function readHeader(batches: Batches): Promise<FirstLine> {
  let batch = await nextBatch(batches);
  let i = 0;
  while (batch && i < batch.lines.length && batch.lines[i]!.trim() === '') {
    if (++i === batch.lines.length) {
      batch = await nextBatch(batches);
      i = 0;
    }
  }
  return {
    batch,
    index: i,
    header: batch ? batch.lines[i]! : null,
    headerLineNo: batch ? batch.firstLineNo + i : 0,
  };
}

/** Feeds every line after the header through a fresh parser of `format`; returns the last line number. */
async function parseLines(
  format: LineFormat<unknown>,
  name: string,
  first: FirstLine,
  batches: Batches,
  on: {
    record: (record: unknown, lineNo: number | null) => void;
    skip: (reason: string) => void;
    afterBatch?: () => Promise<void>;
  },
): Promise<number> {
  const parser: LineParser<unknown> = format.begin(name, first.header ?? '');
  let batch = first.batch;
  let i = first.index + 1;
  let lastLineNo = first.headerLineNo;
  while (batch) {
    const { lines, firstLineNo } = batch;
    for (; i < lines.length; i++) {
      const r = parser.line(lines[i]!, firstLineNo + i);
      if (r === null) continue;
      if ('record' in r) on.record(r.record, firstLineNo + i);
      else on.skip(r.skip);
    }
    if (lines.length > 0) lastLineNo = firstLineNo + lines.length - 1;
    await on.afterBatch?.();
    batch = await nextBatch(batches);
    i = 0;
  }
  for (const record of parser.end(lastLineNo) ?? []) on.record(record, null);
  return lastLineNo;
}

async function nextBatch(batches: Batches): Promise<LineBatch | null> {
  const n = await batches.next();
  return n.done ? null : n.value;
}

function tally(result: FileResult, writer: DatasetWriter, r: unknown, symbols: Set<string>): void {
  const d = writer.dateOf(r);
  if (result.firstDate === null || d < result.firstDate) result.firstDate = d;
  if (result.lastDate === null || d > result.lastDate) result.lastDate = d;
  symbols.add(writer.symbolOf(r));
}

function recordStatus(deps: ImportFileDeps, r: FileResult, startedAt: string): void {
  deps.status.record({
    dataset: r.dataset!,
    date: r.lastDate,
    kind: 'import',
    origin: r.path,
    status: r.status === 'imported' ? 'ok' : r.status === 'rejected' ? 'failed' : r.status,
    rows: r.rows,
    checksum: r.checksum ?? null,
    error: r.error ?? null,
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
  });
}

function log(logger: Logger, r: FileResult): void {
  const fields = { file: r.path, kind: r.kind, rows: r.rows, firstDate: r.firstDate, lastDate: r.lastDate, ms: r.ms };
  if (r.status === 'rejected') logger.warn({ ...fields, error: r.error }, 'import rejected');
  else if (r.status === 'skipped') logger.info({ ...fields, reason: r.error }, 'import skipped');
  else if (r.warning)
    logger.warn({ ...fields, skipped: r.skipped, warning: r.warning }, 'file imported with a warning');
  else logger.info({ ...fields, skipped: r.skipped }, 'file imported');
}
