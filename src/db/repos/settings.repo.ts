import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { settings } from '../schema';

export type SettingRow = typeof settings.$inferSelect;

/** Runtime settings changed in chat: the top config layer, with who and when. */
export function createSettingsRepo(db: Db) {
  return {
    all(): SettingRow[] {
      return db.select().from(settings).orderBy(asc(settings.setAt)).all();
    },
    get(key: string): SettingRow | undefined {
      return db.select().from(settings).where(eq(settings.key, key)).get();
    },
    put(row: SettingRow): void {
      db.insert(settings)
        .values(row)
        .onConflictDoUpdate({ target: settings.key, set: { value: row.value, setBy: row.setBy, setAt: row.setAt } })
        .run();
    },
    remove(key: string): boolean {
      return db.delete(settings).where(eq(settings.key, key)).run().changes > 0;
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
