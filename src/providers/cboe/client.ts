import type { OptionsSnapshot } from '../../domain/short-supply';
import { marketDateAt, previousTradingDay } from '../../market/trading-calendar';
import { ProviderError } from '../../shared/errors';
import { excerpt, parsePayload } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { ChainShapeError, mapChain } from './map';
import { cboeChainSchema } from './schemas';

// Cboe's delayed options quotes, keyless, one request per symbol (the short list only: DESIGN.md "whole
// market by date, not by symbol" leaves per-symbol calls to the short list). The HTTP factory's
// cboe_calls_per_minute paces them. A symbol without listed options answers 403/404: that is an answer
// (`none`), not a failure.

export type ChainFetch =
  { status: 'ok'; url: string; snapshot: OptionsSnapshot } | { status: 'none'; url: string; reason: string };

const PROVIDER = 'cboe';

export function createCboeClient(deps: ProviderDeps) {
  const http = httpClientFor(PROVIDER, deps);

  function pathFor(symbol: string): string {
    return deps.config.providers.cboe.options_path
      .replaceAll('{SYMBOL}', encodeURIComponent(symbol))
      .replace(/^\/+/, '');
  }

  /** One body (from the CDN or a saved file) → the day's summary; a wrong shape is a malformed payload. */
  function summarise(body: unknown, takenAt: string): OptionsSnapshot {
    const chain = parsePayload(PROVIDER, cboeChainSchema, body, 'options chain');
    try {
      return mapChain(chain, takenAt);
    } catch (err) {
      if (!(err instanceof ChainShapeError)) throw err;
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: ${err.message}`,
        excerpt: excerpt(body),
      });
    }
  }

  async function chain(symbol: string): Promise<ChainFetch> {
    const path = pathFor(symbol);
    const url = `${http.baseUrl.replace(/\/+$/, '')}/${path}`;
    const response = await http.request(path, { acceptStatus: [403, 404] });
    const text = await response.text();
    if (response.status === 403 || response.status === 404) {
      return { status: 'none', url, reason: `no options chain for ${symbol} (HTTP ${response.status})` };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: the ${symbol} chain is not JSON`,
        cause: err,
        excerpt: excerpt(text),
      });
    }
    const snapshot = summarise(body, deps.clock.now().toISOString());
    if (snapshot.symbol !== symbol.toUpperCase()) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: asked for ${symbol}, the chain is ${snapshot.symbol}'s`,
      });
    }
    return { status: 'ok', url, snapshot };
  }

  /** Reachability in one tiny request: the previous session's BZX threshold file (any answer counts). */
  async function ping(): Promise<void> {
    const date = previousTradingDay(marketDateAt(deps.clock.now())).replaceAll('-', '');
    const path = deps.config.providers.cboe.threshold_path.replaceAll('{YYYYMMDD}', date).replace(/^\/+/, '');
    await (await http.request(path, { acceptStatus: [403, 404] })).text();
  }

  return { chain, summarise, ping, http };
}

export type CboeClient = ReturnType<typeof createCboeClient>;
