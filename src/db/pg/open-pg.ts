import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Db } from '../client';
import * as schema from '../schema';
import { fromPackageRoot } from '../../shared/package-root';
import { PgDatabase } from './pg-database';
import { openSyncPg } from './sync-pg';

// Opening the PostgreSQL store (DATABASE_URL=postgres://…): its migrations (migrations-pg/, generated
// from the same schema description as SQLite's) applied through drizzle's PostgreSQL migrator, which
// takes an advisory lock so replicas starting together migrate once; then the synchronous connection
// the repos use, wrapped by the same drizzle driver as SQLite's (pg-database.ts says why).

export const pgMigrationsFolder = fromPackageRoot('migrations-pg');

/** The URL with its password replaced, for logs, /status and doctor. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export async function migratePg(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzleNodePg(client), { migrationsFolder: pgMigrationsFolder });
  } finally {
    await client.end();
  }
}

export async function openPgDb(url: string, options: { migrate?: boolean } = {}): Promise<Db> {
  if (options.migrate !== false) await migratePg(url);
  const client = new PgDatabase(await openSyncPg(url), redactDatabaseUrl(url));
  // the one place the PostgreSQL client stands in for better-sqlite3's: the subset the repos and
  // drizzle's driver call (prepare, run/get/all/iterate, pluck, raw, exec, transaction) is what it has
  const db: Db = drizzle(client as unknown as Database.Database, { schema });
  return db;
}
