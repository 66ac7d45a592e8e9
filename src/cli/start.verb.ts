import { formatOutcome } from '../ingest/ingest-deps';
import type { VerbContext } from '../cli';
import { appForCli } from './app-for-cli';
import { runTelegramBot } from './telegram-run';

// Until the chat bot lands (console chat without a token, Telegram with one), `start` runs the
// daily data update once and says what it did.
export async function startVerb(ctx: VerbContext): Promise<number> {
  const app = appForCli(ctx);
  try {
    const { secrets } = app.loaded;
    ctx.out(`squeezebot — database ${app.dbPath}`);
    // with a token the bot runs on Telegram (with the outbox's delivery worker) until stopped
    if (secrets.TELEGRAM_BOT_TOKEN) return await runTelegramBot(ctx, app);
    ctx.out('No TELEGRAM_BOT_TOKEN: the console chat comes with the chat-bot issue.');
    const keyed = (['POLYGON_API_KEY', 'FMP_API_KEY', 'FINNHUB_API_KEY'] as const).filter((k) => secrets[k]);
    ctx.out(`Providers: keyless FINRA, Nasdaq Trader and Yahoo${keyed.length ? `, plus ${keyed.join(', ')}` : ' (no API keys set)'}.`);
    ctx.out('Running the daily data update once:');
    const outcomes = [...(await app.ingest.daily()), ...(await app.ingest.catchUp())];
    for (const o of outcomes) ctx.out(`  ${formatOutcome(o)}`);
    const failed = outcomes.filter((o) => o.status === 'failed');
    ctx.out(failed.length ? `${failed.length} of ${outcomes.length} steps failed; \`squeezebot doctor\` says why.` : 'Done.');
    return 0;
  } finally {
    app.close();
  }
}
