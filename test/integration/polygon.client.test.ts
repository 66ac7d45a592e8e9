import { readFileSync } from 'node:fs';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPolygonClient } from '../../src/providers/polygon/client';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { GME_2021_01_27 } from '../support/gme-session';
import { testLogger } from '../support/logger';
import { recordGets, useMsw } from '../support/msw';
import { rejection } from '../support/errors';

const BASE = 'https://api.polygon.io';
const KEY = 'pk_test_123';
/** A recorded response body, served as is. */
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/polygon/${name}`, import.meta.url), 'utf8')) as JsonBodyType;
const server = useMsw();

function client(over: { maxPages?: number } = {}) {
  const clock = fakeClock('2021-01-28T12:00:00Z');
  return {
    clock,
    polygon: createPolygonClient({ config: testConfig(), clock, logger: testLogger(), apiKey: KEY, ...over }),
  };
}

/** Raw JSON text: 19-digit nanosecond timestamps must reach the client exactly as Polygon sends them. */
const rawJson = (text: string, status = 200) =>
  new HttpResponse(text, { status, headers: { 'content-type': 'application/json' } });

describe('polygon grouped daily', () => {
  it('maps the whole market of a day to bars in FINRA symbol style, with the key and adjusted=true sent', async () => {
    const seen = recordGets(server, `${BASE}/v2/aggs/grouped/locale/us/market/stocks/:date`, () =>
      HttpResponse.json(fixture('grouped-daily-2021-01-27.json')),
    );
    const bars = await client().polygon.groupedDaily('2021-01-27');
    expect(seen[0]!.pathname).toBe('/v2/aggs/grouped/locale/us/market/stocks/2021-01-27');
    expect(seen[0]!.searchParams.get('apiKey')).toBe(KEY);
    expect(seen[0]!.searchParams.get('adjusted')).toBe('true');
    expect(bars.map((b) => b.symbol)).toEqual(['GME', 'AMC', 'BRK/B', 'ABRpA', 'KOSS']);
    expect(bars[0]).toEqual({
      ...GME_2021_01_27,
      adjClose: null,
      vwap: 299.1456,
      trades: 1_043_107,
      source: 'polygon',
    });
    // fractional volume kept; missing vw and n become null
    expect(bars[3]).toMatchObject({ volume: 2143.75, vwap: null, trades: null });
  });

  it('returns no bars for a holiday, whose answer has no results', async () => {
    server.use(
      http.get(`${BASE}/v2/aggs/grouped/locale/us/market/stocks/:date`, () =>
        HttpResponse.json(fixture('grouped-daily-holiday.json')),
      ),
    );
    expect(await client().polygon.groupedDaily('2021-01-18')).toEqual([]);
  });

  it('retries a 429 after the Retry-After it was given', async () => {
    const times: number[] = [];
    const { clock, polygon } = client();
    let n = 0;
    server.use(
      http.get(`${BASE}/v2/aggs/grouped/locale/us/market/stocks/:date`, () => {
        times.push(clock.now().getTime());
        if (n++ === 0) {
          return HttpResponse.json(
            {
              status: 'ERROR',
              request_id: 'x',
              error:
                "You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue.",
            },
            { status: 429, headers: { 'retry-after': '20' } },
          );
        }
        return HttpResponse.json(fixture('grouped-daily-2021-01-27.json'));
      }),
    );
    const bars = await polygon.groupedDaily('2021-01-27');
    expect(bars).toHaveLength(5);
    expect(times[1]! - times[0]!).toBe(20_000);
  });

  it('turns a payload of the wrong shape into a malformed ProviderError', async () => {
    server.use(
      http.get(`${BASE}/v2/aggs/grouped/locale/us/market/stocks/:date`, () =>
        HttpResponse.json({
          status: 'OK',
          results: [{ T: 'GME', v: 1, o: 1, h: 1, l: 1, c: 'n/a', t: 1611781200000 }],
        }),
      ),
    );
    const err = await rejection(client().polygon.groupedDaily('2021-01-27'));
    expect(err.kind).toBe('malformed');
    expect(err.message).toContain('results.0.c');
    expect(err.excerpt).toContain('GME');
  });
});

describe('polygon per-symbol bars', () => {
  it('follows next_url with the key added again and dates bars by their New York day', async () => {
    const seen = recordGets(server, `${BASE}/v2/aggs/ticker/:ticker/range/1/day/:from/:to`, (url, params) => {
      if (!url.searchParams.has('cursor')) {
        return HttpResponse.json({
          ticker: params.ticker,
          status: 'OK',
          adjusted: true,
          resultsCount: 1,
          results: [
            { v: 4_729_512, vw: 228.3, o: 229.55, c: 226.4, h: 230.07, l: 226.13, t: 1611723600000, n: 71_502 },
          ],
          // as Polygon sends it: absolute, with a cursor, without the key
          next_url: `${BASE}/v2/aggs/ticker/BRK.B/range/1/day/1611810000000/2021-01-28?cursor=bGltaXQ9MiZzb3J0PWFzYw`,
        });
      }
      return HttpResponse.json({
        ticker: params.ticker,
        status: 'OK',
        adjusted: true,
        resultsCount: 1,
        results: [{ v: 5_100_000, vw: 222.1, o: 224.9, c: 221.05, h: 226.3, l: 219.8, t: 1611810000000, n: 80_114 }],
      });
    });
    const bars = await client().polygon.dailyBars('BRK/B', '2021-01-27', '2021-01-28');
    expect(seen).toHaveLength(2);
    expect(seen[0]!.pathname).toBe('/v2/aggs/ticker/BRK.B/range/1/day/2021-01-27/2021-01-28');
    expect(seen[1]!.pathname).toBe('/v2/aggs/ticker/BRK.B/range/1/day/1611810000000/2021-01-28');
    expect(seen[1]!.searchParams.get('cursor')).toBe('bGltaXQ9MiZzb3J0PWFzYw');
    expect(seen[1]!.searchParams.get('apiKey')).toBe(KEY);
    expect(bars.map((b) => [b.symbol, b.date, b.close])).toEqual([
      ['BRK/B', '2021-01-27', 226.4],
      ['BRK/B', '2021-01-28', 221.05],
    ]);
  });
});

describe('polygon trades and quotes', () => {
  const page1 = `{"results":[{"conditions":[12,37],"exchange":4,"id":"1","participant_timestamp":1611757800123456000,"price":354.83,"sequence_number":1001,"sip_timestamp":1611757800123456789,"size":100,"tape":1},{"exchange":11,"id":"2","price":355.1,"sequence_number":1002,"sip_timestamp":1611757800223456789,"size":40,"tape":1}],"status":"OK","request_id":"a1","next_url":"${BASE}/v3/trades/GME?cursor=YXA9MiZhcz0mbGltaXQ9MiZzb3J0PXRpbWVzdGFtcA"}`;
  const page2 = `{"results":[{"conditions":[14],"exchange":12,"id":"3","price":354.5,"sequence_number":1003,"sip_timestamp":1611757801000000001,"size":12.5,"tape":1}],"status":"OK","request_id":"a2"}`;

  it('pages trades by next_url, re-adding the key, and keeps every digit of the nanosecond timestamps', async () => {
    const seen = recordGets(server, `${BASE}/v3/trades/:ticker`, (url) =>
      rawJson(url.searchParams.has('cursor') ? page2 : page1),
    );
    const trades = await client().polygon.trades('GME', '2021-01-27');
    expect(seen[0]!.searchParams.get('timestamp.gte')).toBe('1611723600000000000'); // 00:00 New York (EST)
    expect(seen[0]!.searchParams.get('timestamp.lt')).toBe('1611810000000000000');
    expect(seen[0]!.searchParams.get('limit')).toBe('50000');
    expect(seen[1]!.searchParams.get('apiKey')).toBe(KEY);
    expect(seen[1]!.searchParams.get('timestamp.gte')).toBeNull(); // the cursor carries the query
    expect(trades).toEqual([
      { timestampNs: '1611757800123456789', price: 354.83, size: 100, conditions: [12, 37], exchange: 4 },
      { timestampNs: '1611757800223456789', price: 355.1, size: 40, conditions: [], exchange: 11 },
      { timestampNs: '1611757801000000001', price: 354.5, size: 12.5, conditions: [14], exchange: 12 },
    ]);
  });

  it('refuses to return part of a day when the pages do not end within the bound', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v3/trades/:ticker`, () => {
        calls++;
        return rawJson(page1);
      }),
    );
    const err = await rejection(client({ maxPages: 3 }).polygon.trades('GME', '2021-01-27'));
    expect(err.message).toMatch(/more than 3 pages/);
    expect(calls).toBe(3);
  });

  it('maps NBBO quotes, an absent side reading as 0', async () => {
    server.use(
      http.get(`${BASE}/v3/quotes/:ticker`, () =>
        rawJson(
          '{"results":[{"ask_exchange":12,"ask_price":355.2,"ask_size":2,"bid_exchange":11,"bid_price":354.9,"bid_size":1,"indicators":[604],"participant_timestamp":1611757800100000000,"sequence_number":9001,"sip_timestamp":1611757800100000123,"tape":1},{"ask_price":356,"ask_size":1,"sequence_number":9002,"sip_timestamp":1611757800200000456,"tape":1}],"status":"OK","request_id":"q1"}',
        ),
      ),
    );
    expect(await client().polygon.quotes('GME', '2021-01-27')).toEqual([
      { timestampNs: '1611757800100000123', bid: 354.9, ask: 355.2 },
      { timestampNs: '1611757800200000456', bid: 0, ask: 356 },
    ]);
  });

  it('returns no quotes when the plan does not include them (403)', async () => {
    server.use(
      http.get(`${BASE}/v3/quotes/:ticker`, () =>
        HttpResponse.json(
          {
            status: 'NOT_AUTHORIZED',
            request_id: 'q2',
            message: 'You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing',
          },
          { status: 403 },
        ),
      ),
    );
    expect(await client().polygon.quotes('GME', '2021-01-27')).toEqual([]);
  });
});

describe('polygon ping', () => {
  it('passes with a working key', async () => {
    server.use(
      http.get(`${BASE}/v1/marketstatus/now`, () =>
        HttpResponse.json({ market: 'closed', serverTime: '2021-01-28T07:00:00-05:00' }),
      ),
    );
    await expect(client().polygon.ping()).resolves.toBeUndefined();
  });

  it("reports a refused key as 'unauthorized' and names the setting to check", async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/marketstatus/now`, () => {
        calls++;
        return HttpResponse.json({ status: 'ERROR', request_id: 'p1', error: 'Unknown API Key' }, { status: 401 });
      }),
    );
    const err = await rejection(client().polygon.ping());
    expect(err.kind).toBe('unauthorized');
    expect(err.status).toBe(401);
    expect(err.message).toContain('POLYGON_API_KEY');
    expect(err.message).not.toContain(KEY);
    expect(calls).toBe(1); // a refused key is not retried
  });
});

describe('polygon snapshot', () => {
  // Polygon's shape: `updated` and lastTrade.t in epoch ns, min.t in ms; before the open `day` is zeros
  // (JS numbers, not raw text: each ns literal is written as the double it is, 17 significant digits)
  const gme = {
    ticker: 'GME',
    todaysChange: -12.4,
    todaysChangePerc: -3.57,
    updated: 1611765000123456800,
    day: { o: 354.83, h: 380, l: 249, c: 335.1, v: 41_000_000, vw: 299.1 },
    lastTrade: { c: [14, 41], i: '71675577320245', p: 334.9, s: 100, t: 1611765000123456800, x: 4 },
    min: { av: 41_000_000, o: 336, h: 337, l: 334, c: 335, v: 120_000, vw: 335.5, t: 1611764940000 },
    prevDay: { o: 88.56, h: 150, l: 80.2, c: 147.98, v: 178_588_000, vw: 118.1 },
  };
  const brk = {
    ticker: 'BRK.B',
    todaysChange: 0,
    todaysChangePerc: 0,
    updated: 1611765000000000000,
    day: { o: 0, h: 0, l: 0, c: 0, v: 0, vw: 0 },
    min: { o: 226, h: 226.2, l: 225.9, c: 226.1, v: 900, vw: 226, t: 1611764940000 },
    prevDay: { o: 229.55, h: 230.07, l: 226.13, c: 226.4, v: 4_729_512, vw: 228.3 },
  };

  it('asks for the short list in Polygon spelling in one request and maps the price, day and previous close', async () => {
    const seen = recordGets(server, `${BASE}/v2/snapshot/locale/us/markets/stocks/tickers`, () =>
      HttpResponse.json({ status: 'OK', count: 2, tickers: [gme, brk] }),
    );
    const quotes = await client().polygon.snapshot(['GME', 'BRK/B', 'GME']);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.searchParams.get('tickers')).toBe('GME,BRK.B');
    expect(seen[0]!.searchParams.get('apiKey')).toBe(KEY);
    expect(quotes).toEqual([
      {
        symbol: 'GME',
        price: 334.9,
        dayVolume: 41_000_000,
        dayHigh: 380,
        dayLow: 249,
        prevClose: 147.98,
        at: '2021-01-27T16:30:00.123Z',
      },
      // no last trade in the plan and a zero day bar: the minute close, and no day high/low
      {
        symbol: 'BRK/B',
        price: 226.1,
        dayVolume: 0,
        dayHigh: null,
        dayLow: null,
        prevClose: 226.4,
        at: '2021-01-27T16:30:00.000Z',
      },
    ]);
  });

  it('splits a long list into requests of 250 tickers', async () => {
    const sizes: number[] = [];
    server.use(
      http.get(`${BASE}/v2/snapshot/locale/us/markets/stocks/tickers`, ({ request }) => {
        const tickers = new URL(request.url).searchParams.get('tickers')!.split(',');
        sizes.push(tickers.length);
        return HttpResponse.json({
          status: 'OK',
          count: tickers.length,
          tickers: tickers.map((t) => ({ ...gme, ticker: t })),
        });
      }),
    );
    const symbols = Array.from({ length: 600 }, (_, i) => `S${i}`);
    const quotes = await client().polygon.snapshot(symbols);
    expect(sizes).toEqual([250, 250, 100]);
    expect(quotes.map((q) => q.symbol)).toEqual(symbols);
  });

  it('makes no request for an empty list', async () => {
    expect(await client().polygon.snapshot([])).toEqual([]);
  });
});
