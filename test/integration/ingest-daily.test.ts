import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { finraShortVolumeText, ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import {
  finraApiHandler,
  finraShortInterestRow,
  finraWeeklyRow,
  GME_2021_01_15,
  HOSTS,
  NASDAQ_LISTED,
  OTHER_LISTED,
  polygonGrouped,
  yahooChart,
  type FinraApiSeen,
} from '../fixtures/collectors/payloads';
import { finraShrtHandler, SHRT_BASE, shrtFileName, shrtFileText } from '../fixtures/collectors/finra-shrt';
import { MARKET, SCREENER_URL, screenerHandler } from '../fixtures/nasdaq-api/screener';

// The ingest service's two scheduled entry points, end to end over msw: daily() (universe when due,
// one grouped bar file, today's and yesterday's FINRA file) and catchUp() (the publications on
// their own calendars, each fetched once when out). Requests are counted as msw sees them.

const requests: string[] = [];
const seen: FinraApiSeen[] = [];
const DOWN = (what: string) => new HttpResponse(`${what} unavailable`, { status: 503 });

const AMC_2021_01_15 = finraShortInterestRow({
  symbol: 'AMC',
  settlement: '2021-01-15',
  current: 95_000_000,
  previous: 90_000_000,
  adv: 40_000_000,
});

const handlers = {
  // keyless (no FINRA credentials here), short interest comes from the CDN file
  finraShrt: finraShrtHandler({ [shrtFileName('2021-01-15')]: shrtFileText([GME_2021_01_15, AMC_2021_01_15]) }),
  screener: screenerHandler(MARKET),
  nasdaq: http.get(`${HOSTS.nasdaq}/:file`, ({ params }) =>
    HttpResponse.text(params.file === 'nasdaqlisted.txt' ? NASDAQ_LISTED : OTHER_LISTED),
  ),
  polygon: http.get(`${HOSTS.polygon}/v2/aggs/grouped/locale/us/market/stocks/:date`, ({ params }) =>
    HttpResponse.json(
      polygonGrouped(String(params.date), [
        ['GME', 316.56, 322, 212, 225, 37_382_200],
        ['AMC', 17, 17.25, 12.1, 13.26, 300_000_000],
      ]),
    ),
  ),
  finraFiles: http.get(`${HOSTS.finraFiles}/:name`, ({ params }) => {
    const m = /^CNMSshvol(\d{4})(\d{2})(\d{2})\.txt$/.exec(String(params.name));
    if (!m) return new HttpResponse('Forbidden', { status: 403 });
    return HttpResponse.text(
      finraShortVolumeText(`${m[1]}-${m[2]}-${m[3]}`, [
        ['AMC', 4_142_861, 105_213, 7_997_844, 'B,Q,N'],
        ['GME', 2_400_000, 1200, 5_100_000, 'B,Q,N'],
      ]),
    );
  }),
  finraApi: finraApiHandler(
    {
      consolidatedShortInterest: [GME_2021_01_15, AMC_2021_01_15],
      weeklySummary: [
        finraWeeklyRow({
          symbol: 'GME',
          week: '2021-01-18',
          tier: 'T1',
          type: 'ATS_W_SMBL',
          shares: 9_500_000,
          trades: 60_000,
        }),
        finraWeeklyRow({
          symbol: 'GME',
          week: '2021-01-18',
          tier: 'T1',
          type: 'OTC_W_SMBL',
          shares: 21_000_000,
          trades: 140_000,
        }),
        finraWeeklyRow({
          symbol: 'ZZTWO',
          week: '2021-01-04',
          tier: 'T2',
          type: 'ATS_W_SMBL',
          shares: 80_000,
          trades: 300,
        }),
        finraWeeklyRow({
          symbol: 'ZZOTC',
          week: '2021-01-04',
          tier: 'OTCE',
          type: 'OTC_W_SMBL',
          shares: 40_313,
          trades: 3,
        }),
      ],
    },
    seen,
  ),
  yahooChart: http.get(`${HOSTS.yahoo}/v8/finance/chart/:symbol`, ({ params }) =>
    HttpResponse.json(
      yahooChart(String(params.symbol), [
        ['2021-01-28', [265, 483, 112.25, 193.6, 58_815_800]],
        ['2021-01-29', [379.71, 413.98, 250, 325, 50_566_100]],
        ['2021-02-01', [316.56, 322, 212, 225, 37_382_200]],
      ]),
    ),
  ),
};

const server = useMsw(...Object.values(handlers));
server.events.on('request:start', ({ request }) => {
  const url = new URL(request.url);
  requests.push(`${request.method} ${url.host}${url.pathname}`);
});

// Monday 2021-02-01, 18:30 in New York: after FINRA's 6 pm posting
const MONDAY_EVENING = '2021-02-01T23:30:00Z';
const KEYS = { POLYGON_API_KEY: 'pk' };

describe('ingest service: daily and catch-up', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requests.length = 0;
    seen.length = 0;
  });

  const steps = (out: { dataset: string; date: string | null; status: string }[]) =>
    out.map((o) => `${o.dataset} ${o.date ?? '-'} ${o.status}`);

  it("on a Monday with an empty store fetches the universe, the grouped bars and today's and yesterday's CNMS file", async () => {
    h = ingestHarness({ now: MONDAY_EVENING, secrets: KEYS });
    const out = await h.ingest.daily();
    expect(steps(out)).toEqual([
      'universe - ok',
      'bars 2021-02-01 ok',
      'shortvol 2021-02-01 ok',
      'shortvol 2021-01-29 ok',
    ]);
    expect(requests).toEqual([
      // every exchange in one request (providers.nasdaq_api.one_request)
      'GET api.nasdaq.com/api/screener/stocks',
      'GET www.nasdaqtrader.com/dynamic/SymDir/nasdaqlisted.txt',
      'GET www.nasdaqtrader.com/dynamic/SymDir/otherlisted.txt',
      'GET api.polygon.io/v2/aggs/grouped/locale/us/market/stocks/2021-02-01',
      'GET cdn.finra.org/equity/regsho/daily/CNMSshvol20210201.txt',
      'GET cdn.finra.org/equity/regsho/daily/CNMSshvol20210129.txt',
    ]);
    // the directory's 9 and the screener's 6 the directory does not list
    expect(h.count('SELECT count(*) FROM symbols')).toBe(15);
    expect(h.count("SELECT count(*) FROM daily_bars WHERE date = '2021-02-01' AND source = 'polygon-grouped'")).toBe(2);
    expect(
      h.db.$client
        .prepare("SELECT DISTINCT date FROM short_volume WHERE facility = 'CNMS' ORDER BY date")
        .pluck()
        .all(),
    ).toEqual(['2021-01-29', '2021-02-01']);
  });

  it('the next day does not fetch the universe again; a week later it does', async () => {
    h = ingestHarness({ now: MONDAY_EVENING, secrets: KEYS });
    await h.ingest.daily();
    requests.length = 0;
    h.clock.set('2021-02-02T23:30:00Z');
    expect(steps(await h.ingest.daily())).toEqual([
      'bars 2021-02-02 ok',
      'shortvol 2021-02-02 ok',
      'shortvol 2021-02-01 ok',
    ]);
    expect(requests).toEqual([
      'GET api.polygon.io/v2/aggs/grouped/locale/us/market/stocks/2021-02-02',
      'GET cdn.finra.org/equity/regsho/daily/CNMSshvol20210202.txt',
      'GET cdn.finra.org/equity/regsho/daily/CNMSshvol20210201.txt',
    ]);
    requests.length = 0;
    h.clock.set('2021-02-08T23:30:00Z');
    expect(steps(await h.ingest.daily())[0]).toBe('universe - ok');
    expect(requests.filter((r) => r.includes('nasdaqtrader'))).toHaveLength(2);
  });

  it('before 6 pm the day to fetch is the previous trading day', async () => {
    h = ingestHarness({ now: '2021-02-01T15:00:00Z', secrets: KEYS }); // 10:00 in New York
    const out = await h.ingest.daily();
    expect(steps(out).slice(1)).toEqual(['bars 2021-01-29 ok', 'shortvol 2021-01-29 ok', 'shortvol 2021-01-28 ok']);
  });

  it("keyless, one screener snapshot gives the universe and the whole market's closes, then Yahoo the tracked", async () => {
    h = ingestHarness({ now: MONDAY_EVENING });
    await h.ingest.run('bars', { from: '2021-01-28', to: '2021-01-29', symbols: ['GME'] });
    requests.length = 0;
    const out = await h.ingest.daily();
    expect(out.filter((o) => o.dataset === 'bars').map((o) => `${o.origin} ${o.status} ${o.rows}`)).toEqual([
      'nasdaq screener ok 8',
      'yahoo chart ok 1',
    ]);
    // one all-exchange request, shared by the universe and the bars
    expect(requests.filter((r) => r.includes('api.nasdaq.com'))).toHaveLength(1);
    expect(requests.filter((r) => r.includes('yahoo'))).toEqual(['GET query1.finance.yahoo.com/v8/finance/chart/GME']);
    // Yahoo's full bar replaced the screener's close-only one; the rest of the market is close-only
    expect(
      h.count("SELECT count(*) FROM daily_bars WHERE symbol = 'GME' AND date = '2021-02-01' AND source = 'yahoo'"),
    ).toBe(1);
    expect(
      h.count(
        "SELECT count(*) FROM daily_bars WHERE date = '2021-02-01' AND source = 'nasdaq-screener' AND open IS NULL",
      ),
    ).toBe(7);
  });

  it('keyless, an open position new to the short list gets a year of bars and the float, once', async () => {
    h = ingestHarness({ now: MONDAY_EVENING });
    await h.ingest.run('bars', { from: '2021-01-28', to: '2021-01-29', symbols: ['GME'] });
    h.db.$client
      .prepare(
        `INSERT INTO position_trades (user_id, symbol, side, quantity, price, trade_date, created_at) VALUES ('u1', 'AMC', 'buy', 100, 13, '2021-01-29', 'x')`,
      )
      .run();
    // a closed position is not on the list
    h.db.$client
      .prepare(
        `INSERT INTO position_trades (user_id, symbol, side, quantity, price, trade_date, created_at) VALUES ('u1', 'BB', 'buy', 10, 20, '2021-01-20', 'x'), ('u1', 'BB', 'sell', 10, 25, '2021-01-27', 'x')`,
      )
      .run();
    const charts: URL[] = [];
    server.use(
      http.get(`${HOSTS.yahoo}/v8/finance/chart/:symbol`, ({ request, params }) => {
        charts.push(new URL(request.url));
        return HttpResponse.json(
          yahooChart(String(params.symbol), [
            ['2021-01-29', [379.71, 413.98, 250, 325, 50_566_100]],
            ['2021-02-01', [316.56, 322, 212, 225, 37_382_200]],
          ]),
        );
      }),
      http.get(
        'https://fc.yahoo.com/',
        () => new HttpResponse('', { status: 404, headers: { 'set-cookie': 'A3=d=x' } }),
      ),
      http.get(`${HOSTS.yahoo}/v1/test/getcrumb`, () => HttpResponse.text('crumb')),
      http.get(`${HOSTS.yahoo}/v10/finance/quoteSummary/:symbol`, () =>
        HttpResponse.json({
          quoteSummary: {
            result: [{ defaultKeyStatistics: { floatShares: { raw: 500e6 }, sharesOutstanding: { raw: 520e6 } } }],
            error: null,
          },
        }),
      ),
    );
    requests.length = 0;
    await h.ingest.daily();
    // GME (tracked): the day; AMC (an open position, new): a year, then its float
    const asked = charts.map((u) => {
      const from = new Date(Number(u.searchParams.get('period1')) * 1000).toISOString().slice(0, 10);
      return `${u.pathname.split('/').at(-1)} from ${from}`;
    });
    expect(asked).toEqual(['GME from 2021-02-01', 'AMC from 2020-02-01']);
    expect(requests.filter((r) => r.includes('quoteSummary'))).toEqual([
      'GET query1.finance.yahoo.com/v10/finance/quoteSummary/AMC',
    ]);
    expect(h.count("SELECT count(*) FROM symbols WHERE symbol = 'AMC' AND float_shares = 500000000")).toBe(1);

    // the next day AMC is tracked: only its day, no second float request
    charts.length = 0;
    requests.length = 0;
    h.clock.set(new Date('2021-02-02T23:30:00Z'));
    await h.ingest.daily();
    expect(charts.map((u) => u.pathname.split('/').at(-1)).sort()).toEqual(['AMC', 'GME']);
    expect(requests.filter((r) => r.includes('quoteSummary'))).toEqual([]);
  });

  it("catchUp fetches the newest published settlement and each tier's newest OTC week once; a second catchUp asks nothing", async () => {
    h = ingestHarness({ now: MONDAY_EVENING, secrets: KEYS });
    const out = await h.ingest.catchUp();
    // 2021-01-15 was published 2021-01-27; T1 weeks come out 2 weeks later, T2 and OTC 4 weeks later
    expect(out.map((o) => `${o.dataset} ${o.date} ${o.origin} ${o.status} ${o.rows}`)).toEqual([
      'shortinterest 2021-01-15 finra cdn shrt file ok 2',
      'otc 2021-01-18 finra api weeklySummary T1 ok 2',
      'otc 2021-01-04 finra api weeklySummary T2 ok 1',
      'otc 2021-01-04 finra api weeklySummary OTC ok 1',
    ]);
    const api = 'POST api.finra.org/data/group/otcMarket/name';
    expect(requests).toEqual([
      'GET cdn.finra.org/equity/otcmarket/biweekly/shrt20210115.csv',
      `${api}/weeklySummary`,
      `${api}/weeklySummary`,
      `${api}/weeklySummary`,
    ]);
    expect(seen.map((s) => s.body.compareFilters[0]?.fieldValue)).toEqual(['2021-01-18', '2021-01-04', '2021-01-04']);
    expect(h.count('SELECT count(*) FROM short_interest_quality')).toBe(2);

    requests.length = 0;
    h.clock.advance(2 * 3_600_000);
    expect(await h.ingest.catchUp()).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('catchUp asks again for a tier FINRA had no rows for yet, and only that tier', async () => {
    server.use(
      finraApiHandler(
        {
          consolidatedShortInterest: [GME_2021_01_15],
          weeklySummary: [
            finraWeeklyRow({ symbol: 'GME', week: '2021-01-18', tier: 'T1', type: 'ATS_W_SMBL', shares: 1, trades: 1 }),
          ],
        },
        seen,
      ),
    );
    h = ingestHarness({ now: MONDAY_EVENING, secrets: KEYS });
    expect((await h.ingest.catchUp()).map((o) => o.status)).toEqual(['ok', 'ok', 'missing', 'missing']);
    seen.length = 0;
    const again = await h.ingest.catchUp();
    expect(again.map((o) => o.origin)).toEqual(['finra api weeklySummary T2', 'finra api weeklySummary OTC']);
    expect(seen).toHaveLength(2);
  });

  it.each([
    {
      down: 'the Nasdaq directory and screener',
      handlers: [
        http.get(`${HOSTS.nasdaq}/:file`, () => DOWN('directory')),
        http.get(SCREENER_URL, () => DOWN('screener')),
      ],
      want: ['failed', 'ok', 'ok', 'ok'],
    },
    {
      down: 'Polygon',
      handlers: [http.get(`${HOSTS.polygon}/v2/aggs/grouped/locale/us/market/stocks/:date`, () => DOWN('polygon'))],
      want: ['ok', 'failed', 'ok', 'ok'],
    },
    {
      down: 'the FINRA files',
      handlers: [http.get(`${HOSTS.finraFiles}/:name`, () => DOWN('cdn'))],
      want: ['ok', 'ok', 'failed', 'failed'],
    },
  ])('daily goes on when $down is down: that step failed, the rest ok', async ({ handlers: down, want }) => {
    server.use(...down);
    h = ingestHarness({ now: MONDAY_EVENING, secrets: KEYS });
    const out = await h.ingest.daily();
    expect(out.map((o) => o.dataset)).toEqual(['universe', 'bars', 'shortvol', 'shortvol']);
    expect(out.map((o) => o.status)).toEqual(want);
    // the second FINRA file meets the circuit the first one's retries opened
    for (const o of out.filter((x) => x.status === 'failed')) expect(o.note).toMatch(/HTTP 503|circuit open/);
  });

  it('fetches a universe that failed again the next day', async () => {
    server.use(
      http.get(`${HOSTS.nasdaq}/:file`, () => DOWN('directory')),
      http.get(SCREENER_URL, () => DOWN('screener')),
    );
    h = ingestHarness({ now: MONDAY_EVENING, secrets: KEYS });
    expect(steps(await h.ingest.daily())[0]).toBe('universe - failed');
    server.resetHandlers();
    h.clock.set('2021-02-02T23:30:00Z');
    expect(steps(await h.ingest.daily())[0]).toBe('universe - ok');
  });

  it('catchUp goes on past a FINRA CDN outage for short interest: the OTC tiers are still asked', async () => {
    server.use(http.get(`${SHRT_BASE}/:name`, () => DOWN('cdn')));
    h = ingestHarness({
      now: MONDAY_EVENING,
      secrets: KEYS,
      config: (c) => void (c.performance.error_handling.max_retries = 0),
    });
    const out = await h.ingest.catchUp();
    expect(out.map((o) => `${o.dataset} ${o.status}`)).toEqual(['shortinterest failed', 'otc ok', 'otc ok', 'otc ok']);
  });
});
