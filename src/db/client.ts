import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { fromPackageRoot } from '../shared/package-root';
import { askForTurnsWhenBusy } from './write-turns';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const migrationsFolder = fromPackageRoot('migrations');
export const DEFAULT_DB_PATH = './data/squeezebot.db';
/**
 * How long a statement waits for another process's write lock before SQLITE_BUSY. Longer than any
 * writer holds it (an import's slice ends as soon as a writer asks for a turn, write-turns.ts, and
 * runs 10 s at most, so even a writer that cannot ask gets in within its timeout; a scan's transactions take a few seconds at most), so a second writer waits
 * its turn instead of failing.
 */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * SQLite's page cache per connection. A long-running bot holds the market it scans in memory
 * (pipeline/market-cache.ts) and needs little cache; an import inserting into the (symbol, date) index
 * of every table needs much more, or each insert reads its index page back from disk (a million-row
 * import ~30% slower at 16 MB than at 64 MB), so it takes IMPORT_PAGE_CACHE_KIB while it runs.
 */
export const PAGE_CACHE_KIB = 16 * 1024;
export const IMPORT_PAGE_CACHE_KIB = 64 * 1024;

/** Runs fn with the connection's page cache at `kib`, then gives the memory back. */
export async function withPageCache<R>(db: Db, kib: number, fn: () => Promise<R>): Promise<R> {
  const before = db.$client.pragma('cache_size', { simple: true }) as number;
  db.$client.pragma(`cache_size = -${kib}`);
  try {
    return await fn();
  } finally {
    if (db.$client.open) db.$client.pragma(`cache_size = ${before}`);
  }
}

/** The db path from `--db`, else SQUEEZEBOT_DB, else ./data/squeezebot.db. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.SQUEEZEBOT_DB ?? DEFAULT_DB_PATH;
}

/**
 * Opens the SQLite file with the pragmas the process relies on, and applies pending migrations.
 * WAL lets readers (chat commands) run while the one writer (a collector) commits; other writers
 * (the bot, an import, a scan, each its own process) queue on the busy timeout.
 */
export function openDb(path: string, options: { migrate?: boolean } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // a statement that finds the lock taken asks a long writer for a turn before it waits it out
  askForTurnsWhenBusy(sqlite, BUSY_TIMEOUT_MS);
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const db: Db = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder });
  return db;
}

export function closeDb(db: Db): void {
  if (db.$client.open) db.$client.close();
}
