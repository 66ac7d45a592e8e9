import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { chatUsers } from '../schema';

export type ChatUserRow = typeof chatUsers.$inferSelect;

export function createChatUsersRepo(db: Db) {
  return {
    get(userId: string): ChatUserRow | undefined {
      return db.select().from(chatUsers).where(eq(chatUsers.userId, userId)).get();
    },
    all(): ChatUserRow[] {
      return db.select().from(chatUsers).orderBy(asc(chatUsers.userId)).all();
    },
    upsert(row: ChatUserRow): void {
      db.insert(chatUsers)
        .values(row)
        .onConflictDoUpdate({
          target: chatUsers.userId,
          set: { role: row.role, name: row.name ?? undefined, addedBy: row.addedBy, addedAt: row.addedAt },
        })
        .run();
    },
    remove(userId: string): boolean {
      return db.delete(chatUsers).where(eq(chatUsers.userId, userId)).run().changes > 0;
    },
  };
}

export type ChatUsersRepo = ReturnType<typeof createChatUsersRepo>;
