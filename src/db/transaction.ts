import type { Db } from './client';

// Transactions in one place, so every writer opens them the same way. Writes go in transactions so
// a crash leaves no half day (DESIGN.md: nothing lost) and so thousands of upserts pay for one
// journal sync, not one each.
//
// better-sqlite3 runs a transaction only around a synchronous function: `inTransaction` is that
// case. An import slice spans awaits (the next file's lines arrive through async reads), so
// `openTransaction` gives that one by hand (db/sliced-writes.ts). Nothing else may use the
// connection while one is open (imports run one file at a time, from the CLI or a job that owns
// the connection).

/**
 * Runs fn in one transaction, rolled back whole if it throws; nested calls become savepoints.
 * IMMEDIATE: a deferred transaction that reads and then writes fails at once with SQLITE_BUSY
 * (SNAPSHOT) when another process committed in between, without waiting on the busy timeout;
 * taking the write lock at BEGIN makes it wait its turn instead.
 */
export function inTransaction<R>(db: Db, fn: () => R): R {
  return db.$client.transaction(fn).immediate();
}

/** Whether the connection is inside a transaction (SQLite may have rolled one back by itself). */
export function isInTransaction(db: Db): boolean {
  return db.$client.inTransaction;
}

export interface OpenTransaction {
  /** commits, unless SQLite already rolled the transaction back by itself (disk full, I/O error) */
  commit(): void;
  rollback(): void;
}

/**
 * Begins a transaction that spans awaits. IMMEDIATE takes the write lock at once, so a second
 * process waits on the busy timeout here rather than failing at its first write.
 */
export function openTransaction(db: Db): OpenTransaction {
  const sqlite = db.$client;
  sqlite.exec('BEGIN IMMEDIATE');
  return {
    commit() {
      if (sqlite.inTransaction) sqlite.exec('COMMIT');
    },
    rollback() {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    },
  };
}
