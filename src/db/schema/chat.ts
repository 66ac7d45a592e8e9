import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// What is set in chat (issue 4): the users and their roles, runtime settings, bot switches.

/** Chat users added by an admin (`/users add`): a Telegram user id and a role. */
export const chatUsers = sqliteTable('chat_users', {
  userId: text('user_id').primaryKey(),
  role: text('role', { enum: ['admin', 'trader', 'viewer'] }).notNull(),
  name: text('name'),
  addedBy: text('added_by').notNull(),
  addedAt: text('added_at').notNull(),
});

/** Runtime settings changed in chat: the top config layer, with who and when. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  setBy: text('set_by').notNull(),
  setAt: text('set_at').notNull(),
});

/** Switches flipped in chat: emergency_disable, email_disabled. */
export const botFlags = sqliteTable('bot_flags', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  setBy: text('set_by').notNull(),
  setAt: text('set_at').notNull(),
});

/**
 * What a chat user chose for themselves (issue 15, /settings). A null column means "the default", so a
 * user who never chose a time zone follows app.timezone when that changes.
 */
export const userPrefs = sqliteTable('user_prefs', {
  userId: text('user_id').primaryKey(),
  /** IANA zone the user's times are shown in */
  timeZone: text('time_zone'),
  /** default range of /chart and the /ticker chart: 1m | 3m | 6m | 1y */
  chartRange: text('chart_range'),
  /** 1: the user's chat gets the digest; 0: not */
  digest: integer('digest', { mode: 'boolean' }),
  /** notification level per alert kind ({"high":"silent","dip":"off"}); a kind absent is 'on' */
  notify: text('notify', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * Strangers who pressed "Request access" under the refusal: one row per user, the latest request.
 * `status` pending until an admin decides; `decided_by` names that admin so a second press can say so.
 */
export const accessRequests = sqliteTable('access_requests', {
  userId: text('user_id').primaryKey(),
  name: text('name').notNull(),
  chatId: text('chat_id').notNull(),
  requestedAt: text('requested_at').notNull(),
  status: text('status', { enum: ['pending', 'approved', 'denied'] }).notNull(),
  role: text('role', { enum: ['admin', 'trader', 'viewer'] }),
  decidedBy: text('decided_by'),
  decidedAt: text('decided_at'),
});
