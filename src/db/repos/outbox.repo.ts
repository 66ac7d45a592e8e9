import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox } from '../schema';
import { scrubSecrets } from '../../shared/secrets';

// The outbox's SQL. A row moves queued → sending → sent, or back to queued with a later
// next_attempt_at, or ends failed (target refused) / dead (gave up). 'held' rows wait for the end of
// a chat's quiet hours. Instants are ISO text, so string comparison orders them. A 'sending' row
// left by a dead process is queued again once (marked recovered, so it goes with a note) and, if
// it is left in flight by a second crash too, not sent a third time (delivery-worker.ts says why).

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'dead' | 'held';

export interface OutboxInsert {
  alertId?: number | null;
  channel: string;
  target: string;
  payload: Record<string, unknown>;
  status?: 'queued' | 'held';
  nextAttemptAt: string;
  createdAt: string;
}

/** What a delivery pass needs to pick rows; the payload is read only for rows it sends. */
export type DueRow = Pick<OutboxRow, 'id' | 'alertId' | 'channel' | 'target' | 'attempts'>;

export function createOutboxRepo(db: Db) {
  // the worker's hot path runs these on every pass: prepared once, not rebuilt by the query builder
  const sqlite = db.$client;
  // Only the head of each target's queue (its oldest queued row) may go: a message requeued after a 429
  // or a 5xx keeps its place, so a chat receives its messages in the order they were written.
  const dueStmt = sqlite.prepare(
    `SELECT id, alertId, channel, target, attempts FROM (
       SELECT id, alert_id AS "alertId", channel, target, attempts, next_attempt_at,
              ROW_NUMBER() OVER (PARTITION BY channel, target ORDER BY id) AS rn
       FROM outbox WHERE status = 'queued') AS heads
     WHERE rn = 1 AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const releaseStmt = sqlite.prepare(
    `UPDATE outbox SET status = 'queued' WHERE status = 'held' AND next_attempt_at <= ?`,
  );
  const hasHeldStmt = sqlite.prepare(`SELECT 1 FROM outbox WHERE status = 'held' AND next_attempt_at <= ? LIMIT 1`);
  const claimStmt = sqlite.prepare(
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = ?, claimed_by = ? WHERE id = ? AND status = 'queued'`,
  );
  const sentStmt = sqlite.prepare(
    `UPDATE outbox SET status = 'sent', sent_at = ?, external_message_id = ?, last_error = NULL WHERE id = ?`,
  );
  return {
    insert(row: OutboxInsert): number {
      const r = db
        .insert(outbox)
        // a queued message is kept for days: no secret rides in it (an error quoted in an alert)
        .values({
          ...row,
          payload: JSON.parse(scrubSecrets(JSON.stringify(row.payload))) as Record<string, unknown>,
          status: row.status ?? 'queued',
          attempts: 0,
        })
        .returning({ id: outbox.id })
        .get();
      return r.id;
    },
    get(id: number): OutboxRow | undefined {
      return db.select().from(outbox).where(eq(outbox.id, id)).get();
    },
    /** The head row of each target's queue, when due by `now`, oldest first. */
    due(now: string, limit: number): DueRow[] {
      return dueStmt.all(now, limit) as DueRow[];
    },
    /** The earliest next_attempt_at among queued and held rows of these channels: how long to sleep. */
    nextWake(channels: string[]): string | null {
      if (!channels.length) return null;
      const r = db
        .select({ at: sql<string | null>`min(${outbox.nextAttemptAt})` })
        .from(outbox)
        .where(and(inArray(outbox.status, ['queued', 'held']), inArray(outbox.channel, channels)))
        .get();
      return r?.at ?? null;
    },
    /** Held rows whose quiet window ended become queued. */
    releaseHeld(now: string): number {
      // a read first: most passes have nothing to release and should not take the write lock
      return hasHeldStmt.get(now) ? releaseStmt.run(now).changes : 0;
    },
    /** Marks a row in flight by `owner` (host:pid); false if another pass already took it. */
    claim(id: number, now: string, owner: string | null = null): boolean {
      return claimStmt.run(now, owner, id).changes === 1;
    },
    /** The processes that have rows in flight: the worker checks which of them are gone. */
    sendingOwners(): string[] {
      return db
        .selectDistinct({ owner: outbox.claimedBy })
        .from(outbox)
        .where(and(eq(outbox.status, 'sending'), isNotNull(outbox.claimedBy)))
        .all()
        .map((r) => r.owner!);
    },
    markSent(id: number, sentAt: string, externalId: string | null): void {
      sentStmt.run(sentAt, externalId, id);
    },
    requeue(id: number, nextAttemptAt: string, error: string, countAttempt = true): void {
      db.update(outbox)
        .set({
          status: 'queued',
          nextAttemptAt,
          lastError: scrubSecrets(error),
          ...(countAttempt ? {} : { attempts: sql`max(${outbox.attempts} - 1, 0)` }),
        })
        .where(eq(outbox.id, id))
        .run();
    },
    finish(id: number, status: 'failed' | 'dead', error: string): void {
      db.update(outbox)
        .set({ status, lastError: scrubSecrets(error) })
        .where(eq(outbox.id, id))
        .run();
    },
    /** After a permanent refusal: every other waiting row for that target is dead too. */
    killTarget(channel: string, target: string, error: string): number {
      return db
        .update(outbox)
        .set({ status: 'dead', lastError: scrubSecrets(error) })
        .where(and(eq(outbox.channel, channel), eq(outbox.target, target), inArray(outbox.status, ['queued', 'held'])))
        .run().changes;
    },
    /**
     * Rows a dead process left 'sending' (claimed by one of `deadOwners`, or at or before
     * `claimedBefore`) are queued again, marked recovered at `now`: sent once more, with a note. A row
     * already recovered once becomes dead instead (a second re-send would be a second duplicate).
     * `except`: this process's own rows in flight.
     */
    recoverInFlight(opts: { claimedBefore: string; now: string; deadOwners?: string[]; except?: number[] }): {
      requeued: number;
      abandoned: number;
    } {
      const { except = [], deadOwners = [] } = opts;
      const left = and(
        eq(outbox.status, 'sending'),
        or(
          isNull(outbox.claimedAt),
          lte(outbox.claimedAt, opts.claimedBefore),
          deadOwners.length ? inArray(outbox.claimedBy, deadOwners) : undefined,
        ),
        except.length ? notInArray(outbox.id, except) : undefined,
      );
      return db.transaction((tx) => ({
        abandoned: tx
          .update(outbox)
          .set({
            status: 'dead',
            lastError: 'in flight at two crashes: it may have reached the chat twice already, so it is not sent again',
          })
          .where(and(left, isNotNull(outbox.recoveredAt)))
          .run().changes,
        requeued: tx
          .update(outbox)
          .set({ status: 'queued', recoveredAt: opts.now })
          .where(and(left, isNull(outbox.recoveredAt)))
          .run().changes,
      }));
    },
    counts(): Record<OutboxStatus, number> {
      const rows = db
        .select({ status: outbox.status, n: sql<number>`count(*)` })
        .from(outbox)
        .groupBy(outbox.status)
        .all();
      const out: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, dead: 0, held: 0 };
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },
    deadLetters(limit = 20): OutboxRow[] {
      return db
        .select()
        .from(outbox)
        .where(inArray(outbox.status, ['failed', 'dead']))
        .orderBy(desc(outbox.id))
        .limit(limit)
        .all();
    },
    /** Rows written after `afterId` (what one command queued). */
    after(afterId: number): OutboxRow[] {
      return db
        .select()
        .from(outbox)
        .where(sql`${outbox.id} > ${afterId}`)
        .orderBy(asc(outbox.id))
        .all();
    },
    lastId(): number {
      return (
        db
          .select({ id: sql<number | null>`max(${outbox.id})` })
          .from(outbox)
          .get()?.id ?? 0
      );
    },
    /** Where an alert was delivered: the message ids an acknowledgement edits. */
    deliveriesOf(alertId: number): OutboxRow[] {
      return db
        .select()
        .from(outbox)
        .where(and(eq(outbox.alertId, alertId), eq(outbox.status, 'sent')))
        .orderBy(asc(outbox.id))
        .all();
    },
    /** Rows still waiting (queued, sending) on these channels; held rows are not deliverable yet. */
    pending(channels: string[]): number {
      if (!channels.length) return 0;
      return Number(
        db
          .select({ n: sql<number>`count(*)` })
          .from(outbox)
          .where(and(inArray(outbox.status, ['queued', 'sending']), inArray(outbox.channel, channels)))
          .get()?.n ?? 0,
      );
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
