import { z } from 'zod';

// The shape of config/default.yaml. Objects are strict so a misspelt key in a local file is
// named as an error instead of being silently ignored.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h)');
const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const fraction = z.number().min(0).max(1);
const positive = z.number().positive();
const count = z.number().int().nonnegative();
const url = z.string().url();
const weights = z.record(z.string(), z.number().min(0)).refine((w) => Object.keys(w).length > 0, 'at least one weight');

/** One scheduled job (src/scheduler/job-table.ts reads these). */
const schedule = z
  .object({
    /** every: each every_minutes (within market hours when market_hours is set); on_publication: FINRA's calendar picks the days */
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

const level = z
  .object({
    squeeze_score: fraction,
    min_volume_spike: z.number().nonnegative(),
    min_finra_si_percent: fraction,
    min_sentiment: z.number().min(-1).max(1),
  })
  .strict();

/** dip alerts (src/portfolio) carry 'buy_more' */
const alertSeverity = z.enum(['low', 'medium', 'high', 'info', 'warning', 'critical', 'emergency', 'buy_more']);
const routingRule = z
  .object({
    kinds: z.array(z.enum(['squeeze', 'system', 'dip'])).min(1),
    severities: z.array(alertSeverity).min(1),
    /** true: alerting.channels.telegram.chat_ids */
    telegram: z.boolean().optional(),
    chat_ids: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    email: z.boolean().optional(),
  })
  .strict();

/** The mark on a section or key read once at start (HTTP clients, schedules, the db): /set refuses it. */
export const RESTART_ONLY = 'restart-only';
const restartOnly = <T extends z.ZodTypeAny>(schema: T): T => schema.describe(RESTART_ONLY);
/** The mark on a key accepted in files but read by no code yet (why: what will read it): /set refuses it. */
export const UNREAD = 'unread: ';
const unread = <T extends z.ZodTypeAny>(why: string, schema: T): T => schema.describe(`${UNREAD}${why}`);

const provider = z.object({ base_url: url, timeout_ms: z.number().int().min(100).max(300_000) }).strict();

export const configSchema = z
  .object({
    app: restartOnly(
      z
        .object({
          timezone: z.string().min(1),
          log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
          data_dir: z.string().min(1),
          retention_days: z.number().int().positive(),
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
    universe_loader: z
      .object({
        filters: z
          .object({
            min_market_cap: z.number().nonnegative(),
            max_market_cap: positive,
            min_avg_volume: z.number().nonnegative(),
            exchanges: z.array(z.enum(['NYSE', 'NASDAQ', 'AMEX', 'ARCA', 'BATS', 'IEX', 'OTC'])).min(1),
            include_etfs: z.boolean(),
            include_test_issues: z.boolean(),
          })
          .strict()
          .refine((f) => f.min_market_cap < f.max_market_cap, {
            message: 'min_market_cap must be below max_market_cap',
            path: ['min_market_cap'],
          }),
      })
      .strict(),
    finra_collector: z
      .object({
        file_patterns: unread(
          'the FINRA file client builds its URLs from providers.finra_files',
          z.array(z.string()).min(1),
        ),
        facilities: z.array(z.enum(['CNMS', 'FNQC', 'FNSQ', 'FNYX', 'FNRA', 'FORF'])).min(1),
        max_file_age_days: unread('dataset freshness uses alerting.system_rules', z.number().int().positive()),
        retry_attempts: unread('HTTP retries are set per provider (providers.*)', count),
        refetch_previous_day: z.boolean(),
      })
      .strict(),
    volume_detector: z
      .object({
        analysis: z
          .object({
            volume_lookback_days: z.number().int().min(2),
            min_volume_spike_ratio: positive,
            min_rsi_threshold: z.number().min(0).max(100),
            momentum_period: z.number().int().positive(),
          })
          .strict(),
        filters: z
          .object({
            max_candidates: z.number().int().positive(),
            min_price: z.number().nonnegative(),
            max_price: positive,
          })
          .strict(),
        scoring: z.object({ weights }).strict(),
      })
      .strict(),
    deep_scan: z
      .object({
        ranking_size: z.number().int().positive(),
        batch_size: z.number().int().positive(),
        api_delay_seconds: unread('per-provider rate limiters pace requests (providers.*)', z.number().nonnegative()),
        metrics: z
          .object({
            sentiment_lookback_hours: z.number().int().positive(),
            options_min_volume: unread('options data is not collected yet', count),
            finra_max_age_days: z.number().int().positive(),
          })
          .strict(),
        hybrid_scoring: z
          .object({
            with_finra: z.object({ weights }).strict(),
            volume_only: z.object({ weights }).strict(),
          })
          .strict(),
      })
      .strict(),
    alerting: z
      .object({
        thresholds: z.object({ high: level, medium: level, low: level }).strict(),
        cooldown: z
          /** dip_alert_days: a buy-more alert for one user's position repeats only after this (calendar days) */
          .object({ high_alert_days: count, medium_alert_days: count, low_alert_days: count, dip_alert_days: count })
          .strict(),
        channels: z
          .object({
            telegram: z
              .object({ enabled: z.boolean(), chat_ids: z.array(z.union([z.string(), z.number()]).transform(String)) })
              .strict(),
            email: z.object({ enabled: z.boolean(), recipients: z.array(z.string().email()) }).strict(),
          })
          .strict(),
        routing: z.object({ rules: z.array(routingRule) }).strict(),
        escalation: z
          .object({
            enabled: z.boolean(),
            after_minutes: z.number().int().positive(),
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
      .strict(),
    /** The learning tracker (src/learning): what is tracked, outcome thresholds, missed opportunities, suggestions. */
    learning: z
      .object({
        /** top-ranked candidates of each live run tracked besides its alerts */
        track_top_n: z.number().int().min(0).max(100),
        /** fractions: a close this far above the discovery price before one at failure_return is a success */
        success_return: positive,
        failure_return: z.number().negative(),
        /** outcome categories on the peak return (explosive ≥ strong ≥ moderate); below moderate, the latest return decides poor vs failed */
        outcome: z
          .object({ explosive: positive, strong: positive, moderate: positive, failed: z.number().negative() })
          .strict()
          .refine((o) => o.explosive > o.strong && o.strong > o.moderate, 'explosive > strong > moderate'),
        missed_min_return: positive,
        /** which cuts count as missed; alerting: scored (ranked or not) but below every alert level */
        missed_stages: z.array(
          z.enum(['universe_loading', 'price_filtering', 'volume_filtering', 'squeeze_detection', 'alerting']),
        ),
        suggest_days: z.number().int().positive(),
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
        min_risk_reward: positive,
        /** thesis checks, now vs at entry: keep ratios (now ≥ ratio × entry) and the largest score drop */
        thesis: z
          .object({ volume_keep: fraction, si_keep: fraction, days_to_cover_keep: fraction, score_max_drop: fraction })
          .strict(),
      })
      .strict(),
    adhoc: z
      .object({
        default_ttl_days: z.number().int().positive(),
        max_active_candidates: z.number().int().positive(),
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
        rate_limit_per_minute: z.number().int().positive(),
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
    providers: restartOnly(
      z
        .object({
          finra_files: provider,
          finra_api: provider.extend({ auth_url: url, page_size: z.number().int().min(1).max(5000) }).strict(),
          polygon: provider,
          fmp: provider,
          finnhub: provider,
          yahoo: provider.extend({ cookie_url: url }).strict(),
          nasdaq_trader: provider,
        })
        .strict(),
    ),
    performance: restartOnly(
      z
        .object({
          api_rate_limits: z
            .object({
              fmp_calls_per_minute: positive,
              finnhub_calls_per_minute: positive,
              polygon_calls_per_minute: positive,
              yahoo_calls_per_minute: positive,
              finra_api_calls_per_minute: positive,
              finra_files_calls_per_minute: positive,
              nasdaq_trader_calls_per_minute: positive,
            })
            .strict(),
          database: z
            .object({ batch_size: z.number().int().positive(), connection_timeout: positive, query_timeout: positive })
            .strict(),
          error_handling: z
            .object({
              max_retries: count,
              backoff_factor: z.number().min(1),
              base_delay_ms: count,
              max_delay_ms: count,
              circuit_breaker_threshold: fraction,
              circuit_breaker: z
                .object({ failures: z.number().int().positive(), window_seconds: positive, open_seconds: positive })
                .strict(),
            })
            .strict(),
        })
        .strict(),
    ),
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
