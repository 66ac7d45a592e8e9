import type { Config, ProviderName } from '../config/schema';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { HealthSink } from '../domain/provider-calls';
import { createHttpClient, type HttpClient } from './http';

export interface ProviderDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  health?: HealthSink;
}

/** Builds the HTTP client of one provider from its config section and the shared error-handling settings. */
export function httpClientFor(
  name: ProviderName,
  deps: ProviderDeps,
  extra: { headers?: Record<string, string>; baseUrl?: string } = {},
): HttpClient {
  const { config } = deps;
  const section = config.providers[name];
  const eh = config.performance.error_handling;
  const limits = config.performance.api_rate_limits;
  const callsPerMinute = limits[`${name}_calls_per_minute` as keyof typeof limits];
  return createHttpClient({
    provider: name,
    baseUrl: extra.baseUrl ?? section.base_url,
    timeoutMs: section.timeout_ms,
    callsPerMinute,
    retry: {
      maxRetries: eh.max_retries,
      backoffFactor: eh.backoff_factor,
      baseDelayMs: eh.base_delay_ms,
      maxDelayMs: eh.max_delay_ms,
    },
    circuit: {
      failures: eh.circuit_breaker.failures,
      windowMs: eh.circuit_breaker.window_seconds * 1000,
      openMs: eh.circuit_breaker.open_seconds * 1000,
    },
    clock: deps.clock,
    logger: deps.logger,
    health: deps.health,
    headers: extra.headers,
  });
}
