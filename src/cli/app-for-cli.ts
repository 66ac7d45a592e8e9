import { createApp, type App, type AppOptions } from '../main';
import { cliLogLevel } from './store-for-cli';
import type { VerbContext } from './verb';

/** The app as one-shot verbs use it: the db from --db, the log at cliLogLevel. */
export function appForCli(ctx: VerbContext, options: AppOptions = {}): App {
  return createApp({
    dbPath: typeof ctx.flags.db === 'string' ? ctx.flags.db : undefined,
    logLevel: cliLogLevel(ctx),
    ...options,
  });
}
