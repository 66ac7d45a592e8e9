import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { symbolsFor } from './generate-cnms';
import { ingestHarness } from '../support/ingest-harness';

// How many HTTP requests a whole-market daily update makes with every key configured. Providers
// are answered locally (msw) with whole-market-sized payloads in their real shapes, so paging is
// counted as it would happen: 10,000 symbols, 20,000 short-interest rows, 17,500 OTC week rows.

const SYMBOLS = symbolsFor(10_000);
const SI_ROWS = 20_000;
// symbol totals a week: ATS and non-ATS rows for NMS Tier 1, Tier 2 and OTC equities
const OTC_ROWS_PER_TIER: Record<string, number> = { T1: 4_000, T2: 4_500, OTC: 9_000 };

function cnms(date: string): string {
  const d = date.replaceAll('-', '');
  return (
    [
      'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market',
      ...SYMBOLS.map((s, i) => `${d}|${s}|${1000 + i}|${i % 7}|${5000 + i}|B,Q,N`),
      String(SYMBOLS.length),
    ].join('\r\n') + '\r\n'
  );
}

function page<T>(rows: number, offset: number, limit: number, make: (i: number) => T) {
  const n = Math.max(0, Math.min(limit, rows - offset));
  return HttpResponse.json(
    Array.from({ length: n }, (_, k) => make(offset + k)),
    { headers: { 'Record-Total': String(rows), 'Record-Offset': String(offset), 'Record-Limit': String(limit) } },
  );
}

export async function benchDailyRequests() {
  const requests: string[] = [];
  const server = setupServer(
    http.get('https://cdn.finra.org/equity/regsho/daily/:name', ({ params }) => {
      const m = /shvol(\d{4})(\d{2})(\d{2})/.exec(String(params.name))!;
      return HttpResponse.text(cnms(`${m[1]}-${m[2]}-${m[3]}`));
    }),
    http.get('https://api.polygon.io/v2/aggs/grouped/locale/us/market/stocks/:date', ({ params }) => {
      const t = Date.parse(`${String(params.date)}T21:00:00Z`);
      return HttpResponse.json({
        queryCount: SYMBOLS.length,
        resultsCount: SYMBOLS.length,
        adjusted: true,
        status: 'OK',
        results: SYMBOLS.map((s, i) => ({
          T: s,
          v: 100_000 + i,
          vw: 10.1,
          o: 10,
          c: 10.2,
          h: 10.5,
          l: 9.8,
          t,
          n: 1000,
        })),
      });
    }),
    http.get('https://financialmodelingprep.com/api/v3/stock-screener', () =>
      HttpResponse.json(
        SYMBOLS.slice(0, 6000).map((s, i) => ({
          symbol: s,
          companyName: `${s} Inc`,
          marketCap: 1e8 + i * 1e6,
          sector: 'Technology',
          industry: 'Software',
          beta: 1,
          price: 10,
          lastAnnualDividend: 0,
          volume: 600_000,
          exchange: 'NASDAQ Global Select',
          exchangeShortName: 'NASDAQ',
          country: 'US',
          isEtf: false,
          isFund: false,
          isActivelyTrading: true,
        })),
      ),
    ),
    http.post('https://ews.fip.finra.org/fip/rest/ews/oauth2/access_token', () =>
      HttpResponse.json({ access_token: 'tkn', token_type: 'Bearer', expires_in: 1800 }),
    ),
    http.post('https://api.finra.org/data/group/otcMarket/name/:dataset', async ({ params, request }) => {
      const body = (await request.json()) as {
        limit?: number;
        offset?: number;
        compareFilters?: { fieldName: string; fieldValue: string }[];
        domainFilters?: { fieldName: string; values: string[] }[];
      };
      const limit = body.limit ?? 5000;
      const offset = body.offset ?? 0;
      if (params.dataset === 'consolidatedShortInterest') {
        return page(SI_ROWS, offset, limit, (i) => ({
          accountingYearMonthNumber: 20261113,
          symbolCode: `S${i}`,
          issueName: `Issue ${i}`,
          issuerServicesGroupExchangeCode: 'Q',
          marketClassCode: 'NNM',
          currentShortPositionQuantity: 100_000 + i,
          previousShortPositionQuantity: 90_000 + i,
          stockSplitFlag: null,
          averageDailyVolumeQuantity: 50_000,
          daysToCoverQuantity: 2,
          revisionFlag: null,
          changePercent: 11.1,
          changePreviousNumber: 10_000,
          settlementDate: '2026-11-13',
        }));
      }
      const week = body.compareFilters?.find((f) => f.fieldName === 'weekStartDate')?.fieldValue ?? '2026-11-02';
      const tier = body.domainFilters?.find((f) => f.fieldName === 'tierIdentifier')?.values[0] ?? 'T1';
      return page(OTC_ROWS_PER_TIER[tier] ?? 0, offset, limit, (i) => ({
        issueSymbolIdentifier: `S${i}`,
        issueName: `Issue ${i}`,
        firmCRDNumber: null,
        MPID: null,
        marketParticipantName: null,
        tierIdentifier: tier,
        tierDescription: 'x',
        summaryStartDate: week,
        weekStartDate: week,
        totalWeeklyShareQuantity: 1000 + i,
        totalWeeklyTradeCount: 10,
        totalNotionalSum: 5000,
        summaryTypeCode: i % 2 ? 'OTC_W_SMBL' : 'ATS_W_SMBL',
        productTypeCode: 'NMS',
        lastUpdateDate: '2026-11-16',
        lastReportedDate: '2026-11-16',
      }));
    }),
  );
  server.events.on(
    'request:start',
    ({ request }) =>
      void requests.push(`${request.method} ${new URL(request.url).host}${new URL(request.url).pathname}`),
  );
  server.listen({ onUnhandledRequest: 'error' });

  const store = ingestHarness({
    now: '2026-11-23T23:30:00Z', // Monday 18:30 ET, after FINRA's 6 pm posting
    secrets: {
      POLYGON_API_KEY: 'k',
      FMP_API_KEY: 'k',
      FINNHUB_API_KEY: 'k',
      FINRA_CLIENT_ID: 'id',
      FINRA_CLIENT_SECRET: 's',
    },
    logLevel: 'silent',
  });
  const { clock, ingest } = store;

  const scenario = async (label: string, at: string, run: 'daily' | 'catchUp' = 'daily') => {
    clock.set(at);
    requests.length = 0;
    const outcomes = await ingest[run]();
    return {
      scenario: label,
      requests: requests.length,
      by_endpoint: countBy(requests),
      steps: outcomes.map((o) => `${o.dataset} ${o.status} ${o.rows}`),
    };
  };
  try {
    const first = await scenario('daily update, first run: universe due (Monday 2026-11-23)', '2026-11-23T23:30:00Z');
    const steady = await scenario('daily update, next trading day (Tuesday 2026-11-24)', '2026-11-24T23:30:00Z');
    const weekly = await scenario(
      'daily update a week later, universe due again (Monday 2026-11-30)',
      '2026-11-30T23:30:00Z',
    );
    // not daily: short interest twice a month, OTC weeks weekly, each once when published
    const catchUp = await scenario(
      'publications catch-up on an empty store: newest short-interest settlement and OTC week of each tier',
      '2026-11-30T23:30:00Z',
      'catchUp',
    );
    return {
      name: 'HTTP requests of the whole-market daily update, every key configured',
      target: '<= 5 for the daily update',
      results: [first, steady, weekly, catchUp],
    };
  } finally {
    server.close();
    store.cleanup();
  }
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs)
    out[x.replace(/\d{8}|\d{4}-\d{2}-\d{2}/g, '{date}')] =
      (out[x.replace(/\d{8}|\d{4}-\d{2}-\d{2}/g, '{date}')] ?? 0) + 1;
  return out;
}
