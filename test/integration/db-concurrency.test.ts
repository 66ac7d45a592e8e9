import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS } from '../../src/db/client';
import { createSlicedWrites, DEFAULT_SLICE_MS } from '../../src/db/sliced-writes';
import { FIRST_TRY_MS } from '../../src/db/write-turns';
import { inTransaction } from '../../src/db/transaction';
import { tempDb } from '../support/temp-db';

// Two connections on one file, as two processes would have them. The other connection does not wait
// (busy_timeout 0), so whether it may write shows at once who holds the write lock.

let t: ReturnType<typeof tempDb>;
let other: Database.Database;

beforeEach(() => {
  t = tempDb();
  t.db.$client.exec('CREATE TABLE n (k TEXT PRIMARY KEY, v INTEGER)');
  other = new Database(t.path);
  other.pragma('busy_timeout = 0');
});
afterEach(() => {
  other.close();
  t.cleanup();
});

const otherWrites = () => other.prepare("INSERT OR REPLACE INTO n VALUES ('other', 1)").run();

describe('one database, many connections', () => {
  it('opens every connection with a busy timeout longer than any slice of work, after a short first try', () => {
    // the first try is short: past it the statement asks the long writer for a turn (write-turns.ts,
    // tested in write-turns.test.ts), then waits the full timeout, longer than a slice runs
    expect(t.db.$client.pragma('busy_timeout', { simple: true })).toBe(FIRST_TRY_MS);
    expect(BUSY_TIMEOUT_MS).toBeGreaterThanOrEqual(15_000);
    expect(BUSY_TIMEOUT_MS).toBeGreaterThan(DEFAULT_SLICE_MS);
  });

  it('takes the write lock at BEGIN, so no one commits between a transaction’s read and its write', () => {
    // a deferred transaction would let the other write in here, then fail its own write at once
    // with SQLITE_BUSY_SNAPSHOT, without waiting on the busy timeout
    let otherError: unknown = null;
    inTransaction(t.db, () => {
      t.db.$client.prepare('SELECT count(*) FROM n').get();
      try {
        otherWrites();
      } catch (err) {
        otherError = err;
      }
      t.db.$client.prepare("INSERT INTO n VALUES ('mine', 1)").run();
    });
    expect(otherError).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(other.prepare('SELECT k FROM n').pluck().all()).toEqual(['mine']);
  });

  it('commits a slice once it has held the lock its time, and lets others write between slices', async () => {
    const slices = createSlicedWrites(t.db, { sliceMs: 40, pauseMs: 0 });
    const insert = t.db.$client.prepare('INSERT INTO n VALUES (?, 1)');
    await slices.step(() => insert.run('a'));
    // the slice is open: the lock is held
    let busy: unknown = null;
    try {
      otherWrites();
    } catch (err) {
      busy = err;
    }
    expect(busy).toMatchObject({ code: 'SQLITE_BUSY' });
    const committed: string[] = [];
    slices.afterCommit(() => committed.push('a'));
    await new Promise((ok) => setTimeout(ok, 50));
    await slices.step(() => insert.run('b'));
    // that step ended the slice: both rows committed, the callback run, the lock free
    expect(committed).toEqual(['a']);
    expect(t.db.$client.inTransaction).toBe(false);
    otherWrites();
    await slices.step(() => insert.run('c'));
    slices.rollback();
    expect(other.prepare('SELECT k FROM n ORDER BY k').pluck().all()).toEqual(['a', 'b', 'other']);
  });
});
