import type { Clock } from '../shared/clock';
import type { CircuitState } from '../domain/provider-calls';

export interface CircuitOptions {
  /** failures within the window that open the circuit */
  failures: number;
  windowMs: number;
  /** how long it stays open before one probe is let through */
  openMs: number;
}

/**
 * Stops hammering a provider that is down: `failures` failures within `windowMs` open the circuit
 * for `openMs`; then exactly one probe call goes through, and its outcome closes or reopens it.
 */
export class CircuitBreaker {
  private failureTimes: number[] = [];
  private openedAt: number | null = null;
  private probing = false;
  state: CircuitState = 'closed';

  constructor(
    private readonly options: CircuitOptions,
    private readonly clock: Clock,
    private readonly onChange: (state: CircuitState, at: Date) => void = () => {},
  ) {}

  /** Whether a call may go out now; in half-open state only the first caller gets through. */
  allow(): boolean {
    if (this.state === 'closed') return true;
    const now = this.clock.now().getTime();
    if (this.state === 'open' && this.openedAt !== null && now - this.openedAt >= this.options.openMs) {
      this.set('half_open');
    }
    if (this.state === 'half_open' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  /** When the circuit will let a probe through (for messages), or null when closed. */
  retryAt(): Date | null {
    return this.openedAt === null || this.state === 'closed' ? null : new Date(this.openedAt + this.options.openMs);
  }

  success(): void {
    this.failureTimes = [];
    this.probing = false;
    if (this.state !== 'closed') {
      this.openedAt = null;
      this.set('closed');
    }
  }

  failure(): void {
    const now = this.clock.now().getTime();
    if (this.state === 'half_open') {
      this.probing = false;
      this.open(now);
      return;
    }
    this.failureTimes = this.failureTimes.filter((t) => now - t < this.options.windowMs);
    this.failureTimes.push(now);
    if (this.state === 'closed' && this.failureTimes.length >= this.options.failures) this.open(now);
  }

  private open(now: number): void {
    this.openedAt = now;
    this.failureTimes = [];
    this.set('open');
  }

  private set(state: CircuitState): void {
    if (this.state === state) return;
    this.state = state;
    this.onChange(state, this.clock.now());
  }
}
