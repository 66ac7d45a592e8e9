import ky, { TimeoutError, type KyInstance } from 'ky';
import type { ZodType } from 'zod';
import { ProviderError, type ProviderErrorKind } from '../shared/errors';
import { excerpt, kindForStatus, parsePayload } from './payload';
import type { Clock } from '../shared/clock';
import { redactUrl, type Logger } from '../shared/logger';
import type { CircuitState, HealthSink } from '../domain/provider-calls';
import { CircuitBreaker, type CircuitOptions } from './circuit-breaker';
import { RateLimiter } from './rate-limiter';

// The one HTTP factory every provider client is built on: timeout, retries with exponential
// backoff and jitter that honour Retry-After, a per-provider rate limiter, a circuit breaker,
// and every call counted and timed into provider health.

export { excerpt, keyRefused, kindForStatus, parsePayload } from './payload';

export const nullHealthSink: HealthSink = { call: () => {}, circuit: () => {} };

export interface RetryOptions {
  maxRetries: number;
  backoffFactor: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retry-After longer than this is not waited out: the call fails as rate_limited */
  maxRetryAfterMs?: number;
}

export interface HttpClientOptions {
  provider: string;
  baseUrl: string;
  timeoutMs: number;
  callsPerMinute: number;
  retry: RetryOptions;
  circuit: CircuitOptions;
  clock: Clock;
  logger: Logger;
  health?: HealthSink;
  headers?: Record<string, string>;
  random?: () => number;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  searchParams?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
  /** statuses the caller handles itself (e.g. 403/404 for a FINRA file of a non-trading day) */
  acceptStatus?: number[];
}

export interface HttpClient {
  readonly provider: string;
  readonly baseUrl: string;
  /** A full response whose status is 2xx or listed in acceptStatus; body unread. */
  request(path: string, options?: RequestOptions): Promise<Response>;
  text(path: string, options?: RequestOptions): Promise<string>;
  json<T>(path: string, schema: ZodType<T>, options?: RequestOptions): Promise<T>;
  circuitState(): CircuitState;
  /** calls made (attempts, including retries) since the client was created */
  readonly stats: { calls: number; failures: number };
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { provider, clock, logger } = options;
  const health = options.health ?? nullHealthSink;
  const random = options.random ?? Math.random;
  const log = logger.child({ provider });
  const limiter = new RateLimiter(options.callsPerMinute, clock);
  const breaker = new CircuitBreaker(options.circuit, clock, (state, at) => {
    log.warn({ state }, 'circuit changed');
    health.circuit(provider, state, at);
  });
  const stats = { calls: 0, failures: 0 };
  const kyClient: KyInstance = ky.create({
    prefixUrl: options.baseUrl.replace(/\/+$/, ''),
    timeout: options.timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    headers: { 'user-agent': 'squeezebot/0.1 (+https://github.com/)', ...options.headers },
  });

  function backoff(attempt: number): number {
    const { baseDelayMs, backoffFactor, maxDelayMs } = options.retry;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * backoffFactor ** attempt);
    // "equal jitter": at least half the backoff, so retries spread out but never bunch at zero
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  }

  async function attemptOnce(
    path: string,
    req: RequestOptions,
  ): Promise<{ response?: Response; error?: ProviderError; retryAfterMs?: number | null; retryable: boolean }> {
    await limiter.take();
    const started = clock.now();
    const t0 = performance.now();
    const url = `${options.baseUrl.replace(/\/+$/, '')}/${path}`;
    stats.calls += 1;
    const searchParams = req.searchParams
      ? Object.fromEntries(
          Object.entries(req.searchParams)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, String(v)]),
        )
      : undefined;
    try {
      const response = await kyClient(path, {
        method: req.method ?? 'GET',
        searchParams,
        // ky drops the instance's headers (the User-Agent) when `headers: undefined` is passed
        ...(req.headers && { headers: req.headers }),
        json: req.json,
        body: req.body,
      });
      const ms = performance.now() - t0;
      const accepted = response.ok || (req.acceptStatus ?? []).includes(response.status);
      const serverSide = response.status >= 500 || response.status === 429 || response.status === 408;
      health.call({ provider, url: redactUrl(url), ok: accepted, status: response.status, ms, at: started });
      if (accepted) {
        breaker.success();
        return { response, retryable: false };
      }
      stats.failures += 1;
      // A client error (401, 404, ...) means the provider is up and answering: it must not count
      // towards opening the circuit, and as a half-open probe it closes it (else the probe slot
      // would stay taken and the circuit half-open for good).
      if (serverSide) breaker.failure();
      else breaker.success();
      const body = await response.text().catch(() => '');
      const error = new ProviderError(provider, kindForStatus(response.status), {
        status: response.status,
        message: `${provider}: HTTP ${response.status} for ${redactUrl(url)}`,
        excerpt: excerpt(body),
      });
      return {
        error,
        retryable: RETRYABLE.has(response.status),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), clock.now()),
      };
    } catch (cause) {
      const ms = performance.now() - t0;
      stats.failures += 1;
      breaker.failure();
      const timeout = cause instanceof TimeoutError;
      const kind: ProviderErrorKind = timeout ? 'timeout' : 'network';
      const reason = timeout ? `timed out after ${options.timeoutMs} ms` : networkReason(cause);
      health.call({ provider, url: redactUrl(url), ok: false, status: null, ms, error: reason, at: started });
      return {
        error: new ProviderError(provider, kind, { message: `${provider}: ${reason} (${redactUrl(url)})`, cause }),
        retryable: true,
      };
    }
  }

  async function request(path: string, req: RequestOptions = {}): Promise<Response> {
    const cleanPath = path.replace(/^\/+/, '');
    let last: ProviderError | undefined;
    for (let attempt = 0; attempt <= options.retry.maxRetries; attempt++) {
      if (!breaker.allow()) {
        const retryAt = breaker.retryAt();
        throw new ProviderError(provider, 'circuit_open', {
          message: `${provider}: circuit open after repeated failures${retryAt ? `; next probe at ${retryAt.toISOString()}` : ''}`,
          cause: last,
        });
      }
      const outcome = await attemptOnce(cleanPath, req);
      if (outcome.response) return outcome.response;
      last = outcome.error!;
      if (!outcome.retryable || attempt === options.retry.maxRetries) break;
      let delay = backoff(attempt);
      if (outcome.retryAfterMs != null) {
        if (outcome.retryAfterMs > (options.retry.maxRetryAfterMs ?? 120_000)) break;
        delay = Math.max(delay, outcome.retryAfterMs);
      }
      log.debug({ attempt: attempt + 1, delay, kind: last.kind, status: last.status }, 'retrying');
      await clock.sleep(delay);
    }
    log.warn({ kind: last?.kind, status: last?.status, excerpt: last?.excerpt }, 'request failed');
    throw last!;
  }

  return {
    provider,
    baseUrl: options.baseUrl,
    stats,
    request,
    async text(path, req) {
      return (await request(path, req)).text();
    },
    async json(path, schema, req) {
      const response = await request(path, { ...req, headers: { accept: 'application/json', ...req?.headers } });
      const raw = await response.text();
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch (cause) {
        throw new ProviderError(provider, 'malformed', {
          message: `${provider}: response is not JSON`,
          excerpt: excerpt(raw),
          cause,
        });
      }
      try {
        return parsePayload(provider, schema, data, path.split('?')[0]);
      } catch (err) {
        if (err instanceof ProviderError) log.warn({ excerpt: err.excerpt, path }, 'malformed payload');
        throw err;
      }
    },
    circuitState: () => breaker.state,
  };
}

function networkReason(cause: unknown): string {
  const err = cause as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  const code = err?.cause?.code ?? err?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found (DNS)';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET') return 'connection reset';
  return `network error: ${err?.cause?.message ?? err?.message ?? String(cause)}`;
}
