import type { App } from '../main';
import { errorMessage } from '../shared/errors';
import { startTelegram } from '../transports/telegram/start-telegram';
import type { TelegramTransport } from '../transports/telegram/telegram.transport';
import { consoleBackfillSink } from './backfill-run';
import { echoedTo, runFirstStart } from './first-start';
import { firstStartChats, telegramFirstStartSink } from './first-start-telegram';
import type { VerbContext } from './verb';

// `squeezebot start` with TELEGRAM_BOT_TOKEN: the Telegram bot and the outbox's delivery worker run
// until SIGINT/SIGTERM, then stop in order — no new updates, commands in flight finish, the worker
// hands back what it has not sent (it stays queued for the next start).

export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * Whether `start` runs the scheduler: not with --no-scheduler or SQUEEZEBOT_SCHEDULER=off (tests, a second
 * process).
 */
export function schedulerWanted(ctx: VerbContext): boolean {
  return !ctx.flags['no-scheduler'] && process.env.SQUEEZEBOT_SCHEDULER !== 'off';
}

/** Starts the scheduler (catch-ups first) when wanted; returns whether it runs. */
export function startScheduler(ctx: VerbContext, app: App): boolean {
  if (!schedulerWanted(ctx)) return false;
  const catchUps = app.scheduling.start();
  ctx.out(`Scheduler running (/jobs)${catchUps.length ? `; catching up: ${catchUps.join(', ')}` : ''}.`);
  return true;
}

/** Graceful: no new jobs, running ones get SCHEDULER_GRACE_MS to finish, the rest are marked interrupted. */
export const SCHEDULER_GRACE_MS = 30_000;
export async function stopScheduler(ctx: VerbContext, app: App): Promise<void> {
  const { interrupted } = await app.scheduling.stop({ graceMs: SCHEDULER_GRACE_MS });
  if (interrupted.length)
    ctx.out(`Jobs stopped before they finished (they run again at the next start): ${interrupted.join(', ')}`);
}

function firstStartOnTelegram(
  ctx: VerbContext,
  app: App,
  started: { transport: TelegramTransport },
  signal: AbortSignal,
): Promise<unknown> {
  if (!app.backfill.needed()) return Promise.resolve();
  const chats = firstStartChats(app.chat.services.users, app.settings.current());
  ctx.out(
    chats.length
      ? `First start: filling the empty store behind the bot; progress in Telegram chat${chats.length > 1 ? 's' : ''} ${chats.join(', ')}.`
      : 'First start: filling the empty store behind the bot; no admin or alert chat to show progress in (TELEGRAM_ADMIN_IDS, alerting.channels.telegram.chat_ids).',
  );
  const sink = telegramFirstStartSink({
    sender: started.transport.sender,
    core: app.chat.core,
    clock: app.clock,
    logger: app.logger,
    chats,
  });
  // the operator's terminal (or log) gets the same story in plain lines
  return runFirstStart(app, echoedTo(sink, consoleBackfillSink(ctx, null)), signal);
}

export async function runTelegramBot(
  ctx: VerbContext,
  app: App,
  stopWhen: Promise<unknown> = untilSignal(),
): Promise<number> {
  const { delivery, alerts } = app;
  let started;
  try {
    started = await startTelegram({
      loaded: app.loaded,
      core: app.chat.core,
      users: app.chat.services.users,
      clock: app.clock,
      logger: app.logger,
      delivery,
      alertActions: alerts,
      gaps: app.telegramGaps,
      inbox: app.repos.telegramInbox,
    });
  } catch (err) {
    ctx.err(`Telegram bot did not start: ${errorMessage(err)}`);
    ctx.err('Check TELEGRAM_BOT_TOKEN (and TELEGRAM_API_ROOT if set); `squeezebot doctor` checks the rest.');
    return 1;
  }
  delivery.start();
  ctx.out(
    `Telegram bot @${started.username} is running (${started.mode}), delivering alerts from the outbox. Ctrl-C stops it.`,
  );
  // the bot answers first; an empty store is filled behind it, and the scheduler starts after that (its
  // catch-ups would otherwise fetch the same days beside the backfill)
  const stopping = new AbortController();
  let scheduled = false;
  const firstStart = (
    ctx.flags['no-update'] ? Promise.resolve() : firstStartOnTelegram(ctx, app, started, stopping.signal)
  )
    .catch((err: unknown) => app.logger.error({ err }, 'first start failed'))
    .then(() => {
      if (!stopping.signal.aborted) scheduled = startScheduler(ctx, app);
    });
  const reason = await stopWhen;
  ctx.out(`Stopping (${String(reason)})…`);
  // the backfill stops between two requests and says so in its message, while the bot can still edit it
  stopping.abort();
  await firstStart;
  await started.transport.stop();
  // running jobs finish (within a bound) before the worker stops, so what they queue is kept
  if (scheduled) await stopScheduler(ctx, app);
  await delivery.stop();
  ctx.out('Stopped.');
  return 0;
}
