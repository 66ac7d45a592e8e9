import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import {
  finraApiHandler,
  finraShortInterestRow,
  GME_2021_01_15,
  HOSTS,
  yahooKeyStatistics,
  yahooSessionHandlers,
  type FinraApiSeen,
} from '../fixtures/collectors/payloads';
import { FINRA_KEYS, finraShrtHandler, finraTokenHandler } from '../fixtures/collectors/finra-shrt';

// Short interest through the real ingest service: FINRA's Query API for the whole market of one
// settlement (published 7 business days later), Yahoo key statistics for the short list, and the
// quality score per symbol stored beside them. These run with FINRA credentials, the API's path; the
// keyless CDN path is in short-interest-keyless.collector.test.ts.

const SETTLEMENT = '2021-01-15';
const PUBLISHED = '2021-01-27'; // 7 NYSE business days later (2021-01-18 was a holiday)
const AFTER = '2021-01-28T15:00:00Z';

const AMC = finraShortInterestRow({
  symbol: 'AMC',
  settlement: SETTLEMENT,
  current: 95_000_000,
  previous: 90_000_000,
  adv: 40_000_000,
});
const KOSS = finraShortInterestRow({
  symbol: 'KOSS',
  settlement: SETTLEMENT,
  current: 1_450_000,
  previous: 1_500_000,
  adv: 120_000,
  exchange: 'Q',
});
// the settlement before, for the consistency check: GME's matches its 2021-01-15 "previous", KOSS's does not
const DEC_31 = [
  finraShortInterestRow({
    symbol: 'GME',
    settlement: '2020-12-31',
    current: 71_196_206,
    previous: 68_000_000,
    adv: 9_000_000,
  }),
  finraShortInterestRow({
    symbol: 'KOSS',
    settlement: '2020-12-31',
    current: 1_000_000,
    previous: 950_000,
    adv: 100_000,
    exchange: 'Q',
  }),
];

// Yahoo showing FINRA's 2021-01-15 figure for GME, with a float (hand-made)
const GME_YAHOO = yahooKeyStatistics({
  sharesShort: 61_782_730,
  settlement: SETTLEMENT,
  floatShares: 46_882_000,
  sharesOutstanding: 69_750_000,
  shortRatio: 2.1,
});

const seen: FinraApiSeen[] = [];
const requests: string[] = [];
const quoteSummary = `${HOSTS.yahoo}/v10/finance/quoteSummary/:symbol`;
const server = useMsw(
  finraApiHandler({ consolidatedShortInterest: [GME_2021_01_15, AMC, KOSS, ...DEC_31] }, seen),
  finraTokenHandler(),
  // the CDN has no file here: an API failure falls back to it and finds nothing
  finraShrtHandler({}),
  ...yahooSessionHandlers(),
  http.get(quoteSummary, ({ params, request }) => {
    const url = new URL(request.url);
    if (url.searchParams.get('crumb') !== 'Bx7Pq9kLm2z' || !request.headers.get('cookie')?.startsWith('A3=')) {
      return HttpResponse.json(
        { finance: { result: null, error: { code: 'Unauthorized', description: 'Invalid Crumb' } } },
        { status: 401 },
      );
    }
    if (params.symbol === 'GME') return HttpResponse.json(GME_YAHOO);
    return HttpResponse.json(
      {
        quoteSummary: {
          result: null,
          error: { code: 'Not Found', description: 'Quote not found for ticker symbol: NOPE' },
        },
      },
      { status: 404 },
    );
  }),
);
server.events.on(
  'request:start',
  ({ request }) => void requests.push(`${request.method} ${new URL(request.url).host}${new URL(request.url).pathname}`),
);

const keyed = (options: Parameters<typeof ingestHarness>[0]) => ingestHarness({ secrets: FINRA_KEYS, ...options });

describe('short-interest collector', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    seen.length = 0;
    requests.length = 0;
  });

  const finraRows = () =>
    h.db.$client
      .prepare(
        "SELECT symbol, settlement_date AS s, short_interest AS si, previous_short_interest AS prev, avg_daily_volume AS adv, published_on AS publishedOn FROM short_interest WHERE source = 'finra' ORDER BY s, symbol",
      )
      .all() as { symbol: string; s: string; si: number; prev: number; adv: number; publishedOn: string }[];
  const quality = (symbol: string, settlement = SETTLEMENT) =>
    h.db.$client
      .prepare('SELECT * FROM short_interest_quality WHERE symbol = ? AND settlement_date = ?')
      .get(symbol, settlement) as
      | {
          completeness: number;
          freshness: number;
          consistency: number;
          agreement: number | null;
          overall: number;
          notes: string;
        }
      | undefined;

  it('stores a published settlement from the FINRA API page by page, dated on its publication day', async () => {
    h = keyed({ now: AFTER, config: (c) => void (c.providers.finra_api.page_size = 2) });
    const out = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toEqual([
      expect.objectContaining({
        dataset: 'shortinterest',
        date: SETTLEMENT,
        status: 'ok',
        rows: 3,
        origin: 'finra api consolidatedShortInterest',
      }),
    ]);
    expect(seen.map((s) => [s.dataset, s.body.offset, s.body.limit])).toEqual([
      ['consolidatedShortInterest', 0, 2],
      ['consolidatedShortInterest', 2, 2],
    ]);
    expect(seen[0]!.body.compareFilters).toEqual([
      { fieldName: 'settlementDate', fieldValue: SETTLEMENT, compareType: 'EQUAL' },
    ]);
    expect(finraRows()).toEqual([
      { symbol: 'AMC', s: SETTLEMENT, si: 95_000_000, prev: 90_000_000, adv: 40_000_000, publishedOn: PUBLISHED },
      { symbol: 'GME', s: SETTLEMENT, si: 61_782_730, prev: 71_196_206, adv: 29_385_884, publishedOn: PUBLISHED },
      { symbol: 'KOSS', s: SETTLEMENT, si: 1_450_000, prev: 1_500_000, adv: 120_000, publishedOn: PUBLISHED },
    ]);
  });

  it('skips a settlement not yet published, naming the publication date, without a request', async () => {
    h = keyed({ now: '2021-01-26T23:00:00Z' });
    const out = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT, symbols: ['GME'] });
    expect(out).toEqual([expect.objectContaining({ status: 'skipped', rows: 0 })]);
    expect(out[0]!.note).toContain(`FINRA publishes the ${SETTLEMENT} settlement on ${PUBLISHED}`);
    expect(requests).toEqual([]);
  });

  it('reads a day that is not a settlement as the newest settlement published by then', async () => {
    h = keyed({ now: AFTER });
    const out = await h.ingest.run('shortinterest', { from: '2021-01-28', to: '2021-01-28' });
    expect(out.map((o) => [o.date, o.status])).toEqual([
      ['2021-01-28', 'skipped'],
      [SETTLEMENT, 'ok'],
    ]);
    expect(out[0]!.note).toMatch(/not a settlement date: using the newest settlement published by then, 2021-01-15/);
  });

  it('stores Yahoo key statistics for the short list as source yahoo, keeping the batch going past a bad symbol', async () => {
    h = keyed({ now: AFTER });
    const out = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT, symbols: ['GME', 'NOPE'] });
    expect(out.map((o) => [o.origin, o.status, o.rows])).toEqual([
      ['finra api consolidatedShortInterest', 'ok', 3],
      ['yahoo key statistics', 'ok', 1],
    ]);
    expect(out[1]!.failed).toEqual([{ key: 'NOPE', error: expect.stringMatching(/Quote not found/) as string }]);
    const yahoo = h.db.$client.prepare("SELECT * FROM short_interest WHERE source = 'yahoo'").all();
    expect(yahoo).toEqual([
      expect.objectContaining({
        symbol: 'GME',
        settlement_date: SETTLEMENT,
        short_interest: 61_782_730,
        float_shares: 46_882_000,
        days_to_cover_reported: 2.1,
        published_on: PUBLISHED,
      }),
    ]);
    expect((yahoo[0] as { short_percent_float: number }).short_percent_float).toBeCloseTo(61_782_730 / 46_882_000, 6);
    // the short list's float and shares outstanding land on the symbol, for % of float later
    expect(
      h.db.$client.prepare("SELECT float_shares, shares_outstanding, source FROM symbols WHERE symbol = 'GME'").get(),
    ).toEqual({
      float_shares: 46_882_000,
      shares_outstanding: 69_750_000,
      source: 'yahoo',
    });
    // one session (cookie, crumb) serves every symbol
    expect(requests.filter((r) => r.includes('fc.yahoo.com') || r.includes('getcrumb'))).toHaveLength(2);
  });

  it('scores every FINRA figure of the settlement, cross-checked with Yahoo where Yahoo has one', async () => {
    h = keyed({ now: AFTER });
    await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT, symbols: ['GME'] });
    expect(h.count('SELECT count(*) FROM short_interest_quality WHERE settlement_date = ?', SETTLEMENT)).toBe(3);
    const gme = quality('GME')!;
    // Yahoo shows the same figure: full agreement; its float completes the record
    expect(gme).toMatchObject({ agreement: 1, completeness: 1, consistency: 1 });
    expect(gme.overall).toBeGreaterThan(0.9);
    expect(gme.overall).toBeLessThanOrEqual(1);
    const amc = quality('AMC')!;
    expect(amc.agreement).toBeNull();
    expect(amc.overall).toBeGreaterThanOrEqual(0);
    expect(amc.overall).toBeLessThan(gme.overall);
    expect(JSON.parse(amc.notes)).toEqual(
      expect.arrayContaining(['no Yahoo figure to cross-check', 'no float figure: short % of float is unavailable']),
    );
  });

  it("checks each report's previous figure against the stored settlement before it", async () => {
    h = keyed({ now: AFTER });
    await h.ingest.run('shortinterest', { from: '2020-12-31', to: SETTLEMENT });
    expect(finraRows().map((r) => `${r.s} ${r.symbol} ${r.publishedOn}`)).toEqual([
      '2020-12-31 GME 2021-01-12',
      '2020-12-31 KOSS 2021-01-12',
      `${SETTLEMENT} AMC ${PUBLISHED}`,
      `${SETTLEMENT} GME ${PUBLISHED}`,
      `${SETTLEMENT} KOSS ${PUBLISHED}`,
    ]);
    expect(quality('GME')!.consistency).toBe(1);
    const koss = quality('KOSS')!;
    // the previous-figure check fails (0), the change itself is plausible (1)
    expect(koss.consistency).toBe(0.5);
    expect(JSON.parse(koss.notes)).toContain('previous figure differs from our stored report by 33%');
  });

  it('says missing when FINRA has no rows for a published settlement', async () => {
    server.use(finraApiHandler({}, seen));
    h = keyed({ now: AFTER });
    const out = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toEqual([
      expect.objectContaining({ status: 'missing', rows: 0, note: 'FINRA has no rows for this settlement yet' }),
    ]);
    expect(h.count('SELECT count(*) FROM short_interest_quality')).toBe(0);
  });

  it('writes nothing from the first page when the second one fails', async () => {
    server.use(
      http.post(`${HOSTS.finraApi}/:dataset`, async ({ request }) => {
        const { offset } = (await request.json()) as { offset: number };
        if (offset > 0) return new HttpResponse('Gateway Timeout', { status: 504 });
        return HttpResponse.json([GME_2021_01_15, AMC], {
          headers: { 'Record-Total': '3', 'Record-Offset': '0', 'Record-Limit': '2' },
        });
      }),
    );
    h = keyed({ now: AFTER, config: (c) => void (c.providers.finra_api.page_size = 2) });
    const [out] = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    // the CDN fallback has no file here, so nothing at all is stored
    expect(out).toMatchObject({ status: 'missing', rows: 0 });
    expect(out!.note).toMatch(/^FINRA API failed \(finra_api: HTTP 504/);
    expect(h.count('SELECT count(*) FROM short_interest')).toBe(0);
  });

  it('asks Yahoo nothing when the cross-check is turned off', async () => {
    h = keyed({ now: AFTER, config: (c) => void (c.short_interest.yahoo_enabled = false) });
    const out = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT, symbols: ['GME'] });
    expect(out.map((o) => o.origin)).toEqual(['finra api consolidatedShortInterest']);
    expect(requests.every((r) => /(api|ews\.fip)\.finra\.org/.test(r))).toBe(true);
  });
});
