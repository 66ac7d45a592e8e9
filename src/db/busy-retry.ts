import type { Logger } from '../shared/logger';

// The one retry for a busy database, at the outermost write of a chat command, a job or an import
// slice. Every connection already waits BUSY_TIMEOUT_MS for the write lock (client.ts) and every
// writer takes it at BEGIN (transaction.ts), so SQLITE_BUSY reaching here means another process held
// the lock longer than that: wait a little and run the whole unit again. The units retried are
// whole transactions or commands whose writes are upserts, so a second run does no harm.

export interface BusyRetryOptions {
  /** runs in all, the first included */
  attempts?: number;
  /** the pause before the first retry; doubled for each next one, with jitter */
  baseMs?: number;
  logger?: Logger;
  /** what is retried, for the log */
  what?: string;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = { attempts: 4, baseMs: 250 };

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY, BUSY_TIMEOUT); not LOCKED. */
export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const defaultSleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** Runs fn, and again after a backoff while it fails with SQLITE_BUSY, at most `attempts` times. */
export async function retryOnBusy<R>(fn: () => R | Promise<R>, options: BusyRetryOptions = {}): Promise<R> {
  const attempts = options.attempts ?? DEFAULTS.attempts;
  const baseMs = options.baseMs ?? DEFAULTS.baseMs;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isBusyError(err) || attempt >= attempts) throw err;
      const ms = Math.round(baseMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
      options.logger?.warn({ what: options.what, attempt, retryInMs: ms }, 'database busy, retrying');
      await sleep(ms);
    }
  }
}
