import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ScoreComponent } from '../../domain/scores';

// Alerts and their delivery (issue 4): the alerts raised, the outbox, mutes, quiet hours, what users
// did with an alert.

/**
 * Every alert the engine raised. Squeeze alerts carry a symbol and a level (low | medium | high);
 * system alerts a severity (info | warning | critical | emergency). The cooldown is derived from
 * the squeeze rows here, so a restart never re-sends.
 */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['squeeze', 'system', 'dip', 'borrow'] }).notNull(),
    symbol: text('symbol'),
    /** low | medium | high (squeeze, borrow); info | warning | critical | emergency (system) */
    severity: text('severity').notNull(),
    score: real('score'),
    fuel: real('fuel'),
    trigger: real('trigger'),
    asOf: text('as_of'),
    runId: text('run_id'),
    title: text('title').notNull(),
    /** the message as sent (Telegram HTML) */
    body: text('body').notNull(),
    components: text('components', { mode: 'json' }).$type<ScoreComponent[]>(),
    /** system alerts: a key that keeps the same warning from repeating (delivery:telegram:123) */
    dedupeKey: text('dedupe_key'),
    createdAt: text('created_at').notNull(),
    ackedBy: text('acked_by'),
    ackedAt: text('acked_at'),
    /** 1 useful, 0 not useful, null no answer */
    feedback: integer('feedback'),
    escalatedAt: text('escalated_at'),
  },
  (t) => [
    index('alerts_symbol').on(t.kind, t.symbol, t.createdAt),
    index('alerts_created').on(t.createdAt),
    index('alerts_dedupe').on(t.dedupeKey, t.createdAt),
  ],
);

/** Every pushed message, written before it is sent; the delivery worker drains it. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alertId: integer('alert_id').references(() => alerts.id, { onDelete: 'set null' }),
    /** telegram | email | console */
    channel: text('channel').notNull(),
    target: text('target').notNull(),
    /** the OutboundMessage without id/channel/target */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** failed: the target refused; dead: gave up; held: quiet hours */
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'dead', 'held'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    /** the Telegram message id (so an acknowledgement can edit it) or the SMTP message id */
    externalMessageId: text('external_message_id'),
    /**
     * When a worker marked the row 'sending'. A row still 'sending' long after this was left by a
     * process that died mid-send; one sending just now may belong to another live process (a
     * one-shot `squeezebot chat` beside the bot), so recovery goes by age, not by status alone.
     */
    claimedAt: text('claimed_at'),
    /**
     * Which process claimed it (host:pid): a row whose claimer is gone from this host is taken back at
     * once, not after the age rule above.
     */
    claimedBy: text('claimed_by'),
    /**
     * When the row was taken back from a process that died mid-send: it may have reached the chat
     * already, so it is sent once more with a note saying so, and never a third time.
     */
    recoveredAt: text('recovered_at'),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt), index('outbox_alert').on(t.alertId)],
);

/** Alerts muted per chat, for one symbol or all ('*'), until an instant. */
export const alertMutes = sqliteTable(
  'alert_mutes',
  {
    chatId: text('chat_id').notNull(),
    symbol: text('symbol').notNull(),
    until: text('until').notNull(),
    mutedBy: text('muted_by').notNull(),
    mutedAt: text('muted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.symbol] })],
);

/** Quiet hours per chat, wall clock in app.timezone; a window may cross midnight (22:00-07:00). */
export const quietHours = sqliteTable('quiet_hours', {
  chatId: text('chat_id').primaryKey(),
  start: text('start').notNull(),
  end: text('end').notNull(),
  setBy: text('set_by').notNull(),
  setAt: text('set_at').notNull(),
});

/** What users did with an alert: ack, mute, chart, feedback (button or command). */
export const alertActions = sqliteTable(
  'alert_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alertId: integer('alert_id').references(() => alerts.id, { onDelete: 'cascade' }),
    chatId: text('chat_id'),
    userId: text('user_id').notNull(),
    action: text('action').notNull(),
    value: text('value'),
    at: text('at').notNull(),
  },
  (t) => [index('alert_actions_alert').on(t.alertId)],
);
