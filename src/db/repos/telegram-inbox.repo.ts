import type { Db } from '../client';

// The inbox of Telegram updates (issue 17). Plain standard SQL (ON CONFLICT DO NOTHING, NOT EXISTS,
// DELETE … IN (SELECT … LIMIT)) so the PostgreSQL store runs it unchanged. Claims are compare-and-set
// updates on one row: whichever process's UPDATE lands first owns the update, the others change nothing.

const PRUNE_BATCH = 500;

export interface InboxUpdate {
  updateId: number;
  chatId: string;
  payload: string;
}

export interface StoredUpdate {
  updateId: number;
  chatId: string;
  payload: string;
  attempts: number;
}

export function createTelegramInboxRepo(db: Db) {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `INSERT INTO telegram_inbox (update_id, chat_id, payload, status, attempts, received_at)
     VALUES (?, ?, ?, 'queued', 0, ?) ON CONFLICT (update_id) DO NOTHING`,
  );
  // A chat's oldest row not done is its only candidate: while that one is claimed (lease running) the
  // chat is busy, and nothing newer of it is offered. An expired lease offers the row again.
  const candidates = sqlite.prepare(
    `SELECT i.update_id AS "updateId", i.chat_id AS "chatId", i.payload AS payload, i.attempts AS attempts
     FROM telegram_inbox i
     WHERE i.status IN ('queued', 'claimed')
       AND (i.status = 'queued' OR i.lease_until <= ?)
       AND i.received_at <= ?
       AND NOT EXISTS (
         SELECT 1 FROM telegram_inbox o
         WHERE o.chat_id = i.chat_id AND o.status IN ('queued', 'claimed') AND o.update_id < i.update_id)
     ORDER BY i.update_id
     LIMIT ?`,
  );
  const claimStmt = sqlite.prepare(
    `UPDATE telegram_inbox SET status = 'claimed', claimed_by = ?, lease_until = ?, attempts = attempts + 1
     WHERE update_id = ? AND (status = 'queued' OR (status = 'claimed' AND lease_until <= ?))`,
  );
  const extendStmt = sqlite.prepare(
    `UPDATE telegram_inbox SET lease_until = ? WHERE update_id = ? AND status = 'claimed' AND claimed_by = ?`,
  );
  const doneStmt = sqlite.prepare(
    `UPDATE telegram_inbox SET status = 'done', done_at = ?, lease_until = NULL
     WHERE update_id = ? AND status = 'claimed' AND claimed_by = ?`,
  );
  const pruneStmt = sqlite.prepare(
    `DELETE FROM telegram_inbox WHERE update_id IN (
       SELECT update_id FROM telegram_inbox WHERE status = 'done' AND done_at < ? LIMIT ${PRUNE_BATCH})`,
  );

  return {
    /** Stores an update once; false when this update_id is already there (a redelivery). */
    store(u: InboxUpdate, receivedAt: string): boolean {
      return insert.run(u.updateId, u.chatId, u.payload, receivedAt).changes === 1;
    },

    /**
     * Updates that may be claimed now, oldest first, at most one per chat: each chat's oldest update not
     * done, when no claim on it is live at `now`, received at or before `receivedBy`.
     */
    claimable(opts: { now: string; receivedBy: string; limit: number }): StoredUpdate[] {
      // quoted aliases: PostgreSQL folds unquoted ones to lower case; its bigints may come back as text
      return (candidates.all(opts.now, opts.receivedBy, opts.limit) as StoredUpdate[]).map((r) => ({
        ...r,
        updateId: Number(r.updateId),
        attempts: Number(r.attempts),
      }));
    },

    /** Takes the update for `owner` until `leaseUntil`; false when another process got it first. */
    claim(updateId: number, owner: string, now: string, leaseUntil: string): boolean {
      return claimStmt.run(owner, leaseUntil, updateId, now).changes === 1;
    },

    /** Pushes the leases of `owner`'s updates out to `leaseUntil`; returns how many it still holds. */
    extend(updateIds: readonly number[], owner: string, leaseUntil: string): number {
      let held = 0;
      for (const id of updateIds) held += extendStmt.run(leaseUntil, id, owner).changes;
      return held;
    },

    /** Marks the update handled; false when the claim was lost (lease expired, another took it). */
    complete(updateId: number, owner: string, now: string): boolean {
      return doneStmt.run(now, updateId, owner).changes === 1;
    },

    /** Deletes handled updates finished before `cutoff`, in small batches; returns how many. */
    pruneDone(cutoff: string): number {
      let total = 0;
      for (;;) {
        const n = pruneStmt.run(cutoff).changes;
        total += n;
        if (n < PRUNE_BATCH) return total;
      }
    },
  };
}

export type TelegramInboxRepo = ReturnType<typeof createTelegramInboxRepo>;
