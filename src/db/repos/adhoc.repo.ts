import { and, asc, eq, gt, lte, or } from 'drizzle-orm';
import type { Db } from '../client';
import { adhocCandidates } from '../schema';

export type AdhocRow = typeof adhocCandidates.$inferSelect;

export function createAdhocRepo(db: Db) {
  return {
    get(symbol: string): AdhocRow | undefined {
      return db.select().from(adhocCandidates).where(eq(adhocCandidates.symbol, symbol)).get();
    },
    active(): AdhocRow[] {
      return db
        .select()
        .from(adhocCandidates)
        .where(eq(adhocCandidates.status, 'active'))
        .orderBy(asc(adhocCandidates.addedAt))
        .all();
    },
    /**
     * The tickers on the watchlist at instant `at` (ISO), oldest first: added by then, not yet expired,
     * and not ended before it. A renewal rewrites added_at, so a ticker renewed later reads as added then.
     */
    activeAt(at: string): AdhocRow[] {
      return db
        .select()
        .from(adhocCandidates)
        .where(
          and(
            lte(adhocCandidates.addedAt, at),
            gt(adhocCandidates.expiresAt, at),
            or(eq(adhocCandidates.status, 'active'), gt(adhocCandidates.endedAt, at)),
          ),
        )
        .orderBy(asc(adhocCandidates.addedAt))
        .all();
    },
    /** Adds or renews (a removed or expired symbol comes back as active). */
    upsertActive(row: {
      symbol: string;
      reason: string | null;
      addedBy: string;
      addedAt: string;
      expiresAt: string;
    }): void {
      db.insert(adhocCandidates)
        .values({ ...row, status: 'active', endedAt: null })
        .onConflictDoUpdate({
          target: adhocCandidates.symbol,
          set: {
            reason: row.reason,
            addedBy: row.addedBy,
            addedAt: row.addedAt,
            expiresAt: row.expiresAt,
            status: 'active',
            endedAt: null,
          },
        })
        .run();
    },
    end(symbol: string, status: 'removed' | 'expired' | 'promoted', at: string): boolean {
      const r = db
        .update(adhocCandidates)
        .set({ status, endedAt: at })
        .where(and(eq(adhocCandidates.symbol, symbol), eq(adhocCandidates.status, 'active')))
        .run();
      return r.changes > 0;
    },
    /** Active ones whose time ran out by `now`. */
    dueToExpire(now: string): AdhocRow[] {
      return db
        .select()
        .from(adhocCandidates)
        .where(and(eq(adhocCandidates.status, 'active'), lte(adhocCandidates.expiresAt, now)))
        .all();
    },
  };
}

export type AdhocRepo = ReturnType<typeof createAdhocRepo>;
