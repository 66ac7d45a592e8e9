import { DeliveryError } from '../../notify/delivery-channel';
import { telegramSteps, type TelegramSender } from '../../notify/telegram-sender';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { withRetry } from './telegram-surface';

// A long job's progress as ONE Telegram message per chat, edited in place: a stream of messages would
// bury the chat, and Telegram rate-limits edits, so updates are throttled to one edit per interval
// (the newest text wins, the ones between are skipped; a trailing edit follows the last update so a
// stall never leaves an old step shown) and `finish` always lands the final text. The intermediate
// edits are best effort; the first send and the final edit wait out a 429 and retry a 5xx.

export const PROGRESS_EDIT_INTERVAL_MS = 2500;

export interface ProgressMessageDeps {
  sender: Pick<TelegramSender, 'send' | 'editText'>;
  clock: Clock;
  logger: Logger;
  chatIds: readonly string[];
  minIntervalMs?: number;
}

export function createProgressMessage(deps: ProgressMessageDeps) {
  const { sender, clock } = deps;
  const log = deps.logger.child({ component: 'progress-message' });
  const interval = deps.minIntervalMs ?? PROGRESS_EDIT_INTERVAL_MS;
  /** chat → the message being edited there; a chat that refused the first send is left out */
  const sent = new Map<string, number>();
  let lastEditAt = 0;
  let pending: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let finished = false;

  async function editAll(html: string, retry: boolean): Promise<void> {
    await Promise.all(
      [...sent].map(([chatId, messageId]) => {
        const edit = () => sender.editText(chatId, messageId, html);
        return (retry ? withRetry(clock, edit) : edit()).catch((err: unknown) => {
          // a 429 on an intermediate edit: the next one waits at least as long as Telegram asked
          if (err instanceof DeliveryError && err.kind === 'rate_limited')
            lastEditAt = Math.max(lastEditAt, clock.now().getTime() + (err.retryAfterMs ?? interval) - interval);
          log.warn({ chatId, messageId, err: (err as Error).message }, 'progress edit failed');
        });
      }),
    );
  }

  function flush(): void {
    timer = null;
    if (finished || pending === null) return;
    const html = pending;
    pending = null;
    lastEditAt = clock.now().getTime();
    inFlight = editAll(html, false).finally(() => {
      inFlight = null;
      schedule();
    });
  }

  function schedule(): void {
    if (finished || pending === null || timer || inFlight) return;
    const wait = lastEditAt + interval - clock.now().getTime();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait).unref();
  }

  return {
    /** Sends the first text to every chat; the chats it reached are the ones edited after. */
    async start(html: string): Promise<void> {
      for (const chatId of deps.chatIds) {
        try {
          const [id] = await withRetry(clock, () => sender.send(chatId, telegramSteps.text(html).slice(0, 1)));
          if (id !== undefined) sent.set(chatId, id);
        } catch (err) {
          log.warn({ chatId, err: (err as Error).message }, 'progress message not sent');
        }
      }
      lastEditAt = clock.now().getTime();
    },

    /** The newest state: edited now if the interval has passed, else at its end (the newest text then). */
    update(html: string): void {
      pending = html;
      schedule();
    },

    /** The last text, after any edit in flight; nothing is edited after it. */
    async finish(html: string): Promise<void> {
      finished = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      if (inFlight) await inFlight;
      await editAll(html, true);
    },

    /** The chats that got the message (for what follows it there). */
    chats: (): string[] => [...sent.keys()],
  };
}

export type ProgressMessage = ReturnType<typeof createProgressMessage>;
