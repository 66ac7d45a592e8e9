import type { ZodType } from 'zod';
import type { DailyBar, Quote, Trade } from '../../domain/market-data';
import { toPolygon } from '../../market/symbol-map';
import { ProviderError } from '../../shared/errors';
import { excerpt, keyRefused, parsePayload } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { addCalendarDays } from '../../market/iso-date';
import { mapAgg, mapGroupedAgg, mapQuote, mapSnapshot, mapTrade, marketMidnightNs, type SnapshotQuote } from './map';
import {
  polygonAggsResponseSchema,
  polygonMarketStatusSchema,
  polygonQuotesPageSchema,
  polygonSnapshotSchema,
  polygonTradesPageSchema,
} from './schemas';

// Polygon.io: the whole market's daily bars in one call (grouped daily), per-symbol ranges, and the
// tick data (trades, NBBO quotes) the buy/sell classifier needs for the short list.

export interface PolygonClient {
  groupedDaily(date: string): Promise<DailyBar[]>;
  dailyBars(symbol: string, from: string, to: string): Promise<DailyBar[]>;
  trades(symbol: string, date: string): Promise<Trade[]>;
  /** NBBO quotes; [] when the plan does not include them (HTTP 403). */
  quotes(symbol: string, date: string): Promise<Quote[]>;
  /**
   * Live quotes of a short list (snapshot endpoint), one request per SNAPSHOT_CHUNK symbols; symbols without
   * a price are left out.
   */
  snapshot(symbols: string[]): Promise<SnapshotQuote[]>;
  ping(): Promise<void>;
}

export interface PolygonDeps extends ProviderDeps {
  apiKey: string;
  /**
   * Upper bound on next_url pages per call (50,000 ticks a page); past it the call fails rather than return
   * part of a day.
   */
  maxPages?: number;
}

const PROVIDER = 'polygon';
type Page<I> = { results?: I[]; next_url?: string };
const TICK_PAGE_LIMIT = 50_000;
/** tickers per snapshot request: keeps the query string well under URL length limits */
export const SNAPSHOT_CHUNK = 250;

export function createPolygonClient(deps: PolygonDeps): PolygonClient {
  const http = httpClientFor(PROVIDER, deps);
  const log = deps.logger.child({ provider: PROVIDER });
  const maxPages = deps.maxPages ?? 100;
  const basePath = new URL(http.baseUrl).pathname.replace(/\/+$/, '');

  /**
   * next_url is absolute and carries a cursor but not the key. Only its path and query are kept and
   * requested against our base URL, so the key is never sent to a host the config did not name.
   */
  function pathOfNextUrl(nextUrl: string): { path: string; params: Record<string, string> } {
    const url = new URL(nextUrl);
    let path = url.pathname;
    if (basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
    const params = Object.fromEntries(url.searchParams);
    delete params.apiKey;
    return { path, params };
  }

  async function getJson<T>(
    path: string,
    schema: ZodType<T>,
    params: Record<string, string | number>,
    acceptStatus?: number[],
  ): Promise<{ status: number; data?: T }> {
    const response = await http.request(path, {
      searchParams: { ...params, apiKey: deps.apiKey },
      headers: { accept: 'application/json' },
      acceptStatus,
    });
    if (!response.ok) {
      await response.text().catch(() => undefined); // small error bodies: read, so the connection is freed
      return { status: response.status };
    }
    const raw = await response.text();
    let data: unknown;
    try {
      // quote nanosecond timestamps before parsing: as numbers they would lose their last digits
      data = JSON.parse(raw.replace(/"(sip_timestamp|participant_timestamp|trf_timestamp)"\s*:\s*(\d+)/g, '"$1":"$2"'));
    } catch (cause) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: response is not JSON (${path})`,
        excerpt: excerpt(raw),
        cause,
      });
    }
    return { status: response.status, data: parsePayload(PROVIDER, schema, data, path) };
  }

  /** Follows next_url until it stops, bounded by maxPages. */
  async function paged<I>(
    firstPath: string,
    schema: ZodType<Page<I>>,
    params: Record<string, string | number>,
    acceptStatus?: number[],
  ): Promise<{ status: number; items: I[] }> {
    const items: I[] = [];
    let path = firstPath;
    let query = params;
    for (let page = 1; ; page++) {
      const { status, data } = await getJson(path, schema, query, acceptStatus);
      if (!data) return { status, items };
      if (data.results) for (const r of data.results) items.push(r);
      if (!data.next_url) return { status, items };
      if (page >= maxPages) {
        throw new ProviderError(PROVIDER, 'http', {
          message: `${PROVIDER}: ${firstPath} has more than ${maxPages} pages (${items.length} rows so far); refusing a partial result`,
        });
      }
      ({ path, params: query } = pathOfNextUrl(data.next_url));
    }
  }

  async function ticks<I>(
    kind: 'trades' | 'quotes',
    symbol: string,
    date: string,
    schema: ZodType<Page<I>>,
    acceptStatus?: number[],
  ) {
    // the whole New York calendar day, pre- and post-market included
    return paged(
      `v3/${kind}/${encodeURIComponent(toPolygon(symbol))}`,
      schema,
      {
        'timestamp.gte': marketMidnightNs(date),
        'timestamp.lt': marketMidnightNs(addCalendarDays(date, 1)),
        order: 'asc',
        sort: 'timestamp',
        limit: TICK_PAGE_LIMIT,
      },
      acceptStatus,
    );
  }

  return {
    async groupedDaily(date) {
      const { data } = await getJson(`v2/aggs/grouped/locale/us/market/stocks/${date}`, polygonAggsResponseSchema, {
        adjusted: 'true',
      });
      const bars: DailyBar[] = [];
      for (const agg of data?.results ?? []) {
        const bar = mapGroupedAgg(agg, date);
        if (bar) bars.push(bar);
      }
      log.debug({ date, bars: bars.length }, 'grouped daily fetched');
      return bars;
    },

    async dailyBars(symbol, from, to) {
      const { items } = await paged(
        `v2/aggs/ticker/${encodeURIComponent(toPolygon(symbol))}/range/1/day/${from}/${to}`,
        polygonAggsResponseSchema,
        { adjusted: 'true', sort: 'asc', limit: TICK_PAGE_LIMIT },
      );
      return items.map((agg) => mapAgg(agg, symbol));
    },

    async trades(symbol, date) {
      const { items } = await ticks('trades', symbol, date, polygonTradesPageSchema);
      return items.map(mapTrade);
    },

    async quotes(symbol, date) {
      const { status, items } = await ticks('quotes', symbol, date, polygonQuotesPageSchema, [403]);
      if (status === 403) {
        log.info({ symbol, date }, 'quotes not included in this Polygon plan');
        return [];
      }
      return items.map(mapQuote);
    },

    async snapshot(symbols) {
      const unique = [...new Set(symbols)];
      const out: SnapshotQuote[] = [];
      for (let i = 0; i < unique.length; i += SNAPSHOT_CHUNK) {
        const tickers = unique
          .slice(i, i + SNAPSHOT_CHUNK)
          .map(toPolygon)
          .join(',');
        const { data } = await getJson('v2/snapshot/locale/us/markets/stocks/tickers', polygonSnapshotSchema, {
          tickers,
        });
        for (const t of data?.tickers ?? []) {
          const q = mapSnapshot(t);
          if (q) out.push(q);
        }
      }
      log.debug({ asked: unique.length, quotes: out.length }, 'snapshot fetched');
      return out;
    },

    async ping() {
      try {
        await getJson('v1/marketstatus/now', polygonMarketStatusSchema, {});
      } catch (err) {
        throw keyRefused(err, PROVIDER, 'POLYGON_API_KEY');
      }
    },
  };
}
