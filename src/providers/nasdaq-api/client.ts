import type { ScreenerExchange, ScreenerRow, ScreenerSnapshot } from '../../domain/market-data';
import { ProviderError, type ProviderErrorKind } from '../../shared/errors';
import { excerpt, parsePayload } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { mapScreenerRow } from './map';
import { screenerEnvelopeSchema, validScreenerRows } from './schemas';

// The Nasdaq stock screener (api.nasdaq.com), keyless: with download=true one request returns every
// stock of an exchange with its last sale, day change, volume, market cap, sector and industry.
//
// Without `exchange` the same request is reported to return every exchange at once (FORMATS-keyless §1,
// [3P], not checked on a real payload), so with `one_request` that is asked first and checked like any
// answer against the sum of the per-exchange minimums. Its rows name no exchange: they carry null
// rather than a guess (the universe takes the exchange from the directory). Only when that answer is
// not what it seems do the per-exchange requests follow, and a fallback that worked is kept for the
// rest of the process, so each day does not pay one request plus three.
//
// The one known failure mode is an answer that is not what it seems (an empty or concatenated body was
// served as 200 for a day in 2021): a body that does not parse, or has implausibly few rows, is a
// ProviderError, never an empty or smaller market.

export interface NasdaqApiClient {
  /** every configured exchange, deduplicated by symbol (the first row of a symbol wins) */
  snapshot(): Promise<ScreenerSnapshot>;
  /** requests the next snapshot makes when its answers validate: what a request budget counts */
  plannedRequests(): number;
  /** screener requests sent so far, each counted once (the HTTP layer's retries aside) */
  requestsSent(): number;
  ping(): Promise<void>;
}

const PROVIDER = 'nasdaq_api';
const PATH = 'api/screener/stocks';
const EVERY_EXCHANGE: readonly ScreenerExchange[] = ['nasdaq', 'nyse', 'amex'];
/**
 * A failure that says the all-exchange answer itself was wrong (garbled, short, an error envelope, a
 * 4xx for that URL), so the per-exchange requests may still work. A timeout, a network error, a 5xx,
 * a 429 or an open circuit would fail those too: thrown as they are, not multiplied by three.
 */
function answerFailed(err: unknown): err is ProviderError {
  if (!(err instanceof ProviderError)) return false;
  if (ANSWER_KINDS.has(err.kind)) return true;
  // no status: the rCode of an error envelope served as HTTP 200
  return err.kind === 'http' && (err.status === undefined || err.status < 500);
}
const ANSWER_KINDS = new Set<ProviderErrorKind>(['malformed', 'unauthorized', 'not_found']);

type Fetched = { rows: ScreenerRow[]; answered: number; skipped: Record<string, number> };

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
  let sent = 0;
  let perExchangeFromNowOn = false;
  // the one request holds every exchange: with a subset configured it would bring exchanges not asked for
  const coversEveryExchange = EVERY_EXCHANGE.every((e) => section.exchanges.includes(e));
  const oneRequest = () => section.one_request && coversEveryExchange && !perExchangeFromNowOn;

  /** One screener request: `exchange` null is the all-exchange request. */
  async function fetchRows(exchange: ScreenerExchange | null): Promise<Fetched> {
    const what = exchange ?? 'all-exchange';
    sent += 1;
    let raw: string;
    try {
      raw = await http.text(PATH, {
        // limit is ignored with download=true; sent because that is the URL known to work for years
        searchParams: { tableonly: 'true', limit: 25, offset: 0, exchange: exchange ?? undefined, download: 'true' },
        headers: { accept: 'application/json, text/plain, */*' },
      });
    } catch (err) {
      // refused by the open circuit: nothing went over the wire, so nothing is counted against the budget
      if (err instanceof ProviderError && err.kind === 'circuit_open') sent -= 1;
      throw err;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (cause) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: the ${what} answer is not JSON (empty, cut off or garbled; ${raw.length} bytes)`,
        excerpt: excerpt(raw),
        cause,
      });
    }
    const envelope = parsePayload(PROVIDER, screenerEnvelopeSchema, body, `${what} screener answer`);
    if (envelope.status.rCode !== 200 || !envelope.data) {
      throw new ProviderError(PROVIDER, 'http', {
        message: `${PROVIDER}: the ${what} screener answered rCode ${envelope.status.rCode}${envelope.message ? ` (${envelope.message})` : ''}`,
        excerpt: excerpt(raw),
      });
    }
    const valid = validScreenerRows(envelope.data.rows);
    const rows = valid.rows.map((r) => mapScreenerRow(r, exchange));
    const { skipped } = valid;
    const minimum = exchange
      ? section.min_rows[exchange]
      : section.exchanges.reduce((n, e) => n + section.min_rows[e], 0);
    if (rows.length < minimum) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message:
          `${PROVIDER}: the ${what} screener answered ${rows.length} usable rows of ${envelope.data.rows.length}` +
          ` (at least ${minimum} expected): a short answer is a failed fetch, not a smaller market`,
        excerpt: excerpt(raw),
      });
    }
    if (Object.keys(skipped).length) log.info({ exchange: what, skipped }, 'rows skipped');
    return { rows, answered: envelope.data.rows.length, skipped };
  }

  function assemble(takenAt: string, parts: [ScreenerExchange | 'all', Fetched][]): ScreenerSnapshot {
    const bySymbol = new Map<string, ScreenerRow>();
    const answered: ScreenerSnapshot['answered'] = {};
    const skipped: Record<string, number> = {};
    for (const [key, got] of parts) {
      answered[key] = got.answered;
      for (const [reason, n] of Object.entries(got.skipped)) skipped[reason] = (skipped[reason] ?? 0) + n;
      for (const r of got.rows) if (!bySymbol.has(r.symbol)) bySymbol.set(r.symbol, r);
    }
    const rows = [...bySymbol.values()];
    log.info({ rows: rows.length, answered }, 'screener snapshot fetched');
    return { takenAt, rows, answered, skipped };
  }

  async function perExchange(takenAt: string): Promise<ScreenerSnapshot> {
    const parts: [ScreenerExchange, Fetched][] = [];
    for (const exchange of section.exchanges) parts.push([exchange, await fetchRows(exchange)]);
    return assemble(takenAt, parts);
  }

  return {
    async snapshot() {
      // the earliest instant any answer may reflect: a snapshot begun before the close is not the close
      const takenAt = deps.clock.now().toISOString();
      if (!oneRequest()) return perExchange(takenAt);
      let first: ProviderError;
      try {
        return assemble(takenAt, [['all', await fetchRows(null)]]);
      } catch (err) {
        if (!answerFailed(err)) throw err;
        first = err;
      }
      log.warn({ err: first.message }, 'all-exchange screener answer failed; asking per exchange');
      try {
        const snapshot = await perExchange(takenAt);
        perExchangeFromNowOn = true;
        log.warn('screener asked per exchange for the rest of the process');
        return snapshot;
      } catch (err) {
        if (!(err instanceof ProviderError)) throw err;
        // both ways failed: say both, keep the kind of the last (what a retry would meet)
        throw new ProviderError(PROVIDER, err.kind, {
          message: `${err.message} (after the all-exchange answer failed too: ${first.message.replace(`${PROVIDER}: `, '')})`,
          status: err.status,
          excerpt: err.excerpt,
          cause: err,
        });
      }
    },

    plannedRequests: () => (oneRequest() ? 1 : section.exchanges.length),
    requestsSent: () => sent,

    async ping() {
      // the smallest exchange, checked as fully as a snapshot is
      await fetchRows('amex');
    },
  };
}
