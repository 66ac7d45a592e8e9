import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { withBackgroundCheckpoints } from '../../src/db/background-checkpoints';
import { openDb } from '../../src/db/client';
import { tempDb } from '../support/temp-db';

// The import hands its WAL checkpoints to a second thread. The database file only grows when a
// checkpoint copies pages into it, and the import's own connection checkpoints nothing meanwhile, so
// the file growing before fn returns is the other thread's work.

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  return cond();
}

describe('background checkpoints', () => {
  it('copies committed frames into the database file while the import connection runs autocheckpoint-free', async () => {
    const t = tempDb();
    cleanup = () => t.cleanup();
    const sqlite = t.db.$client;
    sqlite.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB)');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const sizeBefore = statSync(t.path).size;
    const grew = await withBackgroundCheckpoints(
      t.db,
      async () => {
        expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
        const insert = sqlite.prepare('INSERT INTO blobs (b) VALUES (?)');
        sqlite.transaction(() => {
          for (let i = 0; i < 2000; i++) insert.run(Buffer.alloc(1000, i % 256));
        })();
        return until(() => statSync(t.path).size > sizeBefore + 1_000_000, 5_000);
      },
      20,
    );
    expect(grew).toBe(true);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(sqlite.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 2000 });
  });

  it('leaves an in-memory database as it is', async () => {
    const db = openDb(':memory:');
    try {
      const out = await withBackgroundCheckpoints(db, async () =>
        db.$client.pragma('wal_autocheckpoint', { simple: true }),
      );
      expect(out).toBe(1000);
    } finally {
      db.$client.close();
    }
  });
});
