import { createApp, type App, type AppOptions } from '../main';
import type { VerbContext } from './verb';

/**
 * The app as one-shot verbs use it: the db from --db; the log (JSON on stderr) only for errors,
 * since every outcome is already printed as a line a person reads — `--verbose` shows all of it.
 */
export function appForCli(ctx: VerbContext, options: AppOptions = {}): App {
  return createApp({
    dbPath: typeof ctx.flags.db === 'string' ? ctx.flags.db : undefined,
    logLevel: ctx.flags.verbose ? 'debug' : (process.env.SQUEEZEBOT_LOG_LEVEL ?? 'error'),
    ...options,
  });
}
