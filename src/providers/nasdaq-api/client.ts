import type { ScreenerExchange, ScreenerRow, ScreenerSnapshot } from '../../domain/market-data';
import { ProviderError } from '../../shared/errors';
import { excerpt, parsePayload } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { mapScreenerRow } from './map';
import { screenerEnvelopeSchema, validScreenerRows } from './schemas';

// The Nasdaq stock screener (api.nasdaq.com), keyless: with download=true one request returns every
// stock of an exchange with its last sale, day change, volume, market cap, sector and industry. One
// request per exchange rather than one for all, so a short answer of one exchange is seen as such.
//
// The one known failure mode is an answer that is not what it seems (an empty or concatenated body was
// served as 200 for a day in 2021): a body that does not parse, or has implausibly few rows, is a
// ProviderError, never an empty or smaller market.

export interface NasdaqApiClient {
  /** every configured exchange, deduplicated by symbol (the first exchange asked wins) */
  snapshot(): Promise<ScreenerSnapshot>;
  ping(): Promise<void>;
}

const PROVIDER = 'nasdaq_api';
const PATH = 'api/screener/stocks';

export function createNasdaqApiClient(deps: ProviderDeps): NasdaqApiClient {
  const section = deps.config.providers.nasdaq_api;
  // what a browser on www.nasdaq.com sends: the screener answers 403 to the default agents
  const http = httpClientFor(PROVIDER, deps, {
    headers: {
      'user-agent': section.user_agent,
      accept: 'application/json, text/plain, */*',
      origin: 'https://www.nasdaq.com',
      referer: 'https://www.nasdaq.com/',
    },
  });
  const log = deps.logger.child({ provider: PROVIDER });

  async function exchangeRows(exchange: ScreenerExchange) {
    const raw = await http.text(PATH, {
      // limit is ignored with download=true; sent because that is the URL known to work for years
      searchParams: { tableonly: 'true', limit: 25, offset: 0, exchange, download: 'true' },
      headers: { accept: 'application/json, text/plain, */*' },
    });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (cause) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: the ${exchange} answer is not JSON (empty, cut off or garbled; ${raw.length} bytes)`,
        excerpt: excerpt(raw),
        cause,
      });
    }
    const envelope = parsePayload(PROVIDER, screenerEnvelopeSchema, body, `${exchange} screener answer`);
    if (envelope.status.rCode !== 200 || !envelope.data) {
      throw new ProviderError(PROVIDER, 'http', {
        message: `${PROVIDER}: the ${exchange} screener answered rCode ${envelope.status.rCode}${envelope.message ? ` (${envelope.message})` : ''}`,
        excerpt: excerpt(raw),
      });
    }
    const valid = validScreenerRows(envelope.data.rows);
    const rows = valid.rows.map((r) => mapScreenerRow(r, exchange));
    const { skipped } = valid;
    const minimum = section.min_rows[exchange];
    if (rows.length < minimum) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message:
          `${PROVIDER}: the ${exchange} screener answered ${rows.length} usable rows of ${envelope.data.rows.length}` +
          ` (at least ${minimum} expected): a short answer is a failed fetch, not a smaller market`,
        excerpt: excerpt(raw),
      });
    }
    if (Object.keys(skipped).length) log.info({ exchange, skipped }, 'rows skipped');
    return { rows, answered: envelope.data.rows.length, skipped };
  }

  return {
    async snapshot() {
      // the earliest instant any answer may reflect: a snapshot begun before the close is not the close
      const takenAt = deps.clock.now().toISOString();
      const bySymbol = new Map<string, ScreenerRow>();
      const answered: ScreenerSnapshot['answered'] = {};
      const skipped: Record<string, number> = {};
      for (const exchange of section.exchanges) {
        const got = await exchangeRows(exchange);
        answered[exchange] = got.answered;
        for (const [reason, n] of Object.entries(got.skipped)) skipped[reason] = (skipped[reason] ?? 0) + n;
        for (const r of got.rows) if (!bySymbol.has(r.symbol)) bySymbol.set(r.symbol, r);
      }
      const rows = [...bySymbol.values()];
      log.info({ rows: rows.length, answered }, 'screener snapshot fetched');
      return { takenAt, rows, answered, skipped };
    },

    async ping() {
      // the smallest exchange, checked as fully as a snapshot is
      await exchangeRows('amex');
    },
  };
}
