import { closeSync, openSync, statSync, utimesSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { isBusyError } from './busy-retry';

// Turns at SQLite's one write lock. A long writer (an import) commits far faster in long transactions:
// each commit rewrites most of the (symbol, date) index, since every day's file touches every symbol,
// so 500 ms slices cost an import of a million rows about 60% more than one transaction does. Yet it
// must not keep the bot's writes waiting for seconds. So a writer that finds the lock taken says so —
// it touches a marker file beside the database — and the long writer, which looks at the marker
// between its steps (a stat every few thousand rows), commits and pauses at once. Nobody waiting: it
// holds the lock for its whole slice bound (sliced-writes.ts).
//
// Every connection asks this way (openDb wraps it): a statement first waits FIRST_TRY_MS on its own
// (a slice between two commits, a short transaction), and only if the lock is still held asks for a
// turn and waits the full busy timeout. Retrying is safe where the wrapper retries: SQLite returns
// SQLITE_BUSY for a statement in autocommit mode or for a BEGIN, before anything was changed; inside
// an open IMMEDIATE transaction the lock is already held and nothing waits.

/** How long a statement waits for the lock before it asks for a turn. */
export const FIRST_TRY_MS = 50;

/** The marker a waiting writer touches: `<db>-turn`, beside the -wal and -shm files. */
export function turnMarkerPath(dbPath: string): string {
  return `${dbPath}-turn`;
}

/** Says a writer is waiting: the marker's modification time is when it started to. */
export function askForTurn(dbPath: string): void {
  const marker = turnMarkerPath(dbPath);
  const now = new Date();
  try {
    utimesSync(marker, now, now);
  } catch {
    try {
      closeSync(openSync(marker, 'a'));
    } catch {
      // a read-only directory: the long writer will commit at its slice bound instead
    }
  }
}

/** Whether a writer asked for a turn after `sinceMs` (epoch ms). */
export function turnAskedSince(dbPath: string, sinceMs: number): boolean {
  try {
    return statSync(turnMarkerPath(dbPath)).mtimeMs > sinceMs;
  } catch {
    return false;
  }
}

type Method = 'run' | 'get' | 'all' | 'iterate';

/**
 * Makes every statement of `sqlite` wait FIRST_TRY_MS for the lock, then ask for a turn and wait up to
 * `busyTimeoutMs`. In-memory databases are left as they are (no other process can hold their lock).
 */
export function askForTurnsWhenBusy(sqlite: Database.Database, busyTimeoutMs: number): void {
  if (sqlite.memory) return;
  const path = sqlite.name;
  sqlite.pragma(`busy_timeout = ${FIRST_TRY_MS}`);
  /** runs fn; on SQLITE_BUSY asks for a turn and runs it once more with the full timeout */
  const withTurn = <R>(fn: () => R): R => {
    try {
      return fn();
    } catch (err) {
      if (!isBusyError(err) || sqlite.inTransaction) throw err;
      askForTurn(path);
      sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
      try {
        return fn();
      } finally {
        sqlite.pragma(`busy_timeout = ${FIRST_TRY_MS}`);
      }
    }
  };

  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    const methods = statement as unknown as Record<Method, (...args: unknown[]) => unknown>;
    for (const method of ['run', 'get', 'all'] as const) {
      const call = methods[method].bind(statement);
      methods[method] = (...args: unknown[]) => withTurn(() => call(...args));
    }
    // an iterator meets the lock at its first step: that step, with the statement's start, is retried
    const iterate = methods.iterate.bind(statement) as (...args: unknown[]) => IterableIterator<unknown>;
    methods.iterate = (...args: unknown[]) => {
      const [it, first] = withTurn(() => {
        const started = iterate(...args);
        return [started, started.next()] as const;
      });
      return resumed(it, first);
    };
    return statement;
  }) as typeof sqlite.prepare;

  const exec = sqlite.exec.bind(sqlite);
  sqlite.exec = (source: string) => withTurn(() => exec(source));

  // better-sqlite3 begins its transactions with statements of its own, not through prepare
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    type Variant = (this: unknown, ...args: unknown[]) => unknown;
    const t = transaction(fn) as unknown as Variant &
      Record<'default' | 'deferred' | 'immediate' | 'exclusive', Variant>;
    const wrap = (variant: Variant): Variant =>
      function (this: unknown, ...args: unknown[]) {
        return withTurn(() => variant.apply(this, args));
      };
    const out = wrap(t);
    for (const v of ['default', 'deferred', 'immediate', 'exclusive'] as const)
      Object.defineProperty(out, v, { value: wrap(t[v]) });
    Object.defineProperty(out, 'database', { value: sqlite });
    return out;
  }) as typeof sqlite.transaction;
}

/** An iterator whose first result was already taken. */
function resumed<T>(it: IterableIterator<T>, first: IteratorResult<T>): IterableIterator<T> {
  let pending: IteratorResult<T> | null = first;
  const out: IterableIterator<T> = {
    next() {
      if (pending) {
        const r = pending;
        pending = null;
        return r;
      }
      return it.next();
    },
    return(value?: unknown) {
      pending = null;
      return it.return ? it.return(value) : { done: true, value: value as T };
    },
    [Symbol.iterator]() {
      return out;
    },
  };
  return out;
}
