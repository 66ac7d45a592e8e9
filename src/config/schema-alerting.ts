import { z } from 'zod';
import { positive, count, days, level, alertSeverity, routingRule, restartOnly, chatTargetId } from './schema-parts';

// The alerting section: level thresholds, cooldowns, channels and routing, escalation, quiet hours,
// system rules and the delivery worker's pacing.

export const alertingSection = z
  .object({
    thresholds: z.object({ high: level, medium: level, low: level }).strict(),
    cooldown: z
      /** dip_alert_days: a buy-more alert for one user's position repeats only after this (calendar days) */
      .object({
        high_alert_days: days,
        medium_alert_days: days,
        low_alert_days: days,
        dip_alert_days: days,
        /** a borrow alert on the same symbol repeats only after this (calendar days), unless it escalates */
        borrow_alert_days: days,
      })
      .strict(),
    /** squeeze alerts pushed per trading day, high first then by score; the rest go to the digest and /top */
    daily_budget: z.object({ squeeze_alerts: count.max(1000) }).strict(),
    /** borrow alerts on ranked names: availability to zero (high), a fee jump of this many points in a day (medium) */
    borrow_alerts: z.object({ fee_jump_points: z.number().positive() }).strict(),
    channels: z
      .object({
        telegram: z.object({ enabled: z.boolean(), chat_ids: z.array(chatTargetId) }).strict(),
        // auto: on once SMTP_URL and a recipient are configured (a trader who set both expects email)
        email: z
          .object({ enabled: z.union([z.boolean(), z.literal('auto')]), recipients: z.array(z.string().email()) })
          .strict(),
      })
      .strict(),
    routing: z.object({ rules: z.array(routingRule) }).strict(),
    escalation: z
      .object({
        enabled: z.boolean(),
        after_minutes: z
          .number()
          .int()
          .positive()
          .max(7 * 24 * 60),
        severities: z.array(alertSeverity),
      })
      .strict(),
    quiet_hours: z.object({ mode: z.enum(['silent', 'hold']) }).strict(),
    system_rules: z
      .object({
        no_volume_candidates_runs: z.number().int().min(1),
        repeat_suppress_minutes: count,
        stale_data_grace_minutes: count,
        circuit_open_minutes: z.number().int().min(1),
        job_failures_in_a_row: z.number().int().min(1),
        resources: z
          .object({
            max_memory_mb: z.number().int().min(64),
            max_cpu_pct: z.number().positive().max(800),
            warn_fraction: z.number().gt(0).max(1),
          })
          .strict(),
      })
      .strict(),
    // the delivery worker builds its pacing and concurrency once, at start
    delivery: restartOnly(
      z
        .object({
          per_chat_per_second: positive,
          per_chat_burst: z.number().int().min(1),
          per_group_per_minute: positive,
          overall_per_second: positive,
          max_retry_after_seconds: positive,
          max_attempts: z.number().int().min(1),
          backoff_base_ms: positive,
          backoff_max_ms: positive,
          concurrency: z.number().int().min(1).max(64),
        })
        .strict(),
    ),
  })
  .strict();
