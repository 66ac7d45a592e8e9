import type { ReplySurface } from '../../chat/chat-core';
import type { ReplyOptions, SentMessage } from '../../chat/chat-context';
import { DeliveryError } from '../../notify/delivery-channel';
import { telegramSteps, type TelegramSender, type TelegramStep } from '../../notify/telegram-sender';
import type { Clock } from '../../shared/clock';

// How a command's replies reach one Telegram chat. Replies are interactive, so they do not go through
// the outbox; but a 429 still waits its retry_after and a 5xx is tried again (a few times, briefly),
// and a split reply resumes at the part that failed instead of repeating the ones that arrived.

const MAX_ATTEMPTS = 4;
/** a user waiting for an answer: longer than this and the reply is not worth sending late */
const MAX_WAIT_MS = 30_000;

export async function withRetry<T>(clock: Clock, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof DeliveryError) || err.kind === 'permanent' || attempt >= MAX_ATTEMPTS) throw err;
      const wait = err.kind === 'rate_limited' ? (err.retryAfterMs ?? 1000) : 500 * 2 ** (attempt - 1);
      if (wait > MAX_WAIT_MS) throw err;
      await clock.sleep(wait);
    }
  }
}

export function telegramSurface(deps: { sender: TelegramSender; clock: Clock }, chatId: string): ReplySurface {
  const { sender, clock } = deps;

  async function send(steps: TelegramStep[], options: ReplyOptions = {}): Promise<SentMessage> {
    const ids: number[] = [];
    await withRetry(clock, () =>
      sender.send(chatId, steps, options, { from: ids.length, onSent: (_, id) => void ids.push(id) }),
    );
    // the last part is the one with the buttons, the one a later edit should change
    return { messageId: ids[ids.length - 1]! };
  }

  return {
    reply: (html, options) => send(telegramSteps.text(html), options),
    replyPhoto: (png, caption, options) =>
      send(telegramSteps.photo(png, caption ?? '', undefined, options?.where), options),
    replyDocument: (content, filename, caption, options) =>
      send(telegramSteps.document(content, filename, caption ?? '', options?.where), options),
    edit: (message, html, options) =>
      withRetry(clock, () => sender.editText(chatId, Number(message.messageId), html, options)),
    // a missed "typing…" hint is not worth a retry or an error
    action: (kind) => sender.action(chatId, kind).catch(() => {}),
  };
}
