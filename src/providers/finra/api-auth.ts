import { ProviderError } from '../../shared/errors';
import { excerpt } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { tokenSchema } from './schemas';

// FINRA Query API OAuth: POST {auth_url}?grant_type=client_credentials with HTTP Basic
// clientId:secret gives `{ access_token, expires_in, ... }`. The token is cached until shortly before
// it expires; FINRA has been seen issuing tokens from ~30 minutes to ~12 hours, so the expiry comes
// from the answer, and a 401 on data still forces one refresh (see api.client.ts).

const PROVIDER = 'finra_api';
/** Used when the answer carries no expires_in: short, so a wrong guess costs one extra token call. */
const DEFAULT_TTL_S = 30 * 60;
const MAX_MARGIN_S = 60;

export interface TokenSource {
  token(): Promise<string>;
  /** Forget the cached token (the API refused it). */
  invalidate(): void;
  readonly stats: { calls: number };
}

/** Splits the auth URL into a base and the last path segment: ky's prefixUrl would add a trailing slash. */
function splitUrl(authUrl: string): { base: string; path: string } {
  const u = new URL(authUrl);
  const cut = u.pathname.lastIndexOf('/');
  return { base: `${u.origin}${u.pathname.slice(0, cut)}`, path: u.pathname.slice(cut + 1) };
}

export function createFinraTokenSource(deps: ProviderDeps & { clientId: string; clientSecret: string }): TokenSource {
  const { base, path } = splitUrl(deps.config.providers.finra_api.auth_url);
  const http = httpClientFor(PROVIDER, deps, { baseUrl: base });
  const basic = Buffer.from(`${deps.clientId}:${deps.clientSecret}`).toString('base64');
  let cached: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const response = await http.request(path, {
      method: 'POST',
      searchParams: { grant_type: 'client_credentials' },
      headers: { authorization: `Basic ${basic}`, accept: 'application/json' },
      // OAuth servers answer bad client credentials with 400 (invalid_client) as often as with 401
      acceptStatus: [400, 401, 403],
    });
    const raw = await response.text();
    if (!response.ok) {
      throw new ProviderError(PROVIDER, 'unauthorized', {
        status: response.status,
        message: `finra_api: the token endpoint refused the client id/secret (HTTP ${response.status})`,
        excerpt: excerpt(raw),
      });
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (cause) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: 'finra_api: token response is not JSON',
        excerpt: excerpt(raw, 80),
        cause,
      });
    }
    const result = tokenSchema.safeParse(data);
    if (!result.success) {
      // no excerpt: the body may hold a usable token
      const issue = result.error.issues[0]!;
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `finra_api: malformed token response: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      });
    }
    const parsed = result.data;
    const ttl = parsed.expires_in && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_TTL_S;
    const margin = Math.min(MAX_MARGIN_S, ttl / 10);
    cached = { token: parsed.access_token, expiresAt: deps.clock.now().getTime() + (ttl - margin) * 1000 };
    return parsed.access_token;
  }

  return {
    async token() {
      if (cached && deps.clock.now().getTime() < cached.expiresAt) return cached.token;
      // concurrent callers share one token request
      inflight ??= fetchToken().finally(() => {
        inflight = null;
      });
      return inflight;
    },
    invalidate() {
      cached = null;
    },
    get stats() {
      return { calls: http.stats.calls };
    },
  };
}
