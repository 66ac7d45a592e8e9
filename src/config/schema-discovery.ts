import { z } from 'zod';
import { positive, count, weights, unread } from './schema-parts';

// The discovery funnel's sections: the universe filters, the FINRA file collector, the volume
// detector and the deep scan with its hybrid scoring weights.

export const universeLoaderSection = z
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
  .strict();

export const finraCollectorSection = z
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
  .strict();

export const volumeDetectorSection = z
  .object({
    analysis: z
      .object({
        volume_lookback_days: z.number().int().min(2),
        min_volume_spike_ratio: positive,
        min_rsi_threshold: z.number().min(0).max(100),
        momentum_period: z.number().int().positive(),
        /**
         * off-exchange share of consolidated volume the liquidity filter assumes where the volume figures are
         * FINRA's off-exchange proxy (volume-metrics.ts): the threshold is scaled by it
         */
        off_exchange_share: z.number().gt(0).max(1),
      })
      .strict(),
    filters: z
      .object({
        max_candidates: z.number().int().positive(),
        min_price: z.number().nonnegative(),
        max_price: positive,
        /**
         * a name alerted or ranked in the last this many trading days is deep-scanned whatever the funnel says
         * (a run through max_price or a quiet day inside a run must not drop it); 0 follows nothing
         */
        follow_days: count,
      })
      .strict(),
    scoring: z.object({ weights }).strict(),
  })
  .strict();

export const deepScanSection = z
  .object({
    ranking_size: z.number().int().positive(),
    batch_size: z.number().int().positive(),
    api_delay_seconds: unread('per-provider rate limiters pace requests (providers.*)', z.number().nonnegative()),
    metrics: z
      .object({
        sentiment_lookback_hours: z.number().int().positive(),
        /** a call/put ratio on fewer contracts than this is noise: the input counts at its prior */
        options_min_volume: count,
        finra_max_age_days: z.number().int().positive(),
      })
      .strict(),
    /** one weight table; a missing input counts at its neutral prior (src/signals/scoring/score-inputs.ts) */
    hybrid_scoring: z
      .object({
        weights,
        /**
         * inputs counted at their neutral prior whatever their data says: a source not trusted, or the
         * backtest's ablation. Unlike a weight of 0 this keeps every other input's share.
         */
        held_at_prior: z.array(z.string().min(1)),
      })
      .strict()
      .refine((h) => h.held_at_prior.every((k) => Object.hasOwn(h.weights, k)), {
        message: 'held_at_prior names an input that is not in weights',
        path: ['held_at_prior'],
      }),
  })
  .strict();
