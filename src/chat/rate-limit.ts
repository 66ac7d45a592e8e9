import type { Clock } from '../shared/clock';

// Per-user command rate limit over a sliding minute. The first command over the limit gets a friendly
// reply; the rest inside the same window are dropped silently, so a runaway script cannot make the
// bot flood a chat with refusals.

export interface RateDecision {
  allowed: boolean;
  /** true for the first refusal in a window: the one that gets a reply */
  notify: boolean;
  retryAfterMs: number;
}

export function createRateLimiter(options: { limit: () => number; windowMs?: number; clock: Clock }) {
  const windowMs = options.windowMs ?? 60_000;
  const hits = new Map<string, number[]>();
  const notified = new Map<string, number>();
  return {
    hit(key: string): RateDecision {
      const now = options.clock.now().getTime();
      const recent = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
      if (recent.length >= options.limit()) {
        hits.set(key, recent);
        const retryAfterMs = recent[0]! + windowMs - now;
        const last = notified.get(key);
        const notify = last === undefined || last <= now - windowMs;
        if (notify) notified.set(key, now);
        return { allowed: false, notify, retryAfterMs };
      }
      recent.push(now);
      hits.set(key, recent);
      return { allowed: true, notify: false, retryAfterMs: 0 };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
