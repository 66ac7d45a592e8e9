import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './client';

// A long import's WAL checkpoints on a second thread. In WAL mode every page is written twice: into the
// WAL at commit, then copied into the database file by a checkpoint, which SQLite runs inside the
// committing statement once the WAL passes wal_autocheckpoint pages. On a million-row import that copy
// is ~1.5 s of the importing thread's time, spent while it inserts nothing. A PASSIVE checkpoint from
// another connection copies committed frames without the write lock, so it runs beside the next slice's
// inserts (the machine has a second core). Nothing about durability changes: the same frames are copied
// and synced by the same checkpoint code, only by another connection, and the import's close (or the
// next autocheckpoint) copies whatever is left.

/** How often the checkpointing thread looks for committed frames to copy. */
export const CHECKPOINT_EVERY_MS = 250;

// Started from source text rather than a file, so the bundle (bin/build.mjs) needs no entry for it;
// better-sqlite3 is resolved here and handed over by path, so the worker finds the same module.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqliteModule);
const db = new Database(workerData.path);
let stopping = false;
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // another checkpointer holds the lock (SQLITE_BUSY): the next round, or the import's close, copies the frames
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  if (stopping) return;
  stopping = true;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Runs fn with the connection's automatic checkpoints handed to a second thread, then restores them.
 * An in-memory database has no WAL: fn runs as it is.
 */
export async function withBackgroundCheckpoints<R>(
  db: Db,
  fn: () => Promise<R>,
  everyMs = CHECKPOINT_EVERY_MS,
): Promise<R> {
  const sqlite = db.$client;
  if (sqlite.memory || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return fn();
  const before = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path: sqlite.name, sqliteModule: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // a worker that cannot start (no second connection possible) leaves the checkpoints to this connection
  let failed = false;
  worker.once('error', () => {
    failed = true;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${before}`);
  });
  sqlite.pragma('wal_autocheckpoint = 0');
  try {
    return await fn();
  } finally {
    if (!failed) worker.postMessage('stop');
    await exited;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${before}`);
  }
}
