import { openDb, resolveDbPath, type Db } from './client';
import { isPostgresUrl, openPgDb, redactDatabaseUrl } from './pg/open-pg';
import { PgDatabase } from './pg/pg-database';

// Which store a process opens, from one "location": a SQLite file path (the default), or a
// postgres:// URL for the shared store that replicas use. The repos take either (pg-database.ts);
// the few statements the two dialects write differently ask `dialectOf`.

export type Dialect = 'sqlite' | 'postgres';

/**
 * The store's location: `--db`, else DATABASE_URL when it is a PostgreSQL URL, else SQUEEZEBOT_DB,
 * else ./data/squeezebot.db. DATABASE_URL comes before SQUEEZEBOT_DB because setting it is how a
 * deployment says "use the shared store"; a stray SQLite path in the environment must not split it.
 */
export function resolveStoreLocation(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (isPostgresUrl(env.DATABASE_URL)) return env.DATABASE_URL;
  return resolveDbPath(undefined, env);
}

/** Opens and migrates the store at `location`. */
export function openStore(location: string, options: { migrate?: boolean } = {}): Db {
  return isPostgresUrl(location) ? openPgDb(location, options) : openDb(location, options);
}

export function dialectOf(db: Db): Dialect {
  return (db.$client as unknown) instanceof PgDatabase ? 'postgres' : 'sqlite';
}

/** The location as logs, /status and doctor show it: a URL without its password. */
export function storeLabel(location: string): string {
  return isPostgresUrl(location) ? redactDatabaseUrl(location) : location;
}
