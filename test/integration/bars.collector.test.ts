import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { HOSTS, polygonGrouped, YAHOO_NOT_FOUND, yahooChart } from '../fixtures/collectors/payloads';

// Daily bars through the real ingest service: Polygon's grouped daily (the whole market, one call)
// with a key; Yahoo per symbol for the short list without one.

const requests: string[] = [];
const GROUPED = `${HOSTS.polygon}/v2/aggs/grouped/locale/us/market/stocks/:date`;
const CHART = `${HOSTS.yahoo}/v8/finance/chart/:symbol`;

// GME's week of 2021-01-25 (Yahoo-layout figures); 2021-01-28 left as a hole, as Yahoo sometimes does
const GME_WEEK = yahooChart('GME', [
  ['2021-01-25', [96.73, 159.18, 61.13, 76.79, 177_874_000]],
  ['2021-01-26', [88.56, 150, 80.2, 147.98, 178_588_000]],
  ['2021-01-27', [354.83, 380, 249, 347.51, 93_396_700]],
  ['2021-01-28', null],
  ['2021-01-29', [379.71, 413.98, 250, 325, 50_566_100]],
]);
const AMC_WEEK = yahooChart('AMC', [
  ['2021-01-25', [4.2, 5.19, 3.51, 4.2, 601_000_000]],
  ['2021-01-26', [5.4, 5.5, 4.06, 4.25, 300_000_000]],
  ['2021-01-27', [12.1, 20.36, 10.02, 19.9, 1_222_342_500]],
  ['2021-01-28', [14.5, 16.5, 8.01, 8.63, 610_000_000]],
  ['2021-01-29', [16.5, 17.25, 12.2, 13.26, 420_000_000]],
]);

const server = useMsw(
  http.get(GROUPED, ({ params }) =>
    HttpResponse.json(
      polygonGrouped(String(params.date), [
        ['GME', 354.83, 380, 249, 347.51, 93_396_700],
        ['AMC', 12.1, 20.36, 10.02, 19.9, 1_222_342_500.5],
        ['BRK.B', 229.55, 230.07, 226.13, 226.4, 4_729_512],
      ]),
    ),
  ),
  http.get(CHART, ({ params }) => {
    if (params.symbol === 'GME') return HttpResponse.json(GME_WEEK);
    if (params.symbol === 'AMC') return HttpResponse.json(AMC_WEEK);
    if (params.symbol === 'BAD')
      return HttpResponse.json({ chart: { result: [{ meta: {}, indicators: { quote: [] } }], error: null } });
    return HttpResponse.json(YAHOO_NOT_FOUND, { status: 404 });
  }),
);
server.events.on(
  'request:start',
  ({ request }) => void requests.push(`${new URL(request.url).host}${new URL(request.url).pathname}`),
);

const NOW = '2021-02-01T13:00:00Z';
const WEEK = { from: '2021-01-25', to: '2021-01-29' };

describe('bars collector', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requests.length = 0;
  });

  const bars = (symbol?: string) =>
    h.db.$client
      .prepare(
        `SELECT symbol, date, close, volume, source, published_on AS publishedOn FROM daily_bars ${symbol ? 'WHERE symbol = ?' : ''} ORDER BY symbol, date`,
      )
      .all(...(symbol ? [symbol] : [])) as {
      symbol: string;
      date: string;
      close: number;
      volume: number;
      source: string;
      publishedOn: string;
    }[];

  it('with POLYGON_API_KEY stores the whole market of a day from one grouped-daily call', async () => {
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    const out = await h.ingest.run('bars', { from: '2021-01-27', to: '2021-01-27' });
    expect(out).toEqual([
      expect.objectContaining({
        dataset: 'bars',
        date: '2021-01-27',
        status: 'ok',
        rows: 3,
        origin: 'polygon grouped daily',
      }),
    ]);
    expect(requests).toEqual(['api.polygon.io/v2/aggs/grouped/locale/us/market/stocks/2021-01-27']);
    expect(bars()).toEqual([
      {
        symbol: 'AMC',
        date: '2021-01-27',
        close: 19.9,
        volume: 1_222_342_500.5,
        source: 'polygon-grouped',
        publishedOn: '2021-01-27',
      },
      {
        symbol: 'BRK/B',
        date: '2021-01-27',
        close: 226.4,
        volume: 4_729_512,
        source: 'polygon-grouped',
        publishedOn: '2021-01-27',
      },
      {
        symbol: 'GME',
        date: '2021-01-27',
        close: 347.51,
        volume: 93_396_700,
        source: 'polygon-grouped',
        publishedOn: '2021-01-27',
      },
    ]);
  });

  it('with a key, a range is one grouped call per trading day, the holiday skipped with a note', async () => {
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    // 2021-01-15 Fri, 2021-01-18 Martin Luther King Jr. Day, 2021-01-19 Tue
    const out = await h.ingest.run('bars', { from: '2021-01-15', to: '2021-01-19' });
    expect(out.map((o) => [o.date, o.status])).toEqual([
      ['2021-01-18', 'skipped'],
      ['2021-01-15', 'ok'],
      ['2021-01-19', 'ok'],
    ]);
    expect(out[0]!.note).toMatch(/holiday/i);
    expect(requests.map((r) => r.slice(-10))).toEqual(['2021-01-15', '2021-01-19']);
  });

  it('says empty when the grouped file of a trading day has no results yet', async () => {
    server.use(
      http.get(GROUPED, () =>
        HttpResponse.json({ queryCount: 0, resultsCount: 0, adjusted: true, status: 'OK', request_id: 'x' }),
      ),
    );
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    const [out] = await h.ingest.run('bars', { from: '2021-01-29', to: '2021-01-29' });
    expect(out).toMatchObject({ status: 'empty', rows: 0, note: 'no bars in the answer' });
  });

  it('keyless: one Yahoo chart per --symbols entry, holes skipped', async () => {
    h = ingestHarness({ now: NOW });
    const out = await h.ingest.run('bars', { ...WEEK, symbols: ['GME', 'AMC'] });
    expect(out).toEqual([
      expect.objectContaining({ status: 'ok', rows: 9, origin: 'yahoo chart', failed: [], note: '2/2 symbols' }),
    ]);
    expect(requests).toEqual([
      'query1.finance.yahoo.com/v8/finance/chart/GME',
      'query1.finance.yahoo.com/v8/finance/chart/AMC',
    ]);
    expect(bars('GME').map((b) => b.date)).toEqual(['2021-01-25', '2021-01-26', '2021-01-27', '2021-01-29']);
    expect(bars('GME')[2]).toEqual({
      symbol: 'GME',
      date: '2021-01-27',
      close: 347.51,
      volume: 93_396_700,
      source: 'yahoo',
      publishedOn: '2021-01-27',
    });
    expect(bars('AMC')).toHaveLength(5);
  });

  it('keeps the batch going when one symbol is unknown (404) and one answer is malformed, naming both', async () => {
    h = ingestHarness({ now: NOW });
    const [out] = await h.ingest.run('bars', { ...WEEK, symbols: ['GME', 'NOPE', 'BAD'] });
    expect(out).toMatchObject({ status: 'ok', rows: 4, note: '1/3 symbols' });
    expect(out!.failed!.map((f) => f.key)).toEqual(['NOPE', 'BAD']);
    expect(out!.failed![0]!.error).toMatch(/No data found/);
    expect(out!.failed![1]!.error).toMatch(/malformed/);
    expect(bars().map((b) => b.symbol)).toEqual(['GME', 'GME', 'GME', 'GME']);
    expect(h.db.$client.prepare("SELECT error FROM dataset_status WHERE dataset = 'bars'").pluck().get()).toMatch(
      /NOPE: .*; BAD: /,
    );
  });

  it('fails the run when every symbol fails, writing nothing', async () => {
    h = ingestHarness({ now: NOW });
    const [out] = await h.ingest.run('bars', { ...WEEK, symbols: ['NOPE', 'BAD'] });
    expect(out).toMatchObject({ status: 'failed', rows: 0, note: 'all 2 symbols failed' });
    expect(bars()).toEqual([]);
    expect(h.db.$client.prepare("SELECT error FROM dataset_status WHERE dataset = 'bars'").pluck().get()).toMatch(
      /^all 2 symbols failed — NOPE: .*; BAD: /,
    );
  });

  it('keyless with no short list: skipped, telling the user to pass --symbols', async () => {
    h = ingestHarness({ now: NOW });
    const out = await h.ingest.run('bars', WEEK);
    expect(out).toEqual([expect.objectContaining({ status: 'skipped', rows: 0 })]);
    expect(out[0]!.note).toMatch(/--symbols/);
    expect(requests).toEqual([]);
  });

  it('keyless, the short list defaults to the symbols tracked in the last two weeks', async () => {
    h = ingestHarness({ now: NOW });
    await h.ingest.run('bars', { from: '2021-01-25', to: '2021-01-26', symbols: ['GME'] });
    requests.length = 0;
    const [out] = await h.ingest.run('bars', { from: '2021-01-27', to: '2021-01-29' });
    expect(out).toMatchObject({ status: 'ok', rows: 2, note: '1/1 symbols' });
    expect(requests).toEqual(['query1.finance.yahoo.com/v8/finance/chart/GME']);
  });

  it('skips a non-trading day with a note and no request', async () => {
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    const [holiday] = await h.ingest.run('bars', { from: '2021-01-18', to: '2021-01-18' });
    expect(holiday).toMatchObject({ status: 'skipped', rows: 0 });
    expect(holiday!.note).toMatch(/market holiday \(Martin Luther King/);
    const [weekend] = await h.ingest.run('bars', { from: '2021-01-23', to: '2021-01-23', symbols: ['GME'] });
    expect(weekend!.note).toMatch(/weekend/);
    expect(requests).toEqual([]);
  });

  it('a re-run stores the same rows again, never more', async () => {
    h = ingestHarness({ now: NOW });
    await h.ingest.run('bars', { ...WEEK, symbols: ['GME', 'AMC'] });
    const first = bars();
    await h.ingest.run('bars', { ...WEEK, symbols: ['GME', 'AMC'] });
    expect(bars()).toEqual(first);
    expect(first).toHaveLength(9);
  });
});
