import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from '../client';
import * as schema from '../schema';
import { fromPackageRoot } from '../../shared/package-root';
import { PgDatabase } from './pg-database';
import { openSyncPg } from './sync-pg';

// Opening the PostgreSQL store (DATABASE_URL=postgres://…): one synchronous connection (sync-pg.ts says
// why), its migrations (migrations-pg/, generated from the same schema description as SQLite's) applied
// through drizzle's PostgreSQL migrator under an advisory lock so replicas starting together migrate
// once, then wrapped by the same drizzle driver as SQLite's (pg-database.ts says why).

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

export function openPgDb(url: string, options: { migrate?: boolean } = {}): Db {
  const connection = openSyncPg(url);
  try {
    if (options.migrate !== false) connection.migrate(pgMigrationsFolder);
  } catch (err) {
    connection.close();
    throw err;
  }
  const client = new PgDatabase(connection, redactDatabaseUrl(url));
  // the one place the PostgreSQL client stands in for better-sqlite3's: the subset the repos and
  // drizzle's driver call (prepare, run/get/all/iterate, pluck, raw, exec, transaction) is what it has
  return drizzle(client as unknown as Database.Database, { schema });
}
