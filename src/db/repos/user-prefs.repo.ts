import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { userPrefs } from '../schema';

// Each chat user's own settings (/settings). A null column is "the default": the reader fills it in
// (src/chat/user-prefs.ts), so defaults from config keep applying to users who never chose.

export type UserPrefsRow = typeof userPrefs.$inferSelect;
export type UserPrefsPatch = Partial<Pick<UserPrefsRow, 'timeZone' | 'chartRange' | 'digest'>> & {
  /** levels to merge into the stored ones, by kind */
  notify?: Record<string, string>;
};

export function createUserPrefsRepo(db: Db) {
  const get = (userId: string): UserPrefsRow | undefined =>
    db.select().from(userPrefs).where(eq(userPrefs.userId, userId)).get();
  return {
    get,
    /** Changes the given fields only; returns the row as stored after. */
    set(userId: string, patch: UserPrefsPatch, by: string, at: string): UserPrefsRow {
      return db.transaction(() => {
        const old = get(userId);
        const row: UserPrefsRow = {
          userId,
          timeZone: patch.timeZone !== undefined ? patch.timeZone : (old?.timeZone ?? null),
          chartRange: patch.chartRange !== undefined ? patch.chartRange : (old?.chartRange ?? null),
          digest: patch.digest !== undefined ? patch.digest : (old?.digest ?? null),
          notify: { ...(old?.notify ?? {}), ...(patch.notify ?? {}) },
          updatedAt: at,
          updatedBy: by,
        };
        db.insert(userPrefs).values(row).onConflictDoUpdate({ target: userPrefs.userId, set: row }).run();
        return row;
      });
    },
  };
}

export type UserPrefsRepo = ReturnType<typeof createUserPrefsRepo>;
