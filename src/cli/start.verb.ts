import { dirname, join } from 'node:path';
import { DEFAULT_DB_PATH } from '../db/client';
import { isPostgresUrl } from '../db/pg/open-pg';
import { resolveStoreLocation, storeLabel } from '../db/open-store';
import type { VerbContext } from './verb';
import { appForCli } from './app-for-cli';
import { runConsoleStart } from './chat.verb';
import { runTelegramBot } from './telegram-run';
import { greetingLine } from '../monitoring/data-cause';
import { readDataCause } from '../monitoring/read-data-cause';

// `start`: the Telegram bot with a token; without one, the console chat (chat.verb.ts).
export async function startVerb(ctx: VerbContext): Promise<number> {
  // a long-running process logs at the configured level (app.log_level, info): the Telegram bot to
  // stderr, the console chat to a file beside the database, since the chat owns the terminal
  // (a PostgreSQL store has no folder of its own here: the log goes where the default file would be)
  const serving = !!process.env.TELEGRAM_BOT_TOKEN;
  const location = resolveStoreLocation(typeof ctx.flags.db === 'string' ? ctx.flags.db : undefined);
  const logFile = serving
    ? undefined
    : join(dirname(isPostgresUrl(location) ? DEFAULT_DB_PATH : location), 'squeezebot.log');
  const app = appForCli(ctx, {
    logFile,
    ...(ctx.flags.verbose || process.env.SQUEEZEBOT_LOG_LEVEL ? {} : { logLevel: undefined }),
  });
  try {
    const { secrets } = app.loaded;
    ctx.out(`squeezebot — database ${storeLabel(app.dbPath)}`);
    // the store's state before anything else: offline, the hosts not reached and the offline path; an
    // empty store about to be filled is told what happens next instead (the offline path only if it fails)
    const filling = app.backfill.needed() && !ctx.flags['no-update'];
    ctx.out(
      filling
        ? 'The store is empty: this first start fills it from the keyless sources, then scans.'
        : greetingLine(readDataCause(app.repos, app.settings.current(), app.clock.now())),
    );
    // with a token the bot runs on Telegram (with the outbox's delivery worker) until stopped
    if (secrets.TELEGRAM_BOT_TOKEN) return await runTelegramBot(ctx, app);
    ctx.out(
      `No TELEGRAM_BOT_TOKEN: opening the console chat (same commands, alerts printed here; the log goes to ${logFile}).`,
    );
    const keyed = (['POLYGON_API_KEY', 'FMP_API_KEY', 'FINNHUB_API_KEY'] as const).filter((k) => secrets[k]);
    ctx.out(
      `Providers: keyless FINRA, Nasdaq Trader, the Nasdaq screener and Yahoo${keyed.length ? `, plus ${keyed.join(', ')}` : ' (no API keys set)'}.`,
    );
    return await runConsoleStart(ctx, app);
  } finally {
    app.close();
  }
}
