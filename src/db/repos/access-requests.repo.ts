import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { accessRequests } from '../schema';

export type AccessRequestRow = typeof accessRequests.$inferSelect;

export function createAccessRequestsRepo(db: Db) {
  return {
    get(userId: string): AccessRequestRow | undefined {
      return db.select().from(accessRequests).where(eq(accessRequests.userId, userId)).get();
    },
    pending(): AccessRequestRow[] {
      return db
        .select()
        .from(accessRequests)
        .where(eq(accessRequests.status, 'pending'))
        .orderBy(asc(accessRequests.requestedAt))
        .all();
    },
    /** A new request replaces an earlier decided one (a user removed later may ask again). */
    open(row: Pick<AccessRequestRow, 'userId' | 'name' | 'chatId' | 'requestedAt'>): void {
      const fresh = { ...row, status: 'pending' as const, role: null, decidedBy: null, decidedAt: null };
      db.insert(accessRequests).values(fresh).onConflictDoUpdate({ target: accessRequests.userId, set: fresh }).run();
    },
    /** Decides a pending request; false when it was already decided (the second admin's press). */
    decide(userId: string, decision: Pick<AccessRequestRow, 'status' | 'role' | 'decidedBy' | 'decidedAt'>): boolean {
      return (
        db
          .update(accessRequests)
          .set(decision)
          .where(and(eq(accessRequests.userId, userId), eq(accessRequests.status, 'pending')))
          .run().changes > 0
      );
    },
  };
}

export type AccessRequestsRepo = ReturnType<typeof createAccessRequestsRepo>;
