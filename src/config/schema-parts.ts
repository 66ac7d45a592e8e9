import { z } from 'zod';
import { CHAT_TARGET } from '../shared/chat-target';

// The building blocks of the config schema: value kinds, a job schedule, an alert level's thresholds,
// a routing rule, and the marks /set reads (restart-only, unread).

export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h)');
export const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export const fraction = z.number().min(0).max(1);
export const positive = z.number().positive();
export const count = z.number().int().nonnegative();
/** a span in calendar days: a year at most, past that a setting is a typo rather than a choice */
export const days = count.max(365);
export const url = z.string().url();
/** a Telegram chat: an id (number or string), an @username, or a forum topic as "chat:topic" */
export const chatTargetId = z
  .union([z.number().int(), z.string()])
  .transform(String)
  .refine((s) => CHAT_TARGET.test(s.trim()), {
    message: 'expected a chat id like -1001234567890, a topic like -1001234567890:42, or an @username',
  })
  .transform((s) => s.trim());
export const weights = z
  .record(z.string(), z.number().min(0))
  .refine((w) => Object.keys(w).length > 0, 'at least one weight');

/** One scheduled job (src/scheduler/job-table.ts reads these). */
export const schedule = z
  .object({
    /**
     * every: each every_minutes (within market hours when market_hours is set); on_publication: FINRA's
     * calendar picks the days
     */
    frequency: z.enum(['daily', 'weekly', 'bi_weekly', 'on_publication', 'every']),
    day: weekday.optional(),
    time: hhmm.optional(),
    every_minutes: z.number().int().min(1).max(60).optional(),
    market_hours: z.boolean().optional(),
    /** a run whose data is not out yet, or that failed, is tried again every retry_every_minutes until then */
    retry_until: hhmm.optional(),
    retry_every_minutes: z.number().int().min(1).max(720).optional(),
    trading_days_only: z.boolean().optional(),
    timeout_minutes: z
      .number()
      .positive()
      .max(24 * 60)
      .optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((s) => (s.frequency === 'every' ? s.every_minutes !== undefined : s.time !== undefined), {
    message: 'frequency every needs every_minutes; the others need time',
  })
  .refine((s) => !['weekly', 'bi_weekly'].includes(s.frequency) || s.day !== undefined, {
    message: 'weekly schedules need day',
    path: ['day'],
  });

export const level = z
  .object({
    squeeze_score: fraction,
    min_volume_spike: z.number().nonnegative(),
    min_finra_si_percent: fraction,
    min_sentiment: z.number().min(-1).max(1),
  })
  .strict();

/** dip alerts (src/portfolio) carry 'buy_more' */
export const alertSeverity = z.enum(['low', 'medium', 'high', 'info', 'warning', 'critical', 'emergency', 'buy_more']);
export const routingRule = z
  .object({
    kinds: z.array(z.enum(['squeeze', 'system', 'dip', 'borrow'])).min(1),
    severities: z.array(alertSeverity).min(1),
    /** true: alerting.channels.telegram.chat_ids */
    telegram: z.boolean().optional(),
    chat_ids: z.array(chatTargetId).optional(),
    email: z.boolean().optional(),
  })
  .strict();

/** The mark on a section or key read once at start (HTTP clients, schedules, the db): /set refuses it. */
export const RESTART_ONLY = 'restart-only';
export const restartOnly = <T extends z.ZodTypeAny>(schema: T): T => schema.describe(RESTART_ONLY);
/** The mark on a key accepted in files but read by no code yet (why: what will read it): /set refuses it. */
export const UNREAD = 'unread: ';
export const unread = <T extends z.ZodTypeAny>(why: string, schema: T): T => schema.describe(`${UNREAD}${why}`);

/** A file path under a base URL, with the date written where `{YYYYMMDD}` stands. */
export const datedPath = z.string().regex(/\{YYYYMMDD\}/, 'must hold {YYYYMMDD}, where the date goes');
export const provider = z.object({ base_url: url, timeout_ms: z.number().int().min(100).max(300_000) }).strict();
