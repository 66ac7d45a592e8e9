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
 * SQLite's page cache per connection, 64 MB. Tried at 16 MB for the bot's RSS (it saves ~48 MB):
 * the held market's whole-window read (1.3 M rows through the date index) then took 5.5 s instead of
 * ~2.5 s and the day's 20,000-row write 1.4 s instead of 0.5 s, the page reads missing the cache.
 */
export const PAGE_CACHE_KIB = 64 * 1024;

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
