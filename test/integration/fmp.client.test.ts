import { readFileSync } from 'node:fs';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { createFmpClient, fmpErrorKind } from '../../src/providers/fmp/client';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { GME_2021_01_27 } from '../support/gme-session';
import { testLogger } from '../support/logger';
import { recordGets, useMsw } from '../support/msw';
import { rejection } from '../support/errors';

const BASE = 'https://financialmodelingprep.com';
const KEY = 'fmp_test_key';
/** A recorded response body, served as is. */
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/fmp/${name}`, import.meta.url), 'utf8')) as JsonBodyType;
const server = useMsw();
const INVALID_KEY = {
  'Error Message':
    'Invalid API KEY. Please retry or visit our documentation to create one FREE https://financialmodelingprep.com/developer/docs',
};

function client() {
  // 02:00 UTC on the 5th is still the 4th in New York
  const clock = fakeClock('2024-03-05T02:00:00Z');
  return { clock, fmp: createFmpClient({ config: testConfig(), clock, logger: testLogger(), apiKey: KEY }) };
}

describe('fmp screener', () => {
  it('sends the filters and maps rows to symbol records dated on the New York day', async () => {
    const seen = recordGets(server, `${BASE}/api/v3/stock-screener`, () =>
      HttpResponse.json(fixture('stock-screener.json')),
    );
    const records = await client().fmp.screener({
      marketCapMoreThan: 100_000_000,
      marketCapLowerThan: 10_000_000_000,
      volumeMoreThan: 500_000,
      exchange: ['NYSE', 'NASDAQ'],
      limit: 5000,
    });
    const q = seen[0]!.searchParams;
    expect(Object.fromEntries(q)).toEqual({
      marketCapMoreThan: '100000000',
      marketCapLowerThan: '10000000000',
      volumeMoreThan: '500000',
      exchange: 'nyse,nasdaq',
      limit: '5000',
      apikey: KEY,
    });
    expect(records.map((r) => [r.symbol, r.exchange, r.type, r.isEtf, r.isActive])).toEqual([
      ['GME', 'NYSE', 'common', false, true],
      ['BRK/B', 'NYSE', 'common', false, true],
      ['XSVM', 'AMEX', 'etf', true, true],
      ['KOSS', 'NASDAQ', 'common', false, false],
    ]);
    expect(records[0]).toEqual({
      symbol: 'GME',
      name: 'GameStop Corp.',
      exchange: 'NYSE',
      type: 'common',
      isEtf: false,
      isTestIssue: false,
      isActive: true,
      marketCap: 10_013_407_232,
      floatShares: null,
      sharesOutstanding: null,
      sector: 'Consumer Cyclical',
      industry: 'Specialty Retail',
      source: 'fmp',
      asOf: '2024-03-04',
    });
    expect(records[2]!.sector).toBeNull(); // "" is no sector
    expect(records[3]!.sector).toBeNull();
  });

  it('treats a 200 carrying "Error Message" as a ProviderError, not as data', async () => {
    server.use(http.get(`${BASE}/api/v3/stock-screener`, () => HttpResponse.json(INVALID_KEY)));
    const err = await rejection(client().fmp.screener({}));
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toContain('Invalid API KEY');
  });

  it('retries a 429 after its Retry-After', async () => {
    const { clock, fmp } = client();
    const times: number[] = [];
    server.use(
      http.get(`${BASE}/api/v3/stock-screener`, () => {
        times.push(clock.now().getTime());
        return times.length === 1
          ? HttpResponse.json(
              {
                'Error Message':
                  'Limit Reach . Please upgrade your plan or visit our documentation for more details at https://financialmodelingprep.com/developer/docs/pricing',
              },
              { status: 429, headers: { 'retry-after': '30' } },
            )
          : HttpResponse.json(fixture('stock-screener.json'));
      }),
    );
    expect(await fmp.screener({})).toHaveLength(4);
    expect(times[1]! - times[0]!).toBe(30_000);
  });

  it('reports rows of the wrong shape as malformed', async () => {
    server.use(
      http.get(`${BASE}/api/v3/stock-screener`, () => HttpResponse.json([{ symbol: 'GME', marketCap: 'ten billion' }])),
    );
    const err = await rejection(client().fmp.screener({}));
    expect(err.kind).toBe('malformed');
    expect(err.message).toContain('0.marketCap');
  });
});

describe('fmp historical', () => {
  it('asks in FMP symbol style and returns bars oldest first', async () => {
    const seen = recordGets(server, `${BASE}/api/v3/historical-price-full/:symbol`, () =>
      HttpResponse.json(fixture('historical-price-full-GME.json')),
    );
    const bars = await client().fmp.historical('GME', '2021-01-26', '2021-01-28');
    expect(seen[0]!.searchParams.get('from')).toBe('2021-01-26');
    expect(seen[0]!.searchParams.get('to')).toBe('2021-01-28');
    expect(bars.map((b) => b.date)).toEqual(['2021-01-26', '2021-01-27', '2021-01-28']);
    expect(bars[1]).toEqual({
      ...GME_2021_01_27,
      adjClose: 347.51,
      vwap: 325.5,
      trades: null,
      source: 'fmp',
    });
  });

  it('maps share classes to FMP style in the path, and an empty answer {} to no bars', async () => {
    const seen = recordGets(server, `${BASE}/api/v3/historical-price-full/:symbol`, () => HttpResponse.json({}));
    expect(await client().fmp.historical('BRK/B', '2021-01-26', '2021-01-28')).toEqual([]);
    expect(seen.map((u) => u.pathname)).toEqual(['/api/v3/historical-price-full/BRK-B']);
  });
});

describe('fmp profiles', () => {
  it('takes float from shares_float and market cap from a batched quote, leaving out what has neither', async () => {
    const quoteCalls: string[] = [];
    server.use(
      http.get(`${BASE}/api/v3/quote/:symbols`, ({ params }) => {
        quoteCalls.push(String(params.symbols));
        return HttpResponse.json(fixture('quote-GME-KOSS.json'));
      }),
      http.get(`${BASE}/api/v4/shares_float`, ({ request }) => {
        const symbol = new URL(request.url).searchParams.get('symbol');
        if (symbol === 'GME') return HttpResponse.json(fixture('shares-float-GME.json'));
        if (symbol === 'KOSS') return new HttpResponse('upstream error', { status: 500 });
        return HttpResponse.json([]);
      }),
    );
    const profiles = await client().fmp.profiles(['GME', 'KOSS', 'ZZZZ']);
    expect(quoteCalls).toEqual(['GME,KOSS,ZZZZ']);
    expect(profiles).toEqual([
      { symbol: 'GME', floatShares: 62_490_784, sharesOutstanding: 76_350_800, marketCap: 10_013_407_232 },
      // its float call failed: the batch went on with what the quote gave
      { symbol: 'KOSS', floatShares: null, sharesOutstanding: 7_400_000, marketCap: 96_000_000 },
    ]);
  });

  it('stops the whole batch on a refused key instead of failing symbol by symbol', async () => {
    let floatCalls = 0;
    server.use(
      http.get(`${BASE}/api/v3/quote/:symbols`, () => HttpResponse.json(INVALID_KEY)),
      http.get(`${BASE}/api/v4/shares_float`, () => {
        floatCalls++;
        return HttpResponse.json(INVALID_KEY);
      }),
    );
    const err = await rejection(client().fmp.profiles(['GME', 'KOSS']));
    expect(err.kind).toBe('unauthorized');
    expect(floatCalls).toBe(0);
  });
});

describe('fmp ping', () => {
  it("reports an invalid key (200 + Error Message) as 'unauthorized' naming FMP_API_KEY", async () => {
    server.use(http.get(`${BASE}/api/v3/quote-short/:symbol`, () => HttpResponse.json(INVALID_KEY)));
    const err = await rejection(client().fmp.ping());
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toContain('FMP_API_KEY');
  });

  it('passes with a working key', async () => {
    server.use(
      http.get(`${BASE}/api/v3/quote-short/:symbol`, () =>
        HttpResponse.json([{ symbol: 'AAPL', price: 182.31, volume: 51_000_000 }]),
      ),
    );
    await expect(client().fmp.ping()).resolves.toBeUndefined();
  });
});

describe('fmpErrorKind', () => {
  it.each([
    ['Invalid API KEY. Please retry or visit our documentation to create one FREE', 'unauthorized'],
    ['Limit Reach . Please upgrade your plan or visit our documentation for more details', 'rate_limited'],
    ['Exclusive Endpoint : This endpoint is not available under your current subscription', 'unauthorized'],
    ['Something else went wrong', 'http'],
  ])('%s → %s', (message, kind) => {
    expect(fmpErrorKind(message)).toBe(kind);
  });
});
