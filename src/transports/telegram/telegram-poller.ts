import type { Update } from 'telegraf/types';
import { DeliveryError } from '../../notify/delivery-channel';
import type { TelegramSender } from '../../notify/telegram-sender';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';

// Long polling through the sender (telegraf's own loop would bypass it). Each batch of updates is
// handed over and confirmed by the next poll's offset; the handler returns at once (commands run
// detached), so one slow /scan never holds up everyone else's messages. Failures wait and retry:
// retry_after on a 429, a growing pause on anything else, so a Telegram outage is ridden out.

const POLL_TIMEOUT_S = 50;
const MAX_PAUSE_MS = 60_000;

export function createTelegramPoller(deps: {
  sender: TelegramSender;
  clock: Clock;
  logger: Logger;
  onUpdate: (update: Update) => void;
  timeoutS?: number;
}) {
  const log = deps.logger.child({ component: 'telegram-poller' });
  const stop = new AbortController();
  let offset = 0;
  let done: Promise<void> | null = null;

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stop.signal.aborted) {
      try {
        const updates = await deps.sender.getUpdates(offset, deps.timeoutS ?? POLL_TIMEOUT_S, stop.signal);
        failures = 0;
        for (const update of updates) {
          offset = update.update_id + 1;
          deps.onUpdate(update);
        }
      } catch (err) {
        if (stop.signal.aborted) break;
        failures++;
        const e = err as DeliveryError;
        const pauseMs =
          e.kind === 'rate_limited'
            ? (e.retryAfterMs ?? 5000)
            : Math.min(1000 * 2 ** Math.min(failures - 1, 6), MAX_PAUSE_MS);
        log.warn({ err: e.message, kind: e.kind, failures, pauseMs }, 'polling failed, will retry');
        await Promise.race([
          deps.clock.sleep(pauseMs),
          new Promise((r) => stop.signal.addEventListener('abort', r, { once: true })),
        ]);
      }
    }
  }

  return {
    start(firstOffset = 0): void {
      offset = firstOffset;
      done ??= loop();
    },
    /** Aborts the pending poll; resolves once the loop has left. */
    async stop(): Promise<void> {
      stop.abort();
      await done;
    },
  };
}
