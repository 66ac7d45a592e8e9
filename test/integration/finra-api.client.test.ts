import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema';
import { createFinraApiClient } from '../../src/providers/finra/api.client';
import type { QueryBody } from '../../src/providers/finra/api-query';
import { fakeClock } from '../../src/shared/clock';
import { ProviderError } from '../../src/shared/errors';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { useMsw } from '../support/msw';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/finra');
const json = (name: string) => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8')) as Record<string, unknown>[];
const TOKEN_URL = 'https://ews.fip.finra.org/fip/rest/ews/oauth2/access_token';
const DATA = 'https://api.finra.org/data/group/otcMarket/name';
const TOKEN = json('token.json') as unknown as { access_token: string; expires_in: number };

const server = useMsw();

function setup(options: { credentials?: boolean; config?: (c: Config) => void } = {}) {
  const clock = fakeClock('2021-02-01T12:00:00Z');
  const creds = options.credentials === false ? {} : { clientId: 'my-client', clientSecret: 's3cret' };
  const api = createFinraApiClient({ config: testConfig(options.config), clock, logger: testLogger(), ...creds });
  return { api, clock };
}

/** The token endpoint: counts calls, hands out tok-1, tok-2, ... */
function tokenEndpoint(expiresIn = TOKEN.expires_in) {
  const calls: { authorization: string | null; grantType: string | null }[] = [];
  server.use(
    http.post(TOKEN_URL, ({ request }) => {
      const url = new URL(request.url);
      calls.push({
        authorization: request.headers.get('authorization'),
        grantType: url.searchParams.get('grant_type'),
      });
      return HttpResponse.json({ ...TOKEN, access_token: `tok-${calls.length}`, expires_in: expiresIn });
    }),
  );
  return calls;
}

interface Seen {
  body: QueryBody;
  authorization: string | null;
  accept: string | null;
}

/** A dataset endpoint serving `rows` page by page with FINRA's paging headers. */
function dataset(
  name: string,
  rows: unknown[],
  opts: { answer?: (seen: Seen, n: number) => Response | undefined } = {},
) {
  const seen: Seen[] = [];
  server.use(
    http.post(`${DATA}/${name}`, async ({ request }) => {
      const s: Seen = {
        body: (await request.json()) as QueryBody,
        authorization: request.headers.get('authorization'),
        accept: request.headers.get('accept'),
      };
      seen.push(s);
      const custom = opts.answer?.(s, seen.length);
      if (custom) return custom;
      const page = rows.slice(s.body.offset, s.body.offset + s.body.limit);
      return HttpResponse.json(page, {
        headers: {
          'Record-Total': String(rows.length),
          'Record-Offset': String(s.body.offset),
          'Record-Limit': String(s.body.limit),
        },
      });
    }),
  );
  return seen;
}

describe('FINRA Query API: authentication', () => {
  it('fetches the token once with HTTP Basic and reuses it while it is valid', async () => {
    const tokens = tokenEndpoint();
    const seen = dataset('consolidatedShortInterest', json('consolidated-short-interest.json'));
    const { api } = setup();
    await api.shortInterest({ settlementDate: '2021-01-15' });
    await api.shortInterest({ settlementDate: '2021-01-15' });
    expect(tokens).toEqual([
      { authorization: `Basic ${Buffer.from('my-client:s3cret').toString('base64')}`, grantType: 'client_credentials' },
    ]);
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
    expect(seen[0]!.accept).toBe('application/json');
  });

  it('fetches a new token once the old one is about to expire', async () => {
    const tokens = tokenEndpoint(1800);
    const seen = dataset('consolidatedShortInterest', []);
    const { api, clock } = setup();
    await api.shortInterest({ settlementDate: '2021-01-15' });
    clock.advance(1700 * 1000); // inside the refresh margin (60 s before expiry)
    await api.shortInterest({ settlementDate: '2021-01-15' });
    clock.advance(50 * 1000);
    await api.shortInterest({ settlementDate: '2021-01-15' });
    expect(tokens).toHaveLength(2);
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('refreshes the token once when the API answers 401, then succeeds', async () => {
    const tokens = tokenEndpoint();
    const seen = dataset('consolidatedShortInterest', json('consolidated-short-interest.json'), {
      answer: (s) =>
        s.authorization === 'Bearer tok-1' ? HttpResponse.json({ error: 'invalid_token' }, { status: 401 }) : undefined,
    });
    const { api } = setup();
    const got = await api.shortInterest({ settlementDate: '2021-01-15' });
    expect(got).toHaveLength(2);
    expect(tokens).toHaveLength(2);
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('gives up with unauthorized when a fresh token is refused too', async () => {
    const tokens = tokenEndpoint();
    dataset('consolidatedShortInterest', [], {
      answer: () => new HttpResponse('{"message":"denied"}', { status: 401 }),
    });
    const { api } = setup();
    await expect(api.shortInterest({ settlementDate: '2021-01-15' })).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
    });
    expect(tokens).toHaveLength(2);
  });

  it('sends no Authorization header without credentials and says credentials are needed on 401', async () => {
    const seen = dataset('regShoDaily', [], { answer: () => new HttpResponse('', { status: 401 }) });
    const { api } = setup({ credentials: false });
    const err = (await api.regShoDaily({ date: '2021-01-15' }).catch((e: unknown) => e)) as ProviderError;
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toMatch(/FINRA_CLIENT_ID/);
    expect(seen[0]!.authorization).toBeNull();
  });

  it('accepts expires_in sent as a string and rejects a token answer without access_token', async () => {
    let answer: Record<string, unknown> = { access_token: 'tok-s', token_type: 'Bearer', expires_in: '1800' };
    server.use(http.post(TOKEN_URL, () => HttpResponse.json(answer)));
    const seen = dataset('consolidatedShortInterest', []);
    await setup().api.shortInterest({ settlementDate: '2021-01-15' });
    expect(seen[0]!.authorization).toBe('Bearer tok-s');
    answer = { token_type: 'Bearer', expires_in: 1800 };
    await expect(setup().api.shortInterest({ settlementDate: '2021-01-15' })).rejects.toMatchObject({
      kind: 'malformed',
    });
  });

  it('ping reports an invalid key as unauthorized', async () => {
    server.use(http.post(TOKEN_URL, () => HttpResponse.json({ error: 'invalid_client' }, { status: 401 })));
    const { api } = setup();
    const err = (await api.ping().catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe('unauthorized');
  });

  it('ping makes one tiny data request after the token', async () => {
    tokenEndpoint();
    const seen = dataset('consolidatedShortInterest', json('consolidated-short-interest.json'));
    const { api } = setup();
    await api.ping();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toMatchObject({ limit: 1, offset: 0, fields: ['settlementDate'] });
    expect(api.requestCount()).toBe(2);
  });
});

describe('FINRA Query API: queries and paging', () => {
  it('pages through 3 pages using Record-Total and keeps every row', async () => {
    tokenEndpoint();
    const base = json('reg-sho-daily.json')[0]!;
    const rows = ['A', 'B', 'C', 'D', 'E'].map((s) => ({ ...base, securitiesInformationProcessorSymbolIdentifier: s }));
    const seen = dataset('regShoDaily', rows);
    const { api } = setup({ config: (c) => void (c.providers.finra_api.page_size = 2) });
    const got = await api.regShoDaily({ date: '2021-01-15' });
    expect(seen.map((s) => [s.body.offset, s.body.limit])).toEqual([
      [0, 2],
      [2, 2],
      [4, 2],
    ]);
    expect(got.map((r) => r.symbol)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(api.requestCount()).toBe(4); // one token + three pages
  });

  it('sends several symbols as one domain filter and the date as an EQUAL filter', async () => {
    tokenEndpoint();
    const seen = dataset('consolidatedShortInterest', json('consolidated-short-interest.json'));
    const { api } = setup();
    await api.shortInterest({ settlementDate: '2021-01-15', symbols: ['GME', 'ZZTEST'] });
    expect(seen[0]!.body).toMatchObject({
      compareFilters: [{ fieldName: 'settlementDate', fieldValue: '2021-01-15', compareType: 'EQUAL' }],
      dateRangeFilters: [],
      domainFilters: [{ fieldName: 'symbolCode', values: ['GME', 'ZZTEST'] }],
      limit: 5000,
      offset: 0,
    });
  });

  it('sends a date range for from/to', async () => {
    tokenEndpoint();
    const seen = dataset('regShoDaily', []);
    const { api } = setup();
    await api.regShoDaily({ from: '2021-01-04', to: '2021-01-29', symbols: ['GME'] });
    expect(seen[0]!.body.dateRangeFilters).toEqual([
      { fieldName: 'tradeReportDate', startDate: '2021-01-04', endDate: '2021-01-29' },
    ]);
    expect(seen[0]!.body.domainFilters).toEqual([
      { fieldName: 'securitiesInformationProcessorSymbolIdentifier', values: ['GME'] },
    ]);
  });

  it('maps short interest with FINRA’s GME 2021-01-15 figures and its publication date', async () => {
    tokenEndpoint();
    dataset('consolidatedShortInterest', json('consolidated-short-interest.json'));
    const { api } = setup();
    const [gme, other] = await api.shortInterest({ settlementDate: '2021-01-15' });
    expect(gme).toMatchObject({
      symbol: 'GME',
      settlementDate: '2021-01-15',
      source: 'finra',
      shortInterest: 61_782_730,
      previousShortInterest: 71_196_206,
      avgDailyVolume: 29_385_884,
      daysToCoverReported: 2.1,
      changeShares: -9_413_476,
      revisionFlag: false,
      splitFlag: false,
      exchangeCode: 'N',
      marketClass: 'NYSE',
      publishedOn: '2021-01-27', // settlement + 7 NYSE business days (Jan 18 was MLK Day)
    });
    // numbers sent as strings are accepted; flags R and S set
    expect(other).toMatchObject({
      shortInterest: 1500,
      avgDailyVolume: 0,
      daysToCoverReported: 999.99,
      revisionFlag: true,
      splitFlag: true,
    });
  });

  it('maps regShoDaily facility codes to the file prefixes', async () => {
    tokenEndpoint();
    dataset('regShoDaily', json('reg-sho-daily.json'));
    const { api } = setup();
    const got = await api.regShoDaily({ date: '2021-01-15' });
    expect(got.map((r) => [r.facility, r.markets])).toEqual([
      ['FNQC', 'B'],
      ['FNSQ', 'Q'],
      ['FNYX', 'N'],
      ['FNRA', 'D'],
    ]);
    expect(got[2]).toMatchObject({
      shortVolume: 2905578.5,
      totalVolume: 7831758.25,
      source: 'finra-api',
      publishedOn: '2021-01-15',
    });
    expect(got[3]!.shortExemptVolume).toBeNull();
  });

  it('maps weekly summaries: symbol totals without MPID, firm rows with it, firm totals dropped', async () => {
    tokenEndpoint();
    const seen = dataset('weeklySummary', json('weekly-summary.json'));
    const { api } = setup();
    const got = await api.weeklySummary({
      weekStart: '2025-12-15',
      summaryTypes: ['ATS_W_SMBL', 'ATS_W_SMBL_FIRM', 'OTC_W_SMBL'],
    });
    expect(seen[0]!.body.compareFilters).toEqual([
      { fieldName: 'weekStartDate', fieldValue: '2025-12-15', compareType: 'EQUAL' },
    ]);
    expect(seen[0]!.body.domainFilters).toEqual([
      { fieldName: 'summaryTypeCode', values: ['ATS_W_SMBL', 'ATS_W_SMBL_FIRM', 'OTC_W_SMBL'] },
    ]);
    expect(got.map((r) => [r.symbol, r.summaryType, r.mpid, r.tier])).toEqual([
      ['ZZTEST', 'ATS_W_SMBL', '', 'T1'],
      ['ZZTEST', 'ATS_W_SMBL_FIRM', 'ZZAT', 'T1'],
      ['ZZOTC', 'OTC_W_SMBL', '', 'OTC'],
    ]);
    expect(got[0]).toMatchObject({ shares: 1_250_000, trades: 8123, notional: 31250000.5, publishedOn: '2025-12-29' });
    // no initialPublishedDate: the calendar's rule (Monday + 14 days for Tier 1, + 28 for OTC)
    expect(got[1]!.publishedOn).toBe('2025-12-29');
    expect(got[2]!.publishedOn).toBe('2026-01-12');
  });

  it('asks weeklySummaryHistoric and filters by tier when told', async () => {
    tokenEndpoint();
    const seen = dataset('weeklySummaryHistoric', json('weekly-summary.json'));
    const { api } = setup();
    const got = await api.weeklySummary({ weekStart: '2025-12-15', tier: 'OTC', historic: true, symbols: ['ZZOTC'] });
    expect(seen[0]!.body.domainFilters).toEqual([
      { fieldName: 'tierIdentifier', values: ['OTC', 'OTCE'] },
      { fieldName: 'issueSymbolIdentifier', values: ['ZZOTC'] },
    ]);
    expect(got.map((r) => r.symbol)).toEqual(['ZZOTC']);
  });
});

describe('FINRA Query API: failures', () => {
  it('retries a 503 and then succeeds', async () => {
    tokenEndpoint();
    const seen = dataset('consolidatedShortInterest', json('consolidated-short-interest.json'), {
      answer: (_s, n) => (n === 1 ? new HttpResponse('Service Unavailable', { status: 503 }) : undefined),
    });
    const { api } = setup();
    const got = await api.shortInterest({ settlementDate: '2021-01-15' });
    expect(seen).toHaveLength(2);
    expect(got).toHaveLength(2);
  });

  it('turns a body that is not JSON into a typed malformed error', async () => {
    tokenEndpoint();
    dataset('consolidatedShortInterest', [], {
      answer: () => new HttpResponse('[{"symbolCode": "GME", ', { headers: { 'content-type': 'application/json' } }),
    });
    const { api } = setup();
    const err = (await api.shortInterest({ settlementDate: '2021-01-15' }).catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe('malformed');
    expect(err.excerpt).toContain('symbolCode');
  });

  it('rejects junk numbers as malformed instead of storing NaN', async () => {
    tokenEndpoint();
    const rows = json('consolidated-short-interest.json');
    rows[1] = { ...rows[1], currentShortPositionQuantity: 'N/A' };
    dataset('consolidatedShortInterest', rows);
    const { api } = setup();
    const err = (await api.shortInterest({ settlementDate: '2021-01-15' }).catch((e: unknown) => e)) as ProviderError;
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/1\.currentShortPositionQuantity: not a number: "N\/A"/);
  });

  it('treats an empty 204 answer as no rows', async () => {
    tokenEndpoint();
    dataset('consolidatedShortInterest', [], { answer: () => new HttpResponse(null, { status: 204 }) });
    const { api } = setup();
    expect(await api.shortInterest({ settlementDate: '2021-01-29' })).toEqual([]);
  });
});
