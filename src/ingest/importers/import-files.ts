import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IMPORT_PAGE_CACHE_KIB, withPageCache, type Db } from '../../db/client';
import { createDatasetStatusRepo } from '../../db/repos/dataset-status.repo';
import { createMarketDataRepo } from '../../db/repos/market-data.repo';
import { isInTransaction } from '../../db/transaction';
import { createSlicedWrites } from '../../db/sliced-writes';
import { withBackgroundCheckpoints } from '../../db/background-checkpoints';
import { errorMessage } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { prefetchSmallFile } from './read-lines';
import { importFile, type ImportProgress } from './import-file';
import { buildReport, type FileResult, type ImportReport } from './import-report';
import { createDatasetWriters } from './write-records';
import { createBorrowRepo } from '../../db/repos/borrow.repo';
import { createFailsRepo } from '../../db/repos/fails.repo';
import { createOptionsRepo } from '../../db/repos/options.repo';
import { createThresholdRepo } from '../../db/repos/threshold.repo';

export { formatImportLine, formatImportSummary } from './import-report';
export type { FileResult, FileStatus, ImportReport } from './import-report';
export type { ImportProgress } from './import-file';

// `squeezebot import PATH...`: files or folders, folders walked recursively in sorted order so
// two runs over the same tree import the same files in the same order. Each file is checked whole
// before any of it is written (import-file.ts); a bad file never stops the others.

export interface ImportDeps {
  db: Db;
  logger: Logger;
  clock: Clock;
  /** called as each file is committed, so the CLI can print its line while the rest import */
  onFile?: (result: FileResult) => void;
  /**
   * How long one transaction may hold the write lock (db/sliced-writes.ts): the import shares the file
   * with the bot and scans, whose writes wait for it. Files small enough share a slice, a big one spans
   * several. Tests set it high to keep a run in one transaction.
   */
  sliceMs?: number;
  /** the pause between two slices, for other processes to take the lock */
  pauseMs?: number;
  /** see ImportFileDeps.bufferRows */
  bufferRows?: number;
  /** called after each batch written inside a file's transaction (a big file's progress); awaited */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
}

type Entry = { path: string } | { path: string; error: string };

/** Every file under the given paths, depth first, names sorted by code point; each real file once. */
export async function* walkPaths(paths: string[]): AsyncGenerator<Entry> {
  const seen = new Set<string>();
  async function* visit(path: string): AsyncGenerator<Entry> {
    let real: string;
    let isDir: boolean;
    try {
      real = await realpath(path);
      isDir = (await stat(real)).isDirectory();
    } catch (err) {
      yield { path, error: errorMessage(err) };
      return;
    }
    // symlinked folders can form loops, and overlapping arguments name a file twice
    if (seen.has(real)) return;
    seen.add(real);
    if (!isDir) {
      yield { path };
      return;
    }
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch (err) {
      yield { path, error: errorMessage(err) };
      return;
    }
    for (const name of names) yield* visit(join(path, name));
  }
  for (const p of paths) yield* visit(p);
}

/** Imports every file under `paths`; the exit code is 1 when any file was rejected. */
export function importPaths(paths: string[], deps: ImportDeps): Promise<ImportReport> {
  return withPageCache(deps.db, IMPORT_PAGE_CACHE_KIB, () =>
    withBackgroundCheckpoints(deps.db, () => importAll(paths, deps)),
  );
}

async function importAll(paths: string[], deps: ImportDeps): Promise<ImportReport> {
  if (isInTransaction(deps.db)) throw new Error('the database connection is already inside a transaction');
  const slices = createSlicedWrites(deps.db, { sliceMs: deps.sliceMs, pauseMs: deps.pauseMs, logger: deps.logger });
  const fileDeps = {
    db: deps.db,
    slices,
    status: createDatasetStatusRepo(deps.db),
    writers: createDatasetWriters(createMarketDataRepo(deps.db), {
      threshold: createThresholdRepo(deps.db),
      options: createOptionsRepo(deps.db),
      borrow: createBorrowRepo(deps.db),
      fails: createFailsRepo(deps.db),
    }),
    clock: deps.clock,
    logger: deps.logger,
    onProgress: deps.onProgress,
    bufferRows: deps.bufferRows,
  };
  const files: FileResult[] = [];
  try {
    // one file ahead: the next file's bytes are read while this one is checked and written
    const entries = walkPaths(paths)[Symbol.asyncIterator]();
    const ahead = async () => {
      const n = await entries.next();
      if (n.done) return null;
      return { entry: n.value, bytes: 'error' in n.value ? undefined : prefetchSmallFile(n.value.path) };
    };
    for (let next = await ahead(); next;) {
      const { entry, bytes } = next;
      const following = ahead();
      // awaited below; a database failure in this file leaves it unawaited, and its end unreported
      following.catch(() => undefined);
      const result =
        'error' in entry
          ? unreadable(entry.path, entry.error)
          : await importFile(entry.path, fileDeps, { prefetched: bytes });
      files.push(result);
      slices.afterCommit(() => deps.onFile?.(result));
      next = await following;
    }
    slices.commit();
  } catch (err) {
    // not a bad file (those are rejected on their own): the database itself failed, and the open
    // slice goes whole; files reported were committed, a file in flight is imported again next run
    slices.rollback();
    throw err;
  }
  const report = buildReport(files);
  deps.logger.info(
    { files: files.length, ok: report.ok, skipped: report.skipped, rejected: report.rejected },
    'import finished',
  );
  return report;
}

function unreadable(path: string, error: string): FileResult {
  return {
    path,
    kind: null,
    dataset: null,
    status: 'rejected',
    rows: 0,
    firstDate: null,
    lastDate: null,
    symbols: 0,
    skipped: {},
    error,
    ms: 0,
  };
}
