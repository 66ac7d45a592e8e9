import type { Config } from '../config/schema';

// Telegram's limits (about 1 message/s per chat with small bursts, 20/min in a group, ~30/s for the
// bot) as token buckets on the injected clock's time, plus a per-target block after a 429 so the
// whole chat waits its retry_after, not only the message that drew it.

interface Bucket {
  tokens: number;
  at: number;
  ratePerMs: number;
  burst: number;
}

function refill(b: Bucket, now: number): void {
  b.tokens = Math.min(b.burst, b.tokens + (now - b.at) * b.ratePerMs);
  b.at = now;
}

/** ms until the bucket has a whole token (0 = now). */
function waitOf(b: Bucket, now: number): number {
  refill(b, now);
  return b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) / b.ratePerMs);
}

export function createPacing(delivery: Config['alerting']['delivery']) {
  const perTarget = new Map<string, Bucket>();
  const blockedUntil = new Map<string, number>();
  const overall: Bucket = {
    tokens: delivery.overall_per_second,
    at: 0,
    ratePerMs: delivery.overall_per_second / 1000,
    burst: delivery.overall_per_second,
  };
  let overallStarted = false;

  function bucketFor(channel: string, target: string, now: number): Bucket | null {
    if (channel === 'console') return null;
    const key = `${channel}:${target}`;
    let b = perTarget.get(key);
    if (!b) {
      const group = channel === 'telegram' && target.startsWith('-');
      const ratePerMs = group ? delivery.per_group_per_minute / 60_000 : delivery.per_chat_per_second / 1000;
      // no burst in groups: a burst on top of 20/min would break Telegram's any-minute window
      const burst = group ? 1 : delivery.per_chat_burst;
      b = { tokens: burst, at: now, ratePerMs, burst };
      perTarget.set(key, b);
    }
    return b;
  }

  return {
    /** ms until a message to this target may go (0 = now), without taking a token. */
    wait(channel: string, target: string, now: number): number {
      const blocked = (blockedUntil.get(`${channel}:${target}`) ?? 0) - now;
      const b = bucketFor(channel, target, now);
      return Math.max(blocked, b ? waitOf(b, now) : 0, 0);
    },
    /** ms until the bot-wide Telegram budget allows another message. */
    overallWait(channel: string, now: number): number {
      if (channel !== 'telegram') return 0;
      if (!overallStarted) {
        overall.at = now;
        overallStarted = true;
      }
      return waitOf(overall, now);
    },
    take(channel: string, target: string, now: number): void {
      const b = bucketFor(channel, target, now);
      if (b) {
        refill(b, now);
        b.tokens -= 1;
      }
      if (channel === 'telegram') {
        refill(overall, now);
        overall.tokens -= 1;
      }
    },
    block(channel: string, target: string, until: number): void {
      const key = `${channel}:${target}`;
      blockedUntil.set(key, Math.max(blockedUntil.get(key) ?? 0, until));
    },
  };
}

export type Pacing = ReturnType<typeof createPacing>;
