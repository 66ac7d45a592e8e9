import { createHash, type Hash } from 'node:crypto';
import { basename } from 'node:path';
import type { Db } from '../../db/client';
import type { DatasetStatusRepo } from '../../db/repos/dataset-status.repo';
import { openSavepoint, type OpenSavepoint } from '../../db/transaction';
import type { LineParser } from '../../domain/line-format';
import { errorMessage } from '../../shared/errors';
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
/** the savepoint a file streams into once it outgrows `bufferRows`; null while it is buffered */
type FileTransaction = { savepoint: OpenSavepoint | null };
const SAVEPOINT = 'import_file';
const DEFAULT_BUFFER_ROWS = 200_000;

export interface ImportFileDeps {
  db: Db;
  status: DatasetStatusRepo;
  writers: Record<Dataset, DatasetWriter>;
  clock: Clock;
  logger: Logger;
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** records parsed ahead of writing; a file longer than this streams inside a savepoint */
  bufferRows?: number;
}

/** Rows read so far from a file being imported (written or buffered, not committed yet). */
export interface ImportProgress {
  path: string;
  rows: number;
  lineNo: number;
}

/**
 * Imports one file whole or not at all: recognise it from its name and first line, then stream,
 * parse and upsert it, and record the attempt in dataset_status.
 */
export async function importFile(path: string, deps: ImportFileDeps): Promise<FileResult> {
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
  const hash = createHash('sha256');
  const batches = readLineBatches(path, { onBytes: (chunk) => hash.update(chunk) });
  const tx: FileTransaction = { savepoint: null };
  try {
    await streamInto(result, batches, hash, startedAt, tx, deps);
  } catch (err) {
    if (err instanceof DatabaseWriteError) throw err;
    if (tx.savepoint) {
      try {
        // undoes this file only: files before it in the same commit group stay
        tx.savepoint.rollback();
      } catch (rollbackErr) {
        // SQLite may have rolled back by itself (disk full, I/O error): the file is rejected either way
        deps.logger.warn({ file: path, err: errorMessage(rollbackErr) }, 'rollback failed');
      }
    }
    markFailed(result, err);
  } finally {
    await batches.return(undefined);
  }
  result.ms = Math.round(performance.now() - t0);
  if (result.status !== 'imported' && result.status !== 'empty' && result.dataset)
    recordStatus(deps, result, startedAt);
  log(deps.logger, result);
  return result;
}

async function streamInto(
  result: FileResult,
  batches: Batches,
  hash: Hash,
  startedAt: string,
  tx: FileTransaction,
  deps: ImportFileDeps,
): Promise<void> {
  const name = basename(result.path);
  // The first non-blank line is the header; the rest of its batch is data.
  let batch = await nextBatch(batches);
  let i = 0;
  while (batch && i < batch.lines.length && batch.lines[i]!.trim() === '') {
    if (++i === batch.lines.length) {
      batch = await nextBatch(batches);
      i = 0;
    }
  }
  const headerLineNo = batch ? batch.firstLineNo + i : 0;
  const header = batch ? batch.lines[i]! : null;
  const recognised = recogniseFile(name, header);
  if (recognised.format) {
    result.kind = recognised.format.kind;
    result.dataset = recognised.format.dataset;
  }
  if (recognised.type === 'skip') {
    result.error = recognised.reason;
    return;
  }
  if (recognised.type === 'reject') throw new Rejection(headerLineNo, recognised.reason);
  const format = recognised.format;
  const writer = deps.writers[format.dataset];
  const hold = completedAtEnd.has(format);

  // A file is parsed and checked before anything of it is written while it fits in `bufferRows`
  // records (a daily FINRA file always does), so a bad file costs no write at all and a good one is
  // written in one go inside the commit group's transaction (import-files.ts). A larger file is
  // written as it streams, inside a savepoint that a bad line rolls back. (A savepoint makes SQLite
  // keep the original of every page the file touches, which for a whole-market file is most of the
  // key's index: too dear to pay for every daily file.)
  // The file arrives through async reads, so the savepoint stays open across awaits (db/transaction.ts).
  const bufferRows = deps.bufferRows ?? DEFAULT_BUFFER_ROWS;
  const parser: LineParser<unknown> = format.begin(name, header ?? '');
  const records: unknown[] = [];
  /** the line each record came from; null for those a parser returns at its end */
  const recordLines: (number | null)[] = [];
  // every record is checked once, just before it is written (a held format's records are only complete
  // at the end), and outside the write's own error handling: a broken row is the file's fault
  const rows = new RowChecker(format.dataset, marketDateAt(deps.clock.now()));
  let checked = 0;
  const checkPending = () => {
    for (; checked < records.length; checked++) rows.check(records[checked], recordLines[checked] ?? null);
  };
  const symbols = new Set<string>();
  let lastLineNo = headerLineNo;
  const flush = () => {
    checkPending();
    tally(result, writer, records, symbols);
    result.rows += writer.write(records);
    records.length = 0;
    recordLines.length = 0;
    checked = 0;
  };
  i++;
  while (batch) {
    const { lines, firstLineNo } = batch;
    for (; i < lines.length; i++) {
      const r = parser.line(lines[i]!, firstLineNo + i);
      if (r === null) continue;
      if ('record' in r) {
        records.push(r.record);
        recordLines.push(firstLineNo + i);
      } else result.skipped[r.skip] = (result.skipped[r.skip] ?? 0) + 1;
    }
    if (lines.length > 0) lastLineNo = firstLineNo + lines.length - 1;
    if (records.length >= bufferRows && !hold) {
      tx.savepoint ??= openSavepoint(deps.db, SAVEPOINT);
      flush();
    }
    await deps.onProgress?.({ path: result.path, rows: result.rows + records.length, lineNo: lastLineNo });
    batch = await nextBatch(batches);
    i = 0;
  }
  records.push(...(parser.end(lastLineNo) ?? []));
  if (records.length > 0) {
    checkPending();
    if (tx.savepoint) flush();
    else {
      try {
        flush();
      } catch (err) {
        // rows of this file may be half written in the group's transaction: only the whole group
        // can be undone, and a failing write is the database's trouble, not the file's
        throw new DatabaseWriteError(result.path, err);
      }
    }
  }
  result.status = result.rows > 0 ? 'imported' : 'empty';
  if (format.warning) result.warning = format.warning(name);
  result.symbols = symbols.size;
  result.checksum = hash.digest('hex');
  // The attempt's record commits with the data: an `ok` row exists exactly when the rows do.
  recordStatus(deps, result, startedAt);
  if (tx.savepoint) {
    tx.savepoint.release();
    tx.savepoint = null;
  }
}

async function nextBatch(batches: Batches): Promise<LineBatch | null> {
  const n = await batches.next();
  return n.done ? null : n.value;
}

function tally(result: FileResult, writer: DatasetWriter, records: unknown[], symbols: Set<string>): void {
  for (const r of records) {
    const d = writer.dateOf(r);
    if (result.firstDate === null || d < result.firstDate) result.firstDate = d;
    if (result.lastDate === null || d > result.lastDate) result.lastDate = d;
    symbols.add(writer.symbolOf(r));
  }
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
