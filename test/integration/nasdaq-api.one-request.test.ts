import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema';
import { createNasdaqApiClient } from '../../src/providers/nasdaq-api/client';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { useMsw } from '../support/msw';
import { rejection } from '../support/errors';
import {
  MARKET,
  SCREENER_URL,
  screenerEnvelope,
  screenerHandler,
  screenerRow,
  type RowSpec,
} from '../fixtures/nasdaq-api/screener';

// The screener's all-exchange request (providers.nasdaq_api.one_request, the default): one request
// without `exchange`, checked against the sum of the per-exchange minimums, and the per-exchange
// requests only when that answer fails its check, remembered for the rest of the process.

const server = useMsw();

// 9 rows in MARKET: a minimum of 2 + 2 + 1 = 5 for the all-exchange answer
function client(patch: (c: Config) => void = () => {}) {
  const config = testConfig((c) => {
    c.providers.nasdaq_api.min_rows = { nasdaq: 2, nyse: 2, amex: 1 };
    c.performance.error_handling.max_retries = 0;
    patch(c);
  });
  return createNasdaqApiClient({ config, clock: fakeClock('2021-01-30T00:40:00Z'), logger: testLogger() });
}

const exchangesAsked = (seen: Request[]) => seen.map((r) => new URL(r.url).searchParams.get('exchange'));
const short = [{ symbol: 'GME', lastsale: '$325.00' }];

describe('nasdaq screener, one request for every exchange', () => {
  it('asks once without `exchange`, download=true and the browser headers; rows name no exchange', async () => {
    const seen: Request[] = [];
    server.use(screenerHandler(MARKET, seen));
    const api = client();
    expect(api.plannedRequests()).toBe(1);
    const snap = await api.snapshot();
    expect(exchangesAsked(seen)).toEqual([null]);
    const url = new URL(seen[0]!.url);
    expect(url.searchParams.get('download')).toBe('true');
    expect(seen[0]!.headers.get('origin')).toBe('https://www.nasdaq.com');
    expect(snap.answered).toEqual({ all: 9 });
    expect(snap.rows).toHaveLength(9);
    // never a guess: the universe takes the exchange from the directory
    expect(new Set(snap.rows.map((r) => r.exchange))).toEqual(new Set([null]));
    expect(snap.rows.find((r) => r.symbol === 'GME')).toMatchObject({ lastSale: 325, marketCap: 22_667_762_000 });
    expect(api.requestsSent()).toBe(1);
  });

  it.each<[string, RowSpec[] | string]>([
    ['a short answer', short],
    ['a garbled body (two documents run together)', '{"data":{"rows":[]}}{"data"'],
    ['an error envelope (rCode 400)', JSON.stringify({ data: null, message: 'bad filter', status: { rCode: 400 } })],
    ['a body of another shape', JSON.stringify({ data: { table: { rows: [] } }, status: { rCode: 200 } })],
  ])('falls back to one request per exchange after %s, and stays there', async (_, all) => {
    const seen: Request[] = [];
    server.use(screenerHandler({ ...MARKET, all }, seen));
    const api = client();
    const snap = await api.snapshot();
    expect(exchangesAsked(seen)).toEqual([null, 'nasdaq', 'nyse', 'amex']);
    expect(snap.answered).toEqual({ nasdaq: 3, nyse: 5, amex: 1 });
    expect(snap.rows.find((r) => r.symbol === 'GME')?.exchange).toBe('NYSE');
    // the rest of the process asks per exchange: not one plus three every day
    expect(api.plannedRequests()).toBe(3);
    seen.length = 0;
    await api.snapshot();
    expect(exchangesAsked(seen)).toEqual(['nasdaq', 'nyse', 'amex']);
    expect(api.requestsSent()).toBe(7);
  });

  it('fails when both ways fail, naming both — never an empty market — and tries one request again next time', async () => {
    const seen: Request[] = [];
    server.use(screenerHandler({ ...MARKET, all: '', nyse: '' }, seen));
    const api = client();
    const err = await rejection(api.snapshot());
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe(
      'nasdaq_api: the nyse answer is not JSON (empty, cut off or garbled; 0 bytes) (after the all-exchange answer failed too: the all-exchange answer is not JSON (empty, cut off or garbled; 0 bytes))',
    );
    expect(exchangesAsked(seen)).toEqual([null, 'nasdaq', 'nyse']);
    expect(api.plannedRequests()).toBe(1);
  });

  it('rejects a short all-exchange answer against the sum of min_rows when every exchange is short too', async () => {
    server.use(screenerHandler({ nasdaq: short, nyse: short, amex: short, all: short }));
    const err = await rejection(client().snapshot());
    expect(err.message).toMatch(/the nasdaq screener answered 1 usable rows of 1 \(at least 2 expected\)/);
    expect(err.message).toMatch(/all-exchange screener answered 1 usable rows of 1 \(at least 5 expected\)/);
  });

  it.each([
    ['a network failure', () => HttpResponse.error(), 'network'],
    ['an HTTP 503', () => new HttpResponse('unavailable', { status: 503 }), 'http'],
  ])('does not multiply %s by three: no per-exchange requests after it', async (_, answer, kind) => {
    const seen: string[] = [];
    server.use(
      http.get(SCREENER_URL, ({ request }) => {
        seen.push(new URL(request.url).search);
        return answer();
      }),
    );
    const err = await rejection(client().snapshot());
    expect(err.kind).toBe(kind);
    expect(seen).toHaveLength(1);
  });

  it('falls back after an HTTP 4xx for the URL without `exchange`', async () => {
    const seen: Request[] = [];
    const perExchange = screenerHandler(MARKET, seen);
    server.use(
      http.get(SCREENER_URL, ({ request }) =>
        new URL(request.url).searchParams.has('exchange') ? undefined : new HttpResponse('no', { status: 400 }),
      ),
      perExchange,
    );
    const snap = await client().snapshot();
    expect(exchangesAsked(seen)).toEqual(['nasdaq', 'nyse', 'amex']);
    expect(snap.rows).toHaveLength(9);
  });

  it('asks per exchange when one_request is off, or when not every exchange is configured', async () => {
    const seen: Request[] = [];
    server.use(screenerHandler(MARKET, seen));
    await client((c) => (c.providers.nasdaq_api.one_request = false)).snapshot();
    expect(exchangesAsked(seen)).toEqual(['nasdaq', 'nyse', 'amex']);
    seen.length = 0;
    // the one request would bring AMEX rows that were not asked for
    const two = client((c) => (c.providers.nasdaq_api.exchanges = ['nasdaq', 'nyse']));
    expect(two.plannedRequests()).toBe(2);
    await two.snapshot();
    expect(exchangesAsked(seen)).toEqual(['nasdaq', 'nyse']);
  });

  it('keeps the first row of a symbol the answer repeats', async () => {
    const rows = [...MARKET.nasdaq, { symbol: 'KOSS', lastsale: '$99.00' }, ...MARKET.nyse].map(screenerRow);
    server.use(screenerHandler({ ...MARKET, all: JSON.stringify(screenerEnvelope(rows)) }));
    const snap = await client().snapshot();
    expect(snap.rows.filter((r) => r.symbol === 'KOSS')).toEqual([expect.objectContaining({ lastSale: 24.59 })]);
  });
});

describe('nasdaq screener, requests counted as they go over the wire', () => {
  it('a request the open circuit refuses is not counted: requestsSent equals what the server saw', async () => {
    let seen = 0;
    server.use(
      http.get(SCREENER_URL, () => {
        seen += 1;
        return HttpResponse.error();
      }),
    );
    const api = client(
      (c) => (c.performance.error_handling.circuit_breaker = { failures: 2, window_seconds: 60, open_seconds: 600 }),
    );
    for (let i = 0; i < 4; i++) await expect(api.snapshot()).rejects.toThrow();
    // two network failures open the circuit; the two asks after it never leave the process
    await expect(api.snapshot()).rejects.toThrow(/circuit open/);
    expect(seen).toBe(2);
    expect(api.requestsSent()).toBe(seen);
  });
});
