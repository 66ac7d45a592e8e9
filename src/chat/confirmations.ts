import { randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock';

// Changes that need a second press: the command shows what would change (old → new) under Confirm
// and Cancel; only the button carries the token, the change itself waits here. Held in memory on
// purpose: after a restart, or after TTL_MS, the button answers that it expired and nothing happens —
// a change is never applied from a stale screen.

export const CONFIRM_TTL_MS = 10 * 60_000;

/** What a confirmed press does: applies the change and returns the HTML that replaces the question. */
export type ApplyChange = () => Promise<string>;

interface Pending {
  userId: string;
  chatId: string;
  expiresAt: number;
  apply: ApplyChange;
}

export type Taken = { ok: true; apply: ApplyChange } | { ok: false; reason: 'expired' | 'someone_else' };

export function createConfirmations(clock: Clock, ttlMs = CONFIRM_TTL_MS) {
  const pending = new Map<string, Pending>();

  function sweep(now: number): void {
    for (const [token, p] of pending) if (p.expiresAt <= now) pending.delete(token);
  }

  return {
    /** Holds a change for `userId` in `chatId`; returns the token for its buttons (10 hex characters). */
    open(userId: string, chatId: string, apply: ApplyChange): string {
      const now = clock.now().getTime();
      sweep(now);
      const token = randomBytes(5).toString('hex');
      pending.set(token, { userId, chatId, expiresAt: now + ttlMs, apply });
      return token;
    },

    /** The change behind a token, once: only the user who asked may confirm or cancel it. */
    take(token: string, userId: string, chatId: string): Taken {
      const now = clock.now().getTime();
      sweep(now);
      const p = pending.get(token);
      if (!p || p.chatId !== chatId) return { ok: false, reason: 'expired' };
      if (p.userId !== userId) return { ok: false, reason: 'someone_else' };
      pending.delete(token);
      return { ok: true, apply: p.apply };
    },

    size: (): number => pending.size,
  };
}

export type Confirmations = ReturnType<typeof createConfirmations>;
