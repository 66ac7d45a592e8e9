import { readFileSync } from 'node:fs';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { createYahooClient } from '../../src/providers/yahoo/client';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { GME_2021_01_27 } from '../support/gme-session';
import { testLogger } from '../support/logger';
import { recordGets, useMsw } from '../support/msw';
import { rejection } from '../support/errors';

const BASE = 'https://query1.finance.yahoo.com';
const COOKIE_HOST = 'https://fc.yahoo.com';
/** A recorded response body, served as is. */
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/yahoo/${name}`, import.meta.url), 'utf8')) as JsonBodyType;
const server = useMsw();
const INVALID_CRUMB = { finance: { result: null, error: { code: 'Unauthorized', description: 'Invalid Crumb' } } };

function client() {
  const clock = fakeClock('2022-01-14T15:00:00Z');
  return { clock, yahoo: createYahooClient({ config: testConfig(), clock, logger: testLogger() }) };
}

/** fc.yahoo.com answers 404 and sets the session cookie; getcrumb answers the crumb for that cookie. */
function sessionHandlers(counts: { cookie: number; crumb: number }, crumbs = ['Bx7Pq9kLm2z', 'Cz8Rr0nNp3y']) {
  return [
    http.get(`${COOKIE_HOST}/`, () => {
      counts.cookie++;
      return new HttpResponse('<html><body>Not Found</body></html>', {
        status: 404,
        headers: {
          'set-cookie': `A3=d=AQABBcookie${counts.cookie}; Expires=Sat, 14 Jan 2023 15:00:00 GMT; Max-Age=31557600; Domain=.yahoo.com; Path=/; SameSite=None; Secure; HttpOnly`,
        },
      });
    }),
    http.get(`${BASE}/v1/test/getcrumb`, ({ request }) => {
      const cookie = request.headers.get('cookie') ?? '';
      if (!cookie.startsWith('A3=d=AQABBcookie')) return new HttpResponse('Unauthorized', { status: 401 });
      counts.crumb++;
      return new HttpResponse(crumbs[counts.crumb - 1] ?? 'Dz9Ss1oOq4x', { headers: { 'content-type': 'text/plain' } });
    }),
  ];
}

describe('yahoo daily bars', () => {
  it('maps the chart to bars dated in New York, skipping a day whose values are null holes', async () => {
    const seen = recordGets(server, `${BASE}/v8/finance/chart/:symbol`, () =>
      HttpResponse.json(fixture('chart-GME-2021-01-25.json')),
    );
    const bars = await client().yahoo.dailyBars('GME', '2021-01-25', '2021-01-29');
    const q = seen[0]!.searchParams;
    expect(q.get('period1')).toBe(String(Date.parse('2021-01-25T00:00:00Z') / 1000));
    expect(q.get('period2')).toBe(String(Date.parse('2021-01-30T00:00:00Z') / 1000));
    expect(q.get('interval')).toBe('1d');
    // the fixture leaves 2021-01-28 as nulls
    expect(bars.map((b) => b.date)).toEqual(['2021-01-25', '2021-01-26', '2021-01-27', '2021-01-29']);
    expect(bars[2]).toEqual({
      ...GME_2021_01_27,
      adjClose: 347.51,
      vwap: null,
      trades: null,
      source: 'yahoo',
    });
  });

  it('asks for a share class in Yahoo style', async () => {
    const seen = recordGets(server, `${BASE}/v8/finance/chart/:symbol`, () =>
      HttpResponse.json(fixture('chart-GME-2021-01-25.json')),
    );
    const bars = await client().yahoo.dailyBars('BRK/B', '2021-01-25', '2021-01-29');
    expect(seen.map((u) => u.pathname)).toEqual(['/v8/finance/chart/BRK-B']);
    expect(bars[0]!.symbol).toBe('BRK/B');
  });

  it('turns chart.error for an unknown symbol into a not_found ProviderError', async () => {
    server.use(
      http.get(`${BASE}/v8/finance/chart/:symbol`, () =>
        HttpResponse.json(
          {
            chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } },
          },
          { status: 404 },
        ),
      ),
    );
    const err = await rejection(client().yahoo.dailyBars('ZZZZQ', '2021-01-25', '2021-01-29'));
    expect(err.kind).toBe('not_found');
    expect(err.message).toContain('symbol may be delisted');
  });

  it('reports a chart of the wrong shape as malformed', async () => {
    server.use(
      http.get(`${BASE}/v8/finance/chart/:symbol`, () =>
        HttpResponse.json({
          chart: { result: [{ meta: {}, timestamp: 'x', indicators: { quote: [] } }], error: null },
        }),
      ),
    );
    const err = await rejection(client().yahoo.dailyBars('GME', '2021-01-25', '2021-01-29'));
    expect(err.kind).toBe('malformed');
  });

  it('waits out a 429 Retry-After before asking again', async () => {
    const { clock, yahoo } = client();
    const times: number[] = [];
    server.use(
      http.get(`${BASE}/v8/finance/chart/:symbol`, () => {
        times.push(clock.now().getTime());
        return times.length === 1
          ? new HttpResponse('Too Many Requests', { status: 429, headers: { 'retry-after': '15' } })
          : HttpResponse.json(fixture('chart-GME-2021-01-25.json'));
      }),
    );
    expect(await yahoo.dailyBars('GME', '2021-01-25', '2021-01-29')).toHaveLength(4);
    expect(times[1]! - times[0]!).toBe(15_000);
  });
});

describe('yahoo key statistics', () => {
  it('reads short interest, float and shares out, dating the figure on FINRA’s publication day', async () => {
    const counts = { cookie: 0, crumb: 0 };
    const seen: { url: URL; cookie: string | null }[] = [];
    server.use(
      ...sessionHandlers(counts),
      http.get(`${BASE}/v10/finance/quoteSummary/:symbol`, ({ request }) => {
        seen.push({ url: new URL(request.url), cookie: request.headers.get('cookie') });
        return HttpResponse.json(fixture('quote-summary-GME-key-statistics.json'));
      }),
    );
    const stats = await client().yahoo.keyStatistics('GME');
    expect(seen[0]!.url.searchParams.get('modules')).toBe('defaultKeyStatistics');
    expect(seen[0]!.url.searchParams.get('crumb')).toBe('Bx7Pq9kLm2z');
    // msw adds cookies it has seen set to what the handler reads; ours comes first, name=value only
    expect(seen[0]!.cookie).toMatch(/^A3=d=AQABBcookie1(;|$)/);
    expect(stats.floatShares).toBe(62_490_784);
    expect(stats.sharesOutstanding).toBe(76_350_800);
    expect(stats.shortInterest).toEqual({
      symbol: 'GME',
      settlementDate: '2021-12-15',
      source: 'yahoo',
      shortInterest: 8_611_843,
      previousShortInterest: null,
      avgDailyVolume: null,
      daysToCoverReported: 3.11,
      changePercent: null,
      changeShares: null,
      shortPercentFloat: 0.1857,
      floatShares: 62_490_784,
      issueName: null,
      marketClass: null,
      exchangeCode: null,
      revisionFlag: false,
      splitFlag: false,
      // 7 NYSE business days after 2021-12-15 (Dec 24 closed)
      publishedOn: '2021-12-27',
    });
  });

  it('fetches the cookie and crumb once and reuses them', async () => {
    const counts = { cookie: 0, crumb: 0 };
    server.use(
      ...sessionHandlers(counts),
      http.get(`${BASE}/v10/finance/quoteSummary/:symbol`, () =>
        HttpResponse.json(fixture('quote-summary-GME-key-statistics.json')),
      ),
    );
    const { yahoo } = client();
    await Promise.all([yahoo.keyStatistics('GME'), yahoo.keyStatistics('AMC')]);
    await yahoo.keyStatistics('KOSS');
    expect(counts).toEqual({ cookie: 1, crumb: 1 });
  });

  it('renews the session once on 401 "Invalid Crumb" and then succeeds', async () => {
    const counts = { cookie: 0, crumb: 0 };
    const crumbsSeen: (string | null)[] = [];
    server.use(
      ...sessionHandlers(counts),
      http.get(`${BASE}/v10/finance/quoteSummary/:symbol`, ({ request }) => {
        const crumb = new URL(request.url).searchParams.get('crumb');
        crumbsSeen.push(crumb);
        return crumb === 'Bx7Pq9kLm2z'
          ? HttpResponse.json(INVALID_CRUMB, { status: 401 })
          : HttpResponse.json(fixture('quote-summary-GME-key-statistics.json'));
      }),
    );
    const stats = await client().yahoo.keyStatistics('GME');
    expect(stats.shortInterest?.shortInterest).toBe(8_611_843);
    expect(crumbsSeen).toEqual(['Bx7Pq9kLm2z', 'Cz8Rr0nNp3y']);
    expect(counts).toEqual({ cookie: 2, crumb: 2 });
  });

  it("gives up as 'unauthorized' when the renewed session is refused too", async () => {
    const counts = { cookie: 0, crumb: 0 };
    let calls = 0;
    server.use(
      ...sessionHandlers(counts),
      http.get(`${BASE}/v10/finance/quoteSummary/:symbol`, () => {
        calls++;
        return HttpResponse.json(INVALID_CRUMB, { status: 401 });
      }),
    );
    const err = await rejection(client().yahoo.keyStatistics('GME'));
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toContain('Invalid Crumb');
    expect(calls).toBe(2);
  });

  it('has no short-interest record when Yahoo has no short figure ({} fields)', async () => {
    server.use(
      ...sessionHandlers({ cookie: 0, crumb: 0 }),
      http.get(`${BASE}/v10/finance/quoteSummary/:symbol`, () =>
        HttpResponse.json({
          quoteSummary: {
            result: [
              {
                defaultKeyStatistics: {
                  maxAge: 1,
                  sharesShort: {},
                  dateShortInterest: {},
                  floatShares: { raw: 5_000_000, fmt: '5M' },
                  sharesOutstanding: {},
                },
              },
            ],
            error: null,
          },
        }),
      ),
    );
    expect(await client().yahoo.keyStatistics('XYZ')).toEqual({
      shortInterest: null,
      floatShares: 5_000_000,
      sharesOutstanding: null,
    });
  });

  it('reports an unknown symbol as not_found', async () => {
    server.use(
      ...sessionHandlers({ cookie: 0, crumb: 0 }),
      http.get(`${BASE}/v10/finance/quoteSummary/:symbol`, () =>
        HttpResponse.json(
          {
            quoteSummary: {
              result: null,
              error: { code: 'Not Found', description: 'Quote not found for ticker symbol: ZZZZQ' },
            },
          },
          { status: 404 },
        ),
      ),
    );
    const err = await rejection(client().yahoo.keyStatistics('ZZZZQ'));
    expect(err.kind).toBe('not_found');
    expect(err.message).toContain('ZZZZQ');
  });

  it('refuses a getcrumb answer that is not a crumb', async () => {
    server.use(
      http.get(
        `${COOKIE_HOST}/`,
        () => new HttpResponse('nf', { status: 404, headers: { 'set-cookie': 'A3=d=x; Path=/' } }),
      ),
      http.get(
        `${BASE}/v1/test/getcrumb`,
        () => new HttpResponse('<!doctype html><html>consent</html>', { headers: { 'content-type': 'text/html' } }),
      ),
    );
    const err = await rejection(client().yahoo.keyStatistics('GME'));
    expect(err.kind).toBe('unauthorized');
  });
});

describe('yahoo ping', () => {
  it('passes when the chart answers', async () => {
    server.use(
      http.get(`${BASE}/v8/finance/chart/:symbol`, () => HttpResponse.json(fixture('chart-GME-2021-01-25.json'))),
    );
    await expect(client().yahoo.ping()).resolves.toBeUndefined();
  });
});
