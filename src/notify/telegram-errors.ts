import { TelegramError } from 'telegraf';
import { DeliveryError } from './delivery-channel';

// How a failed Bot API call steers the delivery worker. Telegram says 429 with parameters.retry_after
// when we send too fast; 5xx, network errors and our own timeouts are worth retrying; a 400 or 403 is
// about the target (chat not found, bot blocked, bad markup) and will not get better by retrying.
// 401/404/409 mean the bot itself is misconfigured (token, API root, a webhook still set): that is
// not the target's fault, so the message waits and retries instead of being dropped.
// (A 404 on an optional method, sendPhoto, sendDocument, sendChatAction or setMyCommands, means this
// Bot API lacks it: the sender degrades instead, see telegram-api-gaps.ts.)

/** retry_after when Telegram forgets to say (it always says, but a local Bot API server might not) */
const DEFAULT_RETRY_AFTER_S = 5;

export function toDeliveryError(err: unknown, method: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof TelegramError) {
    const code = err.code;
    const what = `telegram ${method}: ${err.description}`;
    if (code === 429) {
      const seconds = err.parameters?.retry_after ?? DEFAULT_RETRY_AFTER_S;
      return new DeliveryError('rate_limited', what, { retryAfterMs: seconds * 1000, cause: err });
    }
    if (code >= 500 || code === 401 || code === 404 || code === 409)
      return new DeliveryError('transient', what, { cause: err });
    return new DeliveryError('permanent', what, { cause: err });
  }
  const name = (err as { name?: string } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  // node-fetch's FetchError (refused, reset, DNS), our AbortSignal timeout, anything else on the wire
  const kind = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
  return new DeliveryError('transient', `telegram ${method}: ${kind}: ${message}`, { cause: err });
}

/** Editing a message to what it already says: Telegram answers 400, we call it done. */
export function isNotModified(err: unknown): boolean {
  return err instanceof TelegramError && err.code === 400 && /message is not modified/i.test(err.description);
}

/** A button pressed long ago: the toast is lost, nothing else is. */
export function isStaleCallback(err: unknown): boolean {
  return (
    err instanceof TelegramError && err.code === 400 && /query is too old|query id is invalid/i.test(err.description)
  );
}

/** The TelegramError itself, or the one a DeliveryError wraps. */
const telegramCause = (err: unknown): TelegramError | null => {
  const e = err instanceof TelegramError ? err : (err as { cause?: unknown } | null)?.cause;
  return e instanceof TelegramError ? e : null;
};

/** "No such method here": Telegram answers an unknown method 404 Not Found, a proxy may say 501. */
export function isMethodMissing(err: unknown): boolean {
  const code = telegramCause(err)?.code;
  return code === 404 || code === 501;
}

/** A wrong or revoked token: nothing a retry can fix. */
export function isUnauthorized(err: unknown): boolean {
  return telegramCause(err)?.code === 401;
}
