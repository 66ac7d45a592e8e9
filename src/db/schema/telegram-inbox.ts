import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The durable inbox of Telegram updates (issue 17): the webhook and the poller store each update here
// before anything handles it, and every process sharing the database claims from it.

/**
 * One row per Telegram update. update_id is the key, so a redelivered update is stored once. A chat's
 * updates are handled in update_id order, one at a time: only its oldest row not done may be claimed,
 * and a claim holds until done or until its lease runs out (its process died; another takes it over).
 */
export const telegramInbox = sqliteTable(
  'telegram_inbox',
  {
    updateId: integer('update_id').primaryKey(),
    /** the chat the update belongs to; updates without one (inline queries) use `user:<id>` or `-` */
    chatId: text('chat_id').notNull(),
    /** the update as Telegram sent it (JSON) */
    payload: text('payload').notNull(),
    status: text('status', { enum: ['queued', 'claimed', 'done'] }).notNull(),
    /** host:pid of the process handling it */
    claimedBy: text('claimed_by'),
    /** ISO instant after which the claim is void and another process may take the update */
    leaseUntil: text('lease_until'),
    /** claims so far: above 1 means a process died while handling it */
    attempts: integer('attempts').notNull().default(0),
    receivedAt: text('received_at').notNull(),
    doneAt: text('done_at'),
  },
  (t) => [
    // the claim reads a chat's oldest row not done; retention reads done rows by age
    index('telegram_inbox_chat').on(t.chatId, t.status, t.updateId),
    index('telegram_inbox_done').on(t.status, t.doneAt),
  ],
);
