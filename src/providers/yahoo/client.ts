import type { DailyBar } from '../../domain/market-data';
import { toYahoo } from '../../market/symbol-map';
import { ProviderError } from '../../shared/errors';
import { excerpt, parsePayload } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { mapChart, mapKeyStatistics, type YahooKeyStatisticsResult } from './map';
import { yahooChartSchema, yahooFinanceErrorSchema, yahooQuoteSummarySchema } from './schemas';

// Yahoo Finance, keyless: daily bars for the short list, and key statistics (short interest as
// Yahoo shows it, float, shares outstanding) as a cross-check of FINRA.
//
// quoteSummary needs a session: a cookie that fc.yahoo.com sets (while answering 404) and a "crumb"
// fetched with that cookie. Both are cached for the life of the client and renewed once when Yahoo
// answers 401 "Invalid Crumb". The chart endpoint needs neither.

export interface YahooClient {
  dailyBars(symbol: string, from: string, to: string): Promise<DailyBar[]>;
  keyStatistics(symbol: string): Promise<YahooKeyStatisticsResult>;
  ping(): Promise<void>;
}

interface Session {
  cookie: string;
  crumb: string;
}

const PROVIDER = 'yahoo';
// Yahoo answers "Too Many Requests" to clients that do not look like a browser
const HEADERS = { 'user-agent': 'Mozilla/5.0 (compatible; squeezebot/0.1)' };

export function createYahooClient(deps: ProviderDeps): YahooClient {
  const http = httpClientFor(PROVIDER, deps, { headers: HEADERS });
  // a different origin from base_url, so a client of its own
  const cookieHttp = httpClientFor(PROVIDER, deps, {
    headers: HEADERS,
    baseUrl: deps.config.providers.yahoo.cookie_url,
  });
  const log = deps.logger.child({ provider: PROVIDER });
  let session: Session | null = null;
  let pending: Promise<Session> | null = null;

  async function newSession(): Promise<Session> {
    const home = await cookieHttp.request('', { acceptStatus: [404] });
    await home.text().catch(() => undefined);
    const cookie = home.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!.trim())
      .filter((c) => c.includes('='))
      .join('; ');
    if (!cookie)
      throw new ProviderError(PROVIDER, 'unauthorized', {
        message: `${PROVIDER}: ${cookieHttp.baseUrl} set no cookie; cannot get a crumb`,
      });
    const crumb = (await http.text('v1/test/getcrumb', { headers: { cookie } })).trim();
    // a crumb is a short token; an HTML page or an error text here means no session
    if (!crumb || crumb.length > 64 || /[\s<{]/.test(crumb)) {
      throw new ProviderError(PROVIDER, 'unauthorized', {
        message: `${PROVIDER}: no crumb in the getcrumb answer`,
        excerpt: excerpt(crumb),
      });
    }
    log.debug('yahoo session started');
    return { cookie, crumb };
  }

  /** One session fetch at a time: concurrent callers share it. */
  function getSession(): Promise<Session> {
    if (session) return Promise.resolve(session);
    pending ??= newSession()
      .then((s) => (session = s))
      .finally(() => (pending = null));
    return pending;
  }

  function parseJson(raw: string, path: string): unknown {
    try {
      return JSON.parse(raw);
    } catch (cause) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: response is not JSON (${path})`,
        excerpt: excerpt(raw),
        cause,
      });
    }
  }

  async function chart(
    symbol: string,
    params: Record<string, string | number>,
    from: string,
    to: string,
  ): Promise<DailyBar[]> {
    const path = `v8/finance/chart/${encodeURIComponent(toYahoo(symbol))}`;
    // an unknown symbol is a 404 whose body says why
    const response = await http.request(path, {
      searchParams: params,
      headers: { accept: 'application/json' },
      acceptStatus: [404],
    });
    const data = parsePayload(PROVIDER, yahooChartSchema, parseJson(await response.text(), path), path);
    const { result, error } = data.chart;
    if (error || !result?.[0]) {
      throw new ProviderError(PROVIDER, response.status === 404 || error?.code === 'Not Found' ? 'not_found' : 'http', {
        status: response.status,
        message: `${PROVIDER}: chart for ${symbol}: ${error?.description ?? error?.code ?? 'no result'}`,
      });
    }
    return mapChart(symbol, result[0], from, to);
  }

  return {
    async dailyBars(symbol, from, to) {
      const period1 = Date.parse(`${from}T00:00:00Z`) / 1000;
      // period2 is exclusive: the day after `to`
      const period2 = Date.parse(`${to}T00:00:00Z`) / 1000 + 86_400;
      return chart(
        symbol,
        { period1, period2, interval: '1d', events: 'div,split', includeAdjustedClose: 'true' },
        from,
        to,
      );
    },

    async keyStatistics(symbol) {
      const path = `v10/finance/quoteSummary/${encodeURIComponent(toYahoo(symbol))}`;
      for (let attempt = 1; ; attempt++) {
        const { cookie, crumb } = await getSession();
        const response = await http.request(path, {
          searchParams: { modules: 'defaultKeyStatistics', crumb },
          headers: { cookie, accept: 'application/json' },
          acceptStatus: [401, 404],
        });
        const raw = await response.text();
        if (response.status === 401) {
          const body = yahooFinanceErrorSchema.safeParse(safeJson(raw));
          const why = body.success ? (body.data.finance.error?.description ?? 'Unauthorized') : 'Unauthorized';
          session = null;
          if (attempt === 1) {
            log.info({ why }, 'yahoo session refused; renewing once');
            continue;
          }
          throw new ProviderError(PROVIDER, 'unauthorized', {
            status: 401,
            message: `${PROVIDER}: quoteSummary refused twice (${why})`,
            excerpt: excerpt(raw),
          });
        }
        const data = parsePayload(PROVIDER, yahooQuoteSummarySchema, parseJson(raw, path), path);
        const { result, error } = data.quoteSummary;
        if (error || !result?.[0]) {
          throw new ProviderError(PROVIDER, response.status === 404 ? 'not_found' : 'http', {
            status: response.status,
            message: `${PROVIDER}: key statistics for ${symbol}: ${error?.description ?? error?.code ?? 'no result'}`,
          });
        }
        return mapKeyStatistics(symbol, result[0].defaultKeyStatistics);
      }
    },

    async ping() {
      await chart('SPY', { range: '5d', interval: '1d' }, '0000-01-01', '9999-12-31');
    },
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
