import { randomBytes } from 'node:crypto';
import pg from 'pg';

// The PostgreSQL the suites run against as well as SQLite: TEST_DATABASE_URL (`.ci/run` starts a
// throwaway cluster and sets it; locally `bin/pg-scratch.sh start DIR`). Unset, the PostgreSQL tests
// skip and say so. Each test file works in a schema of its own, dropped at the end, so files running in
// parallel never see each other's rows.

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? null;

export const SKIP_POSTGRES = TEST_DATABASE_URL
  ? false
  : 'TEST_DATABASE_URL is not set: PostgreSQL tests skipped (bin/pg-scratch.sh start DIR prints one)';

if (SKIP_POSTGRES && process.env.VITEST_WORKER_ID === '1') console.warn(SKIP_POSTGRES);

/** A fresh schema on the test database, and a URL whose connections use it; `drop` removes it. */
export async function scratchSchema(): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error(String(SKIP_POSTGRES));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}
