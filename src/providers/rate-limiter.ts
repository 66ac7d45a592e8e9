import type { Clock } from '../shared/clock';

/**
 * A token bucket per provider. Capacity is ten seconds' worth of calls, so a burst never
 * exceeds what the provider tolerates while a steady stream runs at the configured rate.
 * Waiters are served in arrival order.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  private readonly perMs: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    callsPerMinute: number,
    private readonly clock: Clock,
  ) {
    this.capacity = Math.max(1, Math.floor(callsPerMinute / 6));
    this.perMs = callsPerMinute / 60_000;
    this.tokens = this.capacity;
    this.last = clock.now().getTime();
  }

  /** Resolves when the caller may make one call. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil((1 - this.tokens) / this.perMs));
    }
  }
}
