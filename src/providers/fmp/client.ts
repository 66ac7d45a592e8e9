import type { ZodType } from 'zod';
import type { DailyBar, SymbolRecord } from '../../domain/market-data';
import { marketDateAt } from '../../market/market-time';
import { toYahoo } from '../../market/symbol-map';
import { ProviderError, type ProviderErrorKind } from '../../shared/errors';
import { excerpt, keyRefused, parsePayload } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { mapHistoricalRow, mapProfile, mapScreenerRow, type FmpProfile } from './map';
import {
  fmpErrorSchema,
  fmpHistoricalSchema,
  fmpQuoteSchema,
  fmpQuoteShortSchema,
  fmpScreenerSchema,
  fmpSharesFloatSchema,
  type FmpQuoteRow,
} from './schemas';

// Financial Modeling Prep: the universe screener (whole market in one call), daily history per
// symbol, and float / shares outstanding / market cap for the short list.

export interface FmpScreenerFilters {
  marketCapMoreThan?: number;
  marketCapLowerThan?: number;
  volumeMoreThan?: number;
  /** config exchange names (NYSE, NASDAQ, AMEX); FMP takes them comma-joined */
  exchange?: string[];
  limit?: number;
}

export interface FmpClient {
  screener(filters: FmpScreenerFilters): Promise<SymbolRecord[]>;
  historical(symbol: string, from: string, to: string): Promise<DailyBar[]>;
  /**
   * Float and shares outstanding from /api/v4/shares_float (one call a symbol: FMP's profile has no
   * float), market cap from /api/v3/quote (batched). A symbol whose calls all fail is left out and
   * logged; a refused key or an open circuit fails the whole call.
   */
  profiles(symbols: string[]): Promise<FmpProfile[]>;
  ping(): Promise<void>;
}

const PROVIDER = 'fmp';
const QUOTE_BATCH = 50;

/** FMP's 200-with-"Error Message" bodies, by what they mean. */
export function fmpErrorKind(message: string): ProviderErrorKind {
  if (/invalid api key|api key/i.test(message)) return 'unauthorized';
  if (/limit reach|too many requests/i.test(message)) return 'rate_limited';
  if (/exclusive|subscription|upgrade|premium|special endpoint|legacy endpoint/i.test(message)) return 'unauthorized';
  return 'http';
}

export function createFmpClient(deps: ProviderDeps & { apiKey: string }): FmpClient {
  const http = httpClientFor(PROVIDER, deps);
  const log = deps.logger.child({ provider: PROVIDER });
  const timezone = deps.config.app.timezone;

  async function getJson<T>(
    path: string,
    schema: ZodType<T>,
    params: Record<string, string | number | undefined> = {},
  ): Promise<T> {
    const response = await http.request(path, {
      searchParams: { ...params, apikey: deps.apiKey },
      headers: { accept: 'application/json' },
    });
    const raw = await response.text();
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (cause) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: response is not JSON (${path})`,
        excerpt: excerpt(raw),
        cause,
      });
    }
    const error = fmpErrorSchema.safeParse(data);
    if (error.success) {
      const message = error.data['Error Message'];
      throw new ProviderError(PROVIDER, fmpErrorKind(message), {
        status: response.status,
        message: `${PROVIDER}: ${message}`,
        excerpt: excerpt(raw),
      });
    }
    return parsePayload(PROVIDER, schema, data, path);
  }

  async function quotes(symbols: string[]): Promise<Map<string, FmpQuoteRow>> {
    const bySymbol = new Map<string, FmpQuoteRow>();
    for (let i = 0; i < symbols.length; i += QUOTE_BATCH) {
      const chunk = symbols.slice(i, i + QUOTE_BATCH);
      try {
        const rows = await getJson(
          `api/v3/quote/${chunk.map((s) => encodeURIComponent(toYahoo(s))).join(',')}`,
          fmpQuoteSchema,
        );
        for (const row of rows) bySymbol.set(row.symbol, row);
      } catch (err) {
        if (isSystemic(err)) throw err;
        log.warn({ symbols: chunk.length, err: String(err) }, 'quote batch failed');
      }
    }
    return bySymbol;
  }

  return {
    async screener(filters) {
      const rows = await getJson('api/v3/stock-screener', fmpScreenerSchema, {
        marketCapMoreThan: filters.marketCapMoreThan,
        marketCapLowerThan: filters.marketCapLowerThan,
        volumeMoreThan: filters.volumeMoreThan,
        exchange: filters.exchange?.length ? filters.exchange.map((e) => e.toLowerCase()).join(',') : undefined,
        limit: filters.limit,
      });
      const asOf = marketDateAt(deps.clock.now(), timezone);
      return rows.map((row) => mapScreenerRow(row, asOf));
    },

    async historical(symbol, from, to) {
      const data = await getJson(
        `api/v3/historical-price-full/${encodeURIComponent(toYahoo(symbol))}`,
        fmpHistoricalSchema,
        { from, to },
      );
      // FMP lists the newest day first
      return (data.historical ?? [])
        .map((row) => mapHistoricalRow(row, symbol))
        .sort((a, b) => a.date.localeCompare(b.date));
    },

    async profiles(symbols) {
      const quoteRows = await quotes(symbols);
      const out: FmpProfile[] = [];
      for (const symbol of symbols) {
        const fmpSymbol = toYahoo(symbol);
        let float;
        try {
          float = (await getJson('api/v4/shares_float', fmpSharesFloatSchema, { symbol: fmpSymbol }))[0];
        } catch (err) {
          if (isSystemic(err)) throw err;
          log.warn({ symbol, err: String(err) }, 'shares float failed');
        }
        const quote = quoteRows.get(fmpSymbol);
        if (!float && !quote) continue;
        out.push(mapProfile(symbol, float, quote));
      }
      return out;
    },

    async ping() {
      try {
        await getJson('api/v3/quote-short/AAPL', fmpQuoteShortSchema);
      } catch (err) {
        throw keyRefused(err, PROVIDER, 'FMP_API_KEY');
      }
    },
  };
}

/** Errors that would hit every symbol alike: stop the batch instead of failing it symbol by symbol. */
function isSystemic(err: unknown): boolean {
  return (
    err instanceof ProviderError &&
    (err.kind === 'unauthorized' || err.kind === 'circuit_open' || err.kind === 'rate_limited')
  );
}
