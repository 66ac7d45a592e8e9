import type { App } from '../main';
import { errorMessage } from '../shared/errors';
import { startTelegram } from '../transports/telegram/start-telegram';
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
    });
  } catch (err) {
    ctx.err(`Telegram bot did not start: ${errorMessage(err)}`);
    ctx.err('Check TELEGRAM_BOT_TOKEN (and TELEGRAM_API_ROOT if set); `squeezebot doctor` checks the rest.');
    return 1;
  }
  delivery.start();
  const scheduled = startScheduler(ctx, app);
  ctx.out(
    `Telegram bot @${started.username} is running (${started.mode}), delivering alerts from the outbox. Ctrl-C stops it.`,
  );
  const reason = await stopWhen;
  ctx.out(`Stopping (${String(reason)})…`);
  await started.transport.stop();
  // running jobs finish (within a bound) before the worker stops, so what they queue is kept
  if (scheduled) await stopScheduler(ctx, app);
  await delivery.stop();
  ctx.out('Stopped.');
  return 0;
}
