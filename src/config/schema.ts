import { z } from 'zod';
import { fraction, positive, schedule, restartOnly, unread } from './schema-parts';
import { alertingSection } from './schema-alerting';
import { performanceSection, providersSection } from './schema-providers';
import {
  universeLoaderSection,
  finraCollectorSection,
  volumeDetectorSection,
  deepScanSection,
} from './schema-discovery';

export { RESTART_ONLY, UNREAD } from './schema-parts';

// The shape of config/default.yaml. Objects are strict so a misspelt key in a local file is
// named as an error instead of being silently ignored. The sections of the funnel and of alerting
// are in schema-discovery.ts and schema-alerting.ts.

export const configSchema = z
  .object({
    app: restartOnly(
      z
        .object({
          timezone: z.string().min(1),
          log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
          data_dir: z.string().min(1),
          retention_days: z.number().int().positive(),
          /** sessions of FINRA short-volume files the first start (and `ingest backfill`) fetches */
          backfill_sessions: z.number().int().min(1).max(2000),
        })
        .strict(),
    ),
    scheduling: restartOnly(
      z
        .object({
          timezone: z.string().min(1),
          universe_loader: schedule,
          short_volume: schedule,
          daily_bars: schedule,
          finra_collector: schedule,
          otc_weekly: schedule,
          threshold_lists: schedule,
          fails_to_deliver: schedule,
          options_snapshot: schedule,
          options_intraday: schedule,
          lit_trades: schedule,
          borrow_snapshot: schedule,
          borrow_close: schedule,
          /** accepted for older local files; volume detection runs inside the scan at deep_scan.time */
          volume_detector: schedule.optional(),
          deep_scan: schedule,
          intraday_watch: schedule,
          learning_tracker: schedule,
          dip_scan: schedule,
          daily_digest: schedule,
          adhoc_expiry: schedule,
          retention_cleanup: schedule,
          health_check: schedule,
        })
        .strict(),
    ),
    universe_loader: universeLoaderSection,
    finra_collector: finraCollectorSection,
    volume_detector: volumeDetectorSection,
    deep_scan: deepScanSection,
    alerting: alertingSection,
    /** The learning tracker (src/learning): what is tracked, outcome thresholds, missed opportunities, suggestions. */
    learning: z
      .object({
        /** top-ranked candidates of each live run tracked besides its alerts */
        track_top_n: z.number().int().min(0).max(100),
        /** fractions: a close this far above the discovery price before one at failure_return is a success */
        success_return: positive,
        failure_return: z.number().negative(),
        /**
         * outcome categories on the peak return (explosive ≥ strong ≥ moderate); below moderate, the latest
         * return decides poor vs failed
         */
        outcome: z
          .object({ explosive: positive, strong: positive, moderate: positive, failed: z.number().negative() })
          .strict()
          .refine((o) => o.explosive > o.strong && o.strong > o.moderate, 'explosive > strong > moderate'),
        missed_min_return: positive,
        /** which cuts count as missed; alerting: scored (ranked or not) but below every alert level */
        missed_stages: z.array(
          z.enum(['universe_loading', 'price_filtering', 'volume_filtering', 'squeeze_detection', 'alerting']),
        ),
        suggest_days: z.number().int().positive().max(3650),
        suggest_min_count: z.number().int().min(1),
      })
      .strict(),
    /** Positions and buy-the-dip (src/portfolio/dip-rules.ts documents the rule these feed). */
    portfolio: z
      .object({
        /** a position this far (fraction) below its average cost is a dip */
        dip_threshold: fraction,
        /** a buy-more size is at most this percentage of the position */
        max_allocation_pct: z.number().positive().max(100),
        /** swing points: bars on each side of a pivot */
        pivot_window: z.number().int().min(1).max(20),
        /** trading days of bars the levels are drawn from */
        levels_lookback_days: z.number().int().min(20).max(1000),
        /** pivots within this many ATR(14) of a level's mean join it */
        level_tolerance_atr: positive,
        /** 'near support': the price at most this many ATRs above the nearest support */
        near_support_atr: positive,
        /** BUY_MORE needs at least this reward/risk (nearest resistance − price) / (price − stop) */
        min_risk_reward: positive,
        /** the stop: nearest support − stop_atr × ATR(14), or price − stop_atr × ATR(14) when no support qualifies */
        stop_atr: z.number().positive().max(10),
        /**
         * thesis checks, now vs at entry: keep ratios (now ≥ ratio × entry) and the largest score drop, each
         * also at least its floor (`*_min`, set above the input's neutral prior: a typical stock's value
         * does not hold a squeeze thesis), and at least `min_measured` of the four checks measured
         */
        thesis: z
          .object({
            volume_keep: fraction,
            si_keep: fraction,
            days_to_cover_keep: fraction,
            score_max_drop: fraction,
            volume_min: z.number().min(1).max(100),
            si_min: fraction,
            days_to_cover_min: z.number().min(0).max(100),
            score_min: fraction,
            min_measured: z.number().int().min(1).max(4),
          })
          .strict(),
      })
      .strict(),
    adhoc: z
      .object({
        default_ttl_days: z.number().int().positive().max(365),
        max_active_candidates: z.number().int().positive().max(1000),
        auto_promote_threshold: fraction,
      })
      .strict(),
    chat: z
      .object({
        /** users known from config; `/users` adds more in the db, TELEGRAM_ADMIN_IDS are always admins */
        users: z.array(
          z
            .object({
              id: z.union([z.string(), z.number()]).transform(String),
              role: z.enum(['admin', 'trader', 'viewer']),
            })
            .strict(),
        ),
        rate_limit_per_minute: z.number().int().positive().max(10_000),
        /** an unknown user is told their id at most once per this many minutes */
        unknown_user_reply_minutes: z.number().int().positive(),
      })
      .strict(),
    // the transport is built once, at start
    telegram: restartOnly(
      z
        .object({
          /** polling needs nothing public; webhook needs an https URL Telegram can reach */
          mode: z.enum(['polling', 'webhook']),
          webhook: z
            .object({
              url: z.string(),
              listen_host: z.string().min(1),
              listen_port: z.number().int().min(1).max(65_535),
            })
            .strict(),
          drop_pending_updates: z.boolean(),
          request_timeout_ms: z.number().int().min(1000).max(300_000),
        })
        .strict()
        .refine((t) => t.mode !== 'webhook' || /^https?:\/\/[^/]+/.test(t.webhook.url), {
          message: 'webhook mode needs webhook.url',
          path: ['webhook', 'url'],
        }),
    ),
    reporting: z
      .object({
        weekly_summary: z
          .object({
            top_candidates: z.number().int().positive(),
            include_charts: z.boolean(),
            formats: z.array(z.enum(['html', 'csv', 'text'])),
          })
          .strict(),
        daily_report: z
          .object({
            top_scores: z.number().int().positive(),
            include_trends: unread('the daily report always shows the change since the previous day', z.boolean()),
            formats: z.array(z.enum(['html', 'csv', 'text'])),
          })
          .strict(),
      })
      .strict(),
    short_interest: z
      .object({
        quality_threshold: unread('quality scores are stored and shown, not yet used to drop a figure', fraction),
        max_age_days: unread('the deep scan uses deep_scan.metrics.finra_max_age_days', z.number().int().positive()),
        yahoo_enabled: z.boolean(),
      })
      .strict(),
    /** basket name → constituent symbols; a map rather than fixed keys so users can add their own groups */
    baskets: z.record(z.array(z.string())),
    providers: providersSection,
    performance: performanceSection,
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ProviderName = keyof Config['providers'];

/** Secrets come only from the environment; they never appear in a config file. */
export const secretsSchema = z.object({
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  TELEGRAM_ADMIN_IDS: z.string().optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().optional(),
  /** a local Bot API server (or a test fake) instead of https://api.telegram.org */
  TELEGRAM_API_ROOT: z.string().optional(),
  POLYGON_API_KEY: z.string().optional(),
  FMP_API_KEY: z.string().optional(),
  FINNHUB_API_KEY: z.string().optional(),
  FINRA_CLIENT_ID: z.string().optional(),
  FINRA_CLIENT_SECRET: z.string().optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.string().optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  /** a nodemailer connection URL: smtp://user:pass@host:587 */
  SMTP_URL: z.string().optional(),
  EMAIL_FROM: z.string().optional(),
  /** comma-separated recipients, added to alerting.channels.email.recipients */
  EMAIL_TO: z.string().optional(),
});
export type Secrets = z.infer<typeof secretsSchema>;
