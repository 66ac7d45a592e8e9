import { afterAll, vi } from 'vitest';

// The suite's PostgreSQL project (vitest.config.ts): every store a test opens through `openStore` — the
// app's own (createApp), tempDb's — is a scratch PostgreSQL database instead of the SQLite file it
// names. The same path opens the same database again (a restart test reopens its file), and the
// databases are dropped when the file's tests end. Tests that reach past the store into SQLite itself
// (the sqlite3 shell, a second better-sqlite3 handle, pragmas, the write-turn marker) are listed out of
// the project in vitest.config.ts.

const scratch = vi.hoisted(() => new Map<string, { url: string; drop(): void }>());

vi.mock('../../src/db/open-store', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/db/open-store')>();
  const { isPostgresUrl } = await import('../../src/db/pg/open-pg');
  const { scratchDatabaseSync } = await import('./postgres');
  return {
    ...real,
    openStore(location: string, options?: { migrate?: boolean }) {
      if (isPostgresUrl(location)) return real.openStore(location, options);
      let db = scratch.get(location);
      if (!db) scratch.set(location, (db = scratchDatabaseSync()));
      return real.openStore(db.url, options);
    },
  };
});

afterAll(() => {
  for (const db of scratch.values()) db.drop();
  scratch.clear();
});
