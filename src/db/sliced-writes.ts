import type { Db } from './client';
import { retryOnBusy } from './busy-retry';
import { isInTransaction, openTransaction, type OpenTransaction } from './transaction';
import type { Logger } from '../shared/logger';

// A long writer (an import of thousands of files) sharing the database file with the bot, a scan
// and other imports. SQLite has one write lock per file: a writer that holds it for seconds makes
// every other writer wait seconds (or fail, past the busy timeout). So the long writer commits in
// slices bounded in time, and pauses between them long enough for a waiting process to get in:
// SQLite's busy handler polls the lock every few ms at first and every 100 ms after ~0.3 s, and a
// pause that is not a fixed fraction of that period keeps a waiter from missing every gap.
// Many small steps still share one commit while they fit in a slice: a commit per FINRA file would
// rewrite most of the key's index each time.

export interface SlicedWritesOptions {
  /** how long one transaction may hold the write lock before it commits (checked between steps) */
  sliceMs?: number;
  /** the pause after each commit, during which other processes can take the lock */
  pauseMs?: number;
  logger?: Logger;
}

export const DEFAULT_SLICE_MS = 500;
export const DEFAULT_PAUSE_MS = 15;

export interface SlicedWrites {
  /** runs one synchronous step inside the current slice (opening one if none), then commits if the slice is full */
  step<R>(fn: () => R): Promise<R>;
  /** runs `fn` once the writes made so far are committed (a file's line is printed only then) */
  afterCommit(fn: () => void): void;
  /** commits the open slice, if any */
  commit(): void;
  /** undoes the open slice, if any; committed slices stay */
  rollback(): void;
}

export function createSlicedWrites(db: Db, options: SlicedWritesOptions = {}): SlicedWrites {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const pauseMs = options.pauseMs ?? DEFAULT_PAUSE_MS;
  let open: OpenTransaction | null = null;
  let startedAt = 0;
  let pending: (() => void)[] = [];

  function commit(): void {
    open?.commit();
    open = null;
    const done = pending;
    pending = [];
    for (const fn of done) fn();
  }

  return {
    async step(fn) {
      if (!open) {
        if (isInTransaction(db)) throw new Error('the database connection is already inside a transaction');
        // BEGIN IMMEDIATE waits on the busy timeout; past it, the one retry helper backs off and tries again
        open = await retryOnBusy(() => openTransaction(db), { logger: options.logger, what: 'import slice' });
        startedAt = performance.now();
      }
      const out = fn();
      if (performance.now() - startedAt >= sliceMs) {
        commit();
        if (pauseMs > 0) await new Promise((ok) => setTimeout(ok, pauseMs * (0.5 + Math.random())));
      }
      return out;
    },
    afterCommit(fn) {
      if (open) pending.push(fn);
      else fn();
    },
    commit,
    rollback() {
      open?.rollback();
      open = null;
      pending = [];
    },
  };
}
