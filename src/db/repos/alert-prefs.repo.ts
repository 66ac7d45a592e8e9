import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { alertMutes, botFlags, quietHours } from '../schema';

// What chats chose about alerts (mutes, quiet hours) and the switches flipped in chat (emergency
// stop, email off). Mute expiry is checked on read: an expired mute simply no longer matches.

export type MuteRow = typeof alertMutes.$inferSelect;
export type QuietRow = typeof quietHours.$inferSelect;
export type BotFlag = 'emergency_disable' | 'email_enabled';

export function createAlertPrefsRepo(db: Db) {
  return {
    mute(m: { chatId: string; symbol: string; until: string; by: string; at: string }): void {
      const row = { chatId: m.chatId, symbol: m.symbol, until: m.until, mutedBy: m.by, mutedAt: m.at };
      db.insert(alertMutes)
        .values(row)
        .onConflictDoUpdate({ target: [alertMutes.chatId, alertMutes.symbol], set: row })
        .run();
    },
    /** Removes a mute; symbol '*' removes the mute-all only. Returns whether one existed. */
    unmute(chatId: string, symbol: string): boolean {
      return (
        db
          .delete(alertMutes)
          .where(and(eq(alertMutes.chatId, chatId), eq(alertMutes.symbol, symbol)))
          .run().changes > 0
      );
    },
    /** The active mute that silences `symbol` in a chat (its own or the mute-all), if any. */
    activeMute(chatId: string, symbol: string | null, now: string): MuteRow | undefined {
      const symbols = symbol ? [symbol, '*'] : ['*'];
      return db
        .select()
        .from(alertMutes)
        .where(and(eq(alertMutes.chatId, chatId), inArray(alertMutes.symbol, symbols), gt(alertMutes.until, now)))
        .get();
    },
    activeMutes(chatId: string, now: string): MuteRow[] {
      return db
        .select()
        .from(alertMutes)
        .where(and(eq(alertMutes.chatId, chatId), gt(alertMutes.until, now)))
        .all();
    },
    setQuiet(q: { chatId: string; start: string; end: string; by: string; at: string }): void {
      const row = { chatId: q.chatId, start: q.start, end: q.end, setBy: q.by, setAt: q.at };
      db.insert(quietHours).values(row).onConflictDoUpdate({ target: quietHours.chatId, set: row }).run();
    },
    clearQuiet(chatId: string): boolean {
      return db.delete(quietHours).where(eq(quietHours.chatId, chatId)).run().changes > 0;
    },
    quiet(chatId: string): QuietRow | undefined {
      return db.select().from(quietHours).where(eq(quietHours.chatId, chatId)).get();
    },
    flag(key: BotFlag): { on: boolean; setBy: string; setAt: string } | null {
      const r = db.select().from(botFlags).where(eq(botFlags.key, key)).get();
      return r ? { on: r.value === '1', setBy: r.setBy, setAt: r.setAt } : null;
    },
    setFlag(key: BotFlag, on: boolean, by: string, at: string): void {
      const row = { key, value: on ? '1' : '0', setBy: by, setAt: at };
      db.insert(botFlags).values(row).onConflictDoUpdate({ target: botFlags.key, set: row }).run();
    },
  };
}

export type AlertPrefsRepo = ReturnType<typeof createAlertPrefsRepo>;
