import { randomBytes } from 'node:crypto';
import pg from 'pg';

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

/** A fresh database on the test server, and its URL; `drop` removes it. */
export async function scratchDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error(String(SKIP_POSTGRES));
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
