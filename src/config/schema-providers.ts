import { z } from 'zod';
import { count, datedPath, fraction, positive, provider, restartOnly, url } from './schema-parts';

// The sections read once at start, when the HTTP clients are built: each provider's base URL and
// timeout (so tests and local replicas can stand in), and the rate limits, retries and breakers.

export const providersSection = restartOnly(
  z
    .object({
      // short_interest_path: under base_url, so a mirror may lay its files out its own way
      finra_files: provider.extend({ short_interest_path: datedPath }).strict(),
      finra_api: provider.extend({ auth_url: url, page_size: z.number().int().min(1).max(5000) }).strict(),
      polygon: provider,
      fmp: provider,
      finnhub: provider,
      yahoo: provider.extend({ cookie_url: url }).strict(),
      // threshold_path: Nasdaq's daily Reg SHO threshold list under the same host as the directory
      nasdaq_trader: provider.extend({ threshold_path: datedPath }).strict(),
      /** NYSE's threshold-securities download, one request per NYSE market (issue 12) */
      nyse: provider
        .extend({ threshold_path: z.string().min(1), threshold_markets: z.array(z.string().min(1)).min(1) })
        .strict(),
      /** Cboe's CDN: the BZX threshold list and the delayed options chains (issue 12) */
      cboe: provider
        .extend({
          threshold_path: datedPath,
          options_path: z.string().regex(/\{SYMBOL\}/, 'must hold {SYMBOL}, where the ticker goes'),
        })
        .strict(),
      /**
       * IBKR's stock-loan files (issue 12): anonymous FTP, base_url `ftp://host[:port]`, user `shortstock`
       * with an empty password, one file per country and its `.md5` companion
       */
      ibkr: provider
        .extend({
          user: z.string().min(1),
          file: z.string().min(1),
          /** check the file against `<file>.md5` (a torn read while IBKR rewrites it); no companion = not checked */
          verify_md5: z.boolean(),
        })
        .strict(),
      /** the SEC's fails-to-deliver files (issue 12): it asks for a descriptive User-Agent with a contact */
      sec: provider
        .extend({
          fails_path: z
            .string()
            .regex(/\{YYYYMM\}/, 'must hold {YYYYMM}, where the month goes')
            .regex(/\{HALF\}/, 'must hold {HALF}, where a or b goes'),
          user_agent: z
            .string()
            .regex(/\S+@\S+|https?:\/\//, 'must say who you are and how to reach you (an e-mail or a URL)'),
        })
        .strict(),
      nasdaq_api: provider
        .extend({
          /** the screener answers 403 to non-browser agents */
          user_agent: z.string().min(1),
          exchanges: z.array(z.enum(['nasdaq', 'nyse', 'amex'])).min(1),
          /** ask every exchange in one request first (with all three exchanges configured) */
          one_request: z.boolean(),
          /** fewer rows than this for an exchange is a failed fetch, not a smaller market */
          min_rows: z.object({ nasdaq: count, nyse: count, amex: count }).strict(),
        })
        .strict(),
    })
    .strict(),
);

export const performanceSection = restartOnly(
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
          nasdaq_api_calls_per_minute: positive,
          nyse_calls_per_minute: positive,
          cboe_calls_per_minute: positive,
          sec_calls_per_minute: positive,
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
);
