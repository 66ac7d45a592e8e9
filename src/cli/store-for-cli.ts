import { closeDb, type Db } from '../db/client';
import { openStore, resolveStoreLocation } from '../db/open-store';
import { systemClock, type Clock } from '../shared/clock';
import { createLogger, type Logger } from '../shared/logger';
import type { VerbContext } from './verb';

// Kept apart from app-for-cli.ts (which imports the composition root): a verb that imports only this
// file loads the store's modules, not every service's, and starts in a fraction of the time.

/** One-shot verbs log (JSON on stderr) only errors: every outcome is already a printed line; -v shows all. */
export function cliLogLevel(ctx: VerbContext): string {
  return ctx.flags.verbose ? 'debug' : (process.env.SQUEEZEBOT_LOG_LEVEL ?? 'error');
}

export interface CliStore {
  db: Db;
  logger: Logger;
  clock: Clock;
  close(): void;
}

/** Just the migrated store (--db or DATABASE_URL), a logger and the clock: all `import` needs. */
export function storeForCli(ctx: VerbContext): CliStore {
  const db = openStore(resolveStoreLocation(typeof ctx.flags.db === 'string' ? ctx.flags.db : undefined));
  return { db, logger: createLogger({ level: cliLogLevel(ctx) }), clock: systemClock, close: () => closeDb(db) };
}
