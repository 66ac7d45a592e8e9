import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { DeliveryError } from './delivery-channel';
import { isMethodMissing, isUnauthorized } from './telegram-errors';

// The calls that put the bot on Telegram (getMe, deleteWebhook, setWebhook, setMyCommands) meet the
// same Bot API as everything else: a 5xx, a 429 or a dropped connection now and then. One of those
// must not stop the bot, so they are retried with exponential backoff inside a bounded total. A 401
// is a wrong or revoked token: retrying cannot fix it, so it ends the start at once and says so.

export interface RetryPolicy {
  /** the first wait; each next one doubles */
  baseMs: number;
  /** the longest single wait */
  maxMs: number;
  /** give up once this much time has gone by */
  totalMs: number;
}

/** getMe and the webhook calls: the bot cannot run without them, so they get up to ~1.5 min. */
export const ESSENTIAL_RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 15_000, totalMs: 90_000 };
/** the command menu: cosmetic, tried for half a minute then skipped */
export const COSMETIC_RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 8_000, totalMs: 30_000 };

export function badTokenError(): ConfigError {
  return new ConfigError([
    'TELEGRAM_BOT_TOKEN was refused by the Bot API (401 Unauthorized): the token is wrong or was revoked; copy it again from @BotFather',
  ]);
}

/**
 * Runs `call` until it succeeds, retrying transient failures and 429s (waiting retry_after) within
 * `policy`. Throws the last error when the time is up, at once for a permanent one (400, 403, a
 * missing method), and a ConfigError for a 401.
 */
export async function retryStartCall<T>(
  method: string,
  call: () => Promise<T>,
  opts: { policy: RetryPolicy; logger: Logger; signal?: AbortSignal },
): Promise<T> {
  const { policy } = opts;
  const t0 = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (isUnauthorized(err)) throw badTokenError();
      // a 404 on a method means this Bot API lacks it (or the API root is wrong): asking again will not help
      if (!(err instanceof DeliveryError) || err.kind === 'permanent' || isMethodMissing(err)) throw err;
      const backoff = Math.min(policy.baseMs * 2 ** (attempt - 1), policy.maxMs);
      const wait = err.kind === 'rate_limited' ? Math.max(err.retryAfterMs ?? backoff, backoff) : backoff;
      const elapsed = Date.now() - t0;
      if (elapsed + wait > policy.totalMs || opts.signal?.aborted) throw err;
      opts.logger.warn({ method, attempt, waitMs: wait, err: err.message }, 'telegram start call failed, retrying');
      await sleep(wait, undefined, { signal: opts.signal }).catch(() => {});
      if (opts.signal?.aborted) throw err;
    }
  }
}
