import type { Db } from './client';

// Transactions in one place, so every writer opens them the same way. Writes go in transactions so
// a crash leaves no half day (DESIGN.md: nothing lost) and so thousands of upserts pay for one
// journal sync, not one each.
//
// better-sqlite3 runs a transaction only around a synchronous function: `inTransaction` is that
// case. A file import reads its lines through async reads, so its transaction has to stay open
// across awaits: `openTransaction` and `openSavepoint` give that one by hand. Nothing else may use
// the connection while one is open (imports run one file at a time, from the CLI or a job that
// owns the connection).

/** Runs fn in one transaction, rolled back whole if it throws; nested calls become savepoints. */
export function inTransaction<R>(db: Db, fn: () => R): R {
  return db.$client.transaction(fn)();
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

export interface OpenSavepoint {
  /** keeps the savepoint's writes in the enclosing transaction */
  release(): void;
  /** undoes the savepoint's writes only; earlier writes of the enclosing transaction stay */
  rollback(): void;
}

/** Opens a savepoint that spans awaits, inside the transaction already open on the connection. */
export function openSavepoint(db: Db, name: string): OpenSavepoint {
  const sqlite = db.$client;
  sqlite.exec(`SAVEPOINT ${name}`);
  return {
    release() {
      sqlite.exec(`RELEASE ${name}`);
    },
    rollback() {
      // after SQLite rolled back the whole transaction by itself there is no savepoint left to undo
      if (sqlite.inTransaction) sqlite.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
    },
  };
}
