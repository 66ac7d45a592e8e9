import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openPgDb, pgMigrationsFolder } from '../../src/db/pg/open-pg';
import { openSyncPg, type SyncPg } from '../../src/db/pg/sync-pg';

// The PostgreSQL the suites run against as well as SQLite: TEST_DATABASE_URL (`.ci/run` starts a
// throwaway cluster and sets it; locally `bin/pg-scratch.sh start DIR`). Unset, the PostgreSQL tests
// skip and say so. Each test works in a database of its own, dropped at the end, so files running in
// parallel never see each other's rows (a database, not a schema: drizzle's PostgreSQL migrations name
// the public schema in their foreign keys).

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? null;

export const SKIP_POSTGRES = TEST_DATABASE_URL
  ? false
  : 'TEST_DATABASE_URL is not set: PostgreSQL tests skipped (bin/pg-scratch.sh start DIR prints one)';

if (SKIP_POSTGRES && process.env.VITEST_WORKER_ID === '1') console.warn(SKIP_POSTGRES);

function serverUrl(): string {
  if (!TEST_DATABASE_URL) throw new Error(String(SKIP_POSTGRES));
  return TEST_DATABASE_URL;
}

function withDatabase(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database on the test server, and its URL; `drop` removes it. */
export async function scratchDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl() });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: withDatabase(name), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// The synchronous scratch databases the suite's PostgreSQL project opens for SQLite paths (pg-project-setup.ts). Migrating a new
// database takes about a second; copying a migrated template takes a tenth of that, so each test
// process migrates one template (named by the migrations' journal, so a new migration makes a new
// one) and every scratch database is a copy of it.

let admin: SyncPg | null = null;
let template: string | null = null;

function adminConnection(): SyncPg {
  admin ??= openSyncPg(serverUrl());
  return admin;
}

function migratedTemplate(): string {
  if (template) return template;
  const journal = readFileSync(join(pgMigrationsFolder, 'meta', '_journal.json'));
  const name = `squeezebot_template_${createHash('sha256').update(journal).digest('hex').slice(0, 12)}`;
  const c = adminConnection();
  // test processes start together: one builds the template, the others wait for it under the lock
  c.query('SELECT pg_advisory_lock(7301)');
  try {
    const exists = c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]).rowCount > 0;
    if (!exists) {
      const building = `${name}_building`;
      c.exec(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      c.exec(`CREATE DATABASE ${building}`);
      openPgDb(withDatabase(building)).$client.close();
      c.exec(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
  } finally {
    c.query('SELECT pg_advisory_unlock(7301)');
  }
  template = name;
  return name;
}

/** A fresh migrated database, synchronously (tempDb is synchronous): its URL, and `drop`. */
export function scratchDatabaseSync(): { url: string; name: string; drop(): void } {
  const source = migratedTemplate();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const c = adminConnection();
  c.exec(`CREATE DATABASE ${name} TEMPLATE ${source}`);
  return { url: withDatabase(name), name, drop: () => c.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
