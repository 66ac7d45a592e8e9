import { readFileSync } from 'node:fs';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { createFinnhubClient } from '../../src/providers/finnhub/client';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { recordGets, useMsw } from '../support/msw';
import { rejection } from '../support/errors';

const BASE = 'https://finnhub.io';
const KEY = 'fh_test_token';
/** A recorded response body, served as is. */
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/finnhub/${name}`, import.meta.url), 'utf8')) as JsonBodyType;
const server = useMsw();

function client() {
  const clock = fakeClock('2022-01-13T12:00:00Z');
  return { clock, finnhub: createFinnhubClient({ config: testConfig(), clock, logger: testLogger(), apiKey: KEY }) };
}

describe('finnhub social sentiment', () => {
  it('sends symbol, range and token, and maps hourly points in time order as UTC instants', async () => {
    const seen = recordGets(server, `${BASE}/api/v1/stock/social-sentiment`, () =>
      HttpResponse.json(fixture('social-sentiment-GME.json')),
    );
    const points = await client().finnhub.socialSentiment('GME', '2022-01-12', '2022-01-13');
    expect(Object.fromEntries(seen[0]!.searchParams)).toEqual({
      symbol: 'GME',
      from: '2022-01-12',
      to: '2022-01-13',
      token: KEY,
    });
    expect(points.map((p) => p.atTime)).toEqual([
      '2022-01-12T14:00:00Z',
      '2022-01-12T15:00:00Z',
      '2022-01-12T16:00:00Z',
    ]);
    expect(points[1]).toEqual({
      symbol: 'GME',
      atTime: '2022-01-12T15:00:00Z',
      mention: 412,
      positiveMention: 263,
      negativeMention: 97,
      score: 0.4619,
      source: 'finnhub',
    });
  });

  it('reads the older reddit/twitter layout, keeping the network in the source', async () => {
    server.use(
      http.get(`${BASE}/api/v1/stock/social-sentiment`, () =>
        HttpResponse.json(fixture('social-sentiment-GME-legacy.json')),
      ),
    );
    const points = await client().finnhub.socialSentiment('GME', '2022-01-12', '2022-01-13');
    expect(points.map((p) => [p.source, p.mention])).toEqual([
      ['finnhub-reddit', 301],
      ['finnhub-twitter', 87],
    ]);
  });

  it('asks for a share class in dot style and keeps our symbol on the points', async () => {
    const symbols: (string | null)[] = [];
    server.use(
      http.get(`${BASE}/api/v1/stock/social-sentiment`, ({ request }) => {
        symbols.push(new URL(request.url).searchParams.get('symbol'));
        return HttpResponse.json({
          symbol: 'BRK.B',
          data: [
            {
              atTime: '2022-01-12 14:00:00',
              mention: 3,
              positiveScore: 0,
              negativeScore: 0,
              positiveMention: 1,
              negativeMention: 0,
              score: 1,
            },
          ],
        });
      }),
    );
    const points = await client().finnhub.socialSentiment('BRK/B', '2022-01-12', '2022-01-13');
    expect(symbols).toEqual(['BRK.B']);
    expect(points[0]!.symbol).toBe('BRK/B');
  });

  it('retries a 429 after its Retry-After', async () => {
    const { clock, finnhub } = client();
    const times: number[] = [];
    server.use(
      http.get(`${BASE}/api/v1/stock/social-sentiment`, () => {
        times.push(clock.now().getTime());
        return times.length === 1
          ? HttpResponse.json(
              { error: 'API limit reached. Please try again later. Remaining Limit: 0' },
              { status: 429, headers: { 'retry-after': '5' } },
            )
          : HttpResponse.json(fixture('social-sentiment-GME.json'));
      }),
    );
    expect(await finnhub.socialSentiment('GME', '2022-01-12', '2022-01-13')).toHaveLength(3);
    expect(times[1]! - times[0]!).toBe(5_000);
  });

  it('reports a malformed point as a typed error', async () => {
    server.use(
      http.get(`${BASE}/api/v1/stock/social-sentiment`, () =>
        HttpResponse.json({ symbol: 'GME', data: [{ atTime: 'yesterday', mention: 'many' }] }),
      ),
    );
    const err = await rejection(client().finnhub.socialSentiment('GME', '2022-01-12', '2022-01-13'));
    expect(err.kind).toBe('malformed');
  });
});

describe('finnhub ping', () => {
  it("reports an invalid token as 'unauthorized' naming FINNHUB_API_KEY", async () => {
    server.use(
      http.get(`${BASE}/api/v1/quote`, () => HttpResponse.json({ error: 'Invalid API key' }, { status: 401 })),
    );
    const err = await rejection(client().finnhub.ping());
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toContain('FINNHUB_API_KEY');
  });

  it('passes with a working token', async () => {
    server.use(
      http.get(`${BASE}/api/v1/quote`, () =>
        HttpResponse.json({ c: 182.31, d: 1.2, dp: 0.66, h: 183, l: 180.1, o: 181, pc: 181.11, t: 1642107600 }),
      ),
    );
    await expect(client().finnhub.ping()).resolves.toBeUndefined();
  });
});
