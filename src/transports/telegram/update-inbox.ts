import type { Update } from 'telegraf/types';
import type { InboxUpdate, StoredUpdate } from '../../db/repos/telegram-inbox.repo';
import { thisProcess } from '../../alerts/process-owner';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { updateChatId } from './update-chat';

// The durable inbox between Telegram and the handlers (issue 17). The webhook and the poller only
// store updates (so the webhook can answer 200 before anything runs); handling claims them from the
// database, so every process sharing it takes part: one chat's updates one at a time in update_id
// order, different chats side by side. A claim is a lease renewed while the handler runs; a process
// killed mid-update stops renewing, the lease runs out and another process handles that update
// again — at least once, as Telegram delivers.

/** The inbox repo's shape (src/db/repos/telegram-inbox.repo.ts). */
export interface InboxStore {
  store(u: InboxUpdate, receivedAt: string): boolean;
  claimable(opts: { now: string; receivedBy: string; limit: number }): StoredUpdate[];
  claim(updateId: number, owner: string, now: string, leaseUntil: string): boolean;
  extend(updateIds: readonly number[], owner: string, leaseUntil: string): number;
  complete(updateId: number, owner: string, now: string): boolean;
  pruneDone(cutoff: string): number;
}

export interface UpdateInboxOptions {
  /** how long a claim holds without renewal: a dead process's update waits this long (default 60 s) */
  leaseMs?: number;
  /** how often an idle process looks for updates stored by others or left by the dead (default 500 ms) */
  pollMs?: number;
  /**
   * How long an update rests before it may be claimed. Telegram may deliver one chat's updates over
   * parallel webhook connections, so a lower update_id can arrive a moment after a higher one; the
   * webhook rests them briefly for that. Long polling returns them in order and needs none.
   */
  holdMs?: number;
  /** updates handled at once by this process (each from a different chat) */
  maxInFlight?: number;
  /** handled updates are kept this long, then pruned (default a day) */
  retentionMs?: number;
  /** who claims (default host:pid) */
  owner?: string;
}

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export function createUpdateInbox(
  deps: {
    store: InboxStore;
    clock: Clock;
    logger: Logger;
    /** handles one update; resolves when its work is finished */
    handle: (update: Update) => Promise<void>;
  } & UpdateInboxOptions,
) {
  const { store, clock } = deps;
  const log = deps.logger.child({ component: 'telegram-inbox' });
  const owner = deps.owner ?? thisProcess();
  const leaseMs = deps.leaseMs ?? 60_000;
  const holdMs = deps.holdMs ?? 0;
  const maxInFlight = deps.maxInFlight ?? 32;
  const inflight = new Map<number, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  let running = false;
  let pumping = false;
  let again = false;
  let lastPrune = 0;

  const iso = (ms: number) => new Date(ms).toISOString();

  function handleOne(row: StoredUpdate): void {
    const work = (async () => {
      try {
        await deps.handle(JSON.parse(row.payload) as Update);
      } catch (err) {
        // the transport answers its own errors; one that escapes still ends the update, or a chat
        // whose update always fails would be stuck behind it for good
        log.error({ err, updateId: row.updateId }, 'inbox update failed');
      }
      try {
        if (!store.complete(row.updateId, owner, iso(clock.now().getTime())))
          log.warn({ updateId: row.updateId }, 'inbox claim lost before done (lease expired)');
      } catch (err) {
        log.error({ err, updateId: row.updateId }, 'inbox update not marked done');
      }
    })().finally(() => {
      inflight.delete(row.updateId);
      wake();
    });
    inflight.set(row.updateId, work);
  }

  function pump(): void {
    if (!running) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        const free = maxInFlight - inflight.size;
        if (free <= 0) break;
        const now = clock.now().getTime();
        const rows = store.claimable({ now: iso(now), receivedBy: iso(now - holdMs), limit: free });
        for (const row of rows) {
          if (inflight.has(row.updateId)) continue;
          if (!store.claim(row.updateId, owner, iso(now), iso(now + leaseMs))) continue;
          if (row.attempts > 0) log.warn({ updateId: row.updateId, chatId: row.chatId }, 'inbox update taken over');
          handleOne(row);
        }
      } while (again);
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        const pruned = store.pruneDone(iso(clock.now().getTime() - (deps.retentionMs ?? DAY_MS)));
        if (pruned) log.info({ pruned }, 'inbox pruned');
      }
    } catch (err) {
      // a busy database or a passing error: the next poll tries again
      log.warn({ err }, 'inbox pump failed');
    } finally {
      pumping = false;
    }
  }

  // without a hold the claim follows at once, so an update is never stored-but-idle in between
  function wake(): void {
    if (!running) return;
    if (holdMs === 0) pump();
    else setTimeout(pump, holdMs).unref();
  }

  function renew(): void {
    if (inflight.size === 0) return;
    try {
      store.extend([...inflight.keys()], owner, iso(clock.now().getTime() + leaseMs));
    } catch (err) {
      log.warn({ err }, 'inbox lease not renewed');
    }
  }

  return {
    /**
     * Stores an update (raw JSON, its id, its chat) and returns at once; false for a redelivery.
     * Throws when the database refuses, so the webhook answers 500 and Telegram sends it again.
     */
    accept(update: Update): boolean {
      const fresh = store.store(
        { updateId: update.update_id, chatId: updateChatId(update), payload: JSON.stringify(update) },
        iso(clock.now().getTime()),
      );
      if (fresh) wake();
      return fresh;
    },

    start(): void {
      if (running) return;
      running = true;
      timers.push(setInterval(pump, deps.pollMs ?? 500).unref());
      timers.push(setInterval(renew, Math.max(50, Math.floor(leaseMs / 3))).unref());
      pump();
    },

    /** Stops claiming, then waits (bounded) for the updates in hand; their leases are renewed meanwhile. */
    async stop(options: { graceMs?: number } = {}): Promise<void> {
      running = false;
      clearInterval(timers.shift());
      const grace = new Promise((r) => setTimeout(r, options.graceMs ?? 10_000).unref());
      await Promise.race([Promise.allSettled([...inflight.values()]), grace]);
      timers.splice(0).forEach(clearInterval);
    },

    /** updates this process is handling now */
    busy: () => inflight.size,
    owner,
  };
}

export type UpdateInbox = ReturnType<typeof createUpdateInbox>;
