import type { Db } from './client';
import { retryOnBusy } from './busy-retry';
import { isInTransaction, openTransaction, type OpenTransaction } from './transaction';
import { turnAskedSince } from './write-turns';
import type { Logger } from '../shared/logger';

// A long writer (an import of thousands of files) sharing the database file with the bot, a scan
// and other imports. SQLite has one write lock per file: a writer that holds it for seconds makes
// every other writer wait seconds (or fail, past the busy timeout). So the long writer commits in
// slices, each ended early as soon as another writer asks for a turn (write-turns.ts), and pauses
// after each commit long enough for a waiting process to get in. Nobody asking, a slice runs to its
// time bound: a commit rewrites most of the key's index (every FINRA file touches every symbol), so
// fewer, longer slices are what makes an import about as fast as one transaction.
// SQLite's busy handler polls the lock every few ms at first and every 100 ms after ~0.3 s: the
// pause after a turn asked for is longer than that period, so the waiter's next poll finds the lock
// free; the pause after a slice that ran to its bound is short and not a fixed fraction of it.

export interface SlicedWritesOptions {
  /** how long one transaction may hold the write lock when no writer asks for a turn (checked between steps); less than BUSY_TIMEOUT_MS, so a writer that cannot ask (a read-only folder for the marker, another tool) still gets in */
  sliceMs?: number;
  /** the pause after each commit, during which other processes can take the lock */
  pauseMs?: number;
  logger?: Logger;
}

export const DEFAULT_SLICE_MS = 10_000;
export const DEFAULT_PAUSE_MS = 15;
/** The pause after a slice ended for a writer that asked: more than the busy handler's longest poll interval. */
export const TURN_PAUSE_MS = 150;

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
  /** epoch ms at the slice's start, against which the turn marker's time is compared */
  let startedAtEpoch = 0;
  // the marker sits beside the file; an in-memory database has no other process to give turns to
  const path = db.$client.memory ? null : db.$client.name;
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
        startedAtEpoch = Date.now();
      }
      const out = fn();
      const asked = path !== null && turnAskedSince(path, startedAtEpoch);
      if (asked || performance.now() - startedAt >= sliceMs) {
        commit();
        const ms = asked ? TURN_PAUSE_MS : pauseMs * (0.5 + Math.random());
        if (ms > 0) await new Promise((ok) => setTimeout(ok, ms));
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
