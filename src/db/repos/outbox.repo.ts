import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox } from '../schema';

// The outbox's SQL. A row moves queued → sending → sent, or back to queued with a later
// next_attempt_at, or ends failed (target refused) / dead (gave up). 'held' rows wait for the end of
// a chat's quiet hours. Instants are ISO text, so string comparison orders them.

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

export function createOutboxRepo(db: Db) {
  return {
    insert(row: OutboxInsert): number {
      const r = db
        .insert(outbox)
        .values({ ...row, status: row.status ?? 'queued', attempts: 0 })
        .returning({ id: outbox.id })
        .get();
      return r.id;
    },
    get(id: number): OutboxRow | undefined {
      return db.select().from(outbox).where(eq(outbox.id, id)).get();
    },
    /** Queued rows due by `now`, oldest first (the worker picks per-chat order from this). */
    due(now: string, limit: number): OutboxRow[] {
      return db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now)))
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(limit)
        .all();
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
      return db
        .update(outbox)
        .set({ status: 'queued' })
        .where(and(eq(outbox.status, 'held'), lte(outbox.nextAttemptAt, now)))
        .run().changes;
    },
    /** Marks a row in flight; false if another pass already took it. */
    claim(id: number): boolean {
      return (
        db
          .update(outbox)
          .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1` })
          .where(and(eq(outbox.id, id), eq(outbox.status, 'queued')))
          .run().changes === 1
      );
    },
    markSent(id: number, sentAt: string, externalId: string | null): void {
      db.update(outbox).set({ status: 'sent', sentAt, externalMessageId: externalId, lastError: null }).where(eq(outbox.id, id)).run();
    },
    requeue(id: number, nextAttemptAt: string, error: string, countAttempt = true): void {
      db.update(outbox)
        .set({ status: 'queued', nextAttemptAt, lastError: error, ...(countAttempt ? {} : { attempts: sql`max(${outbox.attempts} - 1, 0)` }) })
        .where(eq(outbox.id, id))
        .run();
    },
    finish(id: number, status: 'failed' | 'dead', error: string): void {
      db.update(outbox).set({ status, lastError: error }).where(eq(outbox.id, id)).run();
    },
    /** After a permanent refusal: every other waiting row for that target is dead too. */
    killTarget(channel: string, target: string, error: string): number {
      return db
        .update(outbox)
        .set({ status: 'dead', lastError: error })
        .where(and(eq(outbox.channel, channel), eq(outbox.target, target), inArray(outbox.status, ['queued', 'held'])))
        .run().changes;
    },
    /** At start: rows a crash left in flight are sent again (at most one repeat, never a drop). */
    recoverInFlight(): number {
      return db.update(outbox).set({ status: 'queued' }).where(eq(outbox.status, 'sending')).run().changes;
    },
    counts(): Record<OutboxStatus, number> {
      const rows = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
      const out: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, dead: 0, held: 0 };
      for (const r of rows) out[r.status as OutboxStatus] = Number(r.n);
      return out;
    },
    deadLetters(limit = 20): OutboxRow[] {
      return db.select().from(outbox).where(inArray(outbox.status, ['failed', 'dead'])).orderBy(desc(outbox.id)).limit(limit).all();
    },
    /** Rows written after `afterId` (what one command queued). */
    after(afterId: number): OutboxRow[] {
      return db.select().from(outbox).where(sql`${outbox.id} > ${afterId}`).orderBy(asc(outbox.id)).all();
    },
    lastId(): number {
      return db.select({ id: sql<number | null>`max(${outbox.id})` }).from(outbox).get()?.id ?? 0;
    },
    /** Where an alert was delivered: the message ids an acknowledgement edits. */
    deliveriesOf(alertId: number): OutboxRow[] {
      return db.select().from(outbox).where(and(eq(outbox.alertId, alertId), eq(outbox.status, 'sent'))).orderBy(asc(outbox.id)).all();
    },
    /** Rows still waiting (queued, sending) on these channels; held rows are not deliverable yet. */
    pending(channels: string[]): number {
      if (!channels.length) return 0;
      return Number(
        db.select({ n: sql<number>`count(*)` }).from(outbox).where(and(inArray(outbox.status, ['queued', 'sending']), inArray(outbox.channel, channels))).get()?.n ?? 0,
      );
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
