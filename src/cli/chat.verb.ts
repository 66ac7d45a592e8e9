import type { VerbContext } from './verb';
import { formatOutcome } from '../ingest/ingest-deps';
import type { App } from '../main';
import { systemClock } from '../shared/clock';
import { errorMessage } from '../shared/errors';
import { asOfClock } from '../transports/console/as-of-clock';
import {
  runConsoleSession,
  runOneShot,
  type ConsoleChatDeps,
  type DeliveryHook,
} from '../transports/console/console-chat';
import { appForCli } from './app-for-cli';
import { firstStartOnConsole } from './first-start';
import { greetingLine } from '../monitoring/data-cause';
import { readDataCause } from '../monitoring/read-data-cause';
import { startScheduler, stopScheduler } from './telegram-run';

// `squeezebot chat "/top 5"`: one command through the console transport, its reply on stdout (exit 0
// when it answered, 2 for a usage error, 1 otherwise). Without a command: a chat session on the
// terminal, or one command per line from a pipe. `--as-of D` answers as of a past day.

export function consoleDeps(app: App, ctx: VerbContext, asOf?: string): ConsoleChatDeps {
  const parts = app as App & { delivery?: DeliveryHook; outbox?: DeliveryHook };
  return {
    chat: app.chat,
    clock: app.clock,
    logger: app.logger,
    dataDir: app.loaded.config.app.data_dir,
    out: { write: (text) => ctx.out(text.replace(/\n$/, '')) },
    delivery: parts.delivery ?? parts.outbox,
    asOf,
    // read when the session opens, not when deps are built, so it reflects the store at the prompt
    greeting: () => greetingLine(readDataCause(app.repos, app.settings.current(), app.clock.now())),
  };
}

/** `--press 1` or `--press 2,1`: the buttons to press after the command, in order; null when malformed. */
function pressFlag(flag: unknown): number[] | null {
  if (flag === undefined) return [];
  if (typeof flag !== 'string' || !/^\d+(,\d+)*$/.test(flag)) return null;
  return flag.split(',').map(Number);
}

export async function chatVerb(ctx: VerbContext): Promise<number> {
  const asOf = typeof ctx.flags['as-of'] === 'string' ? ctx.flags['as-of'] : undefined;
  const clock = asOf ? asOfClock(asOf, systemClock) : systemClock;
  const app = appForCli(ctx, { clock });
  try {
    const deps = consoleDeps(app, ctx, asOf);
    const text = ctx.args.join(' ').trim();
    const presses = pressFlag(ctx.flags.press);
    if (presses === null) {
      ctx.err('--press takes button numbers as shown in [brackets], e.g. --press 1 or --press 2,1');
      return 2;
    }
    if (text) return await runOneShot(deps, text, undefined, presses);
    await runConsoleSession(deps, process.stdin, Boolean(process.stdin.isTTY));
    return 0;
  } finally {
    app.close();
  }
}

/**
 * `start` without a token. An empty store is filled first, interactive or piped (resumable), so the
 * first scan has something to rank and a piped `/top` answers from it. The daily data update and the
 * scheduler run only beside an interactive session (never in front of the chat): a piped session is a
 * script that ends at EOF, and a background update would print into its output at random points.
 * `--no-update` skips all of it.
 */
export async function runConsoleStart(ctx: VerbContext, app: App): Promise<number> {
  const interactive = Boolean(process.stdin.isTTY);
  // start.verb.ts has already printed the store's state: the session does not repeat it
  const deps = { ...consoleDeps(app, ctx), greeting: undefined };
  let update: Promise<void> = Promise.resolve();
  if (!ctx.flags['no-update']) await firstStartOnConsole(ctx, app, deps, { interactive });
  // interactive: the scheduler runs the collectors (catching up what is due) next to the chat
  const scheduled = interactive && !ctx.flags['no-update'] && startScheduler(ctx, app);
  if (interactive && !ctx.flags['no-update'] && !scheduled) {
    ctx.out('The daily data update runs in the background; its summary prints when it is done.');
    update = (async () => {
      try {
        const outcomes = [...(await app.ingest.daily()), ...(await app.ingest.catchUp())];
        const failed = outcomes.filter((o) => o.status === 'failed');
        ctx.out(`Data update: ${outcomes.length - failed.length} of ${outcomes.length} steps ok.`);
        for (const o of failed) ctx.out(`  ${formatOutcome(o)}`);
      } catch (err) {
        app.logger.error({ err }, 'background data update failed');
        ctx.out(`Data update failed: ${errorMessage(err)} (\`squeezebot doctor\` says why)`);
      }
    })();
  }
  await runConsoleSession(deps, process.stdin, interactive);
  if (scheduled) await stopScheduler(ctx, app);
  await update;
  return 0;
}
