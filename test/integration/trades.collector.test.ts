import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { HOSTS, nsAt, polygonTickPage } from '../fixtures/collectors/payloads';

// Lit trades through the real ingest service: Polygon v3 trades (paged by next_url) and NBBO quotes
// per short-list symbol, classified and stored as one trades_daily row a symbol and day.

const DAY = '2021-01-27';
const at = (s: number) => nsAt(DAY, `09:30:${String(s).padStart(2, '0')}`);
const trade = (s: number, price: number, size: number) => ({
  conditions: [12],
  exchange: 4,
  id: String(s),
  price,
  sequence_number: 1000 + s,
  sip_timestamp: at(s),
  size,
  tape: 1,
});
const json = (text: string, status = 200) =>
  new HttpResponse(text, { status, headers: { 'content-type': 'application/json' } });

const TRADES: Record<string, string[]> = {
  // GME in two pages: 351 and 352 above the 350/351 midpoint (buys), 350 below (sell), 350.5 on it
  GME: [
    polygonTickPage(
      [trade(1, 351, 100), trade(2, 350, 40)],
      `${HOSTS.polygon}/v3/trades/GME?cursor=YXA9MiZhcz0mbGltaXQ9Mg`,
    ),
    polygonTickPage([trade(3, 350.5, 10), trade(4, 352, 5)]),
  ],
  // tick rule: first print unclassified, uptick buy, zero tick keeps the buy, downtick sell
  AMC: [polygonTickPage([trade(1, 10, 100), trade(2, 10.1, 50), trade(3, 10.1, 20), trade(4, 9.9, 30)])],
  KOSS: [polygonTickPage([trade(1, 20, 10), trade(2, 19, 5)])],
};

const requests: URL[] = [];
const server = useMsw(
  http.get(`${HOSTS.polygon}/v3/trades/:ticker`, ({ params, request }) => {
    const pages = TRADES[String(params.ticker)];
    if (!pages) return json('{"status":"OK","results":[{"price":"n/a"}]}');
    return json(new URL(request.url).searchParams.has('cursor') ? pages[1]! : pages[0]!);
  }),
  http.get(`${HOSTS.polygon}/v3/quotes/:ticker`, ({ params }) => {
    if (params.ticker === 'GME')
      return json(
        polygonTickPage([{ sip_timestamp: at(0), bid_price: 350, ask_price: 351, bid_size: 3, ask_size: 2 }]),
      );
    if (params.ticker === 'AMC')
      return json(
        '{"status":"NOT_AUTHORIZED","request_id":"q1","message":"You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing"}',
        403,
      );
    return json(polygonTickPage([]));
  }),
);
server.events.on('request:start', ({ request }) => void requests.push(new URL(request.url)));

const NOW = '2021-01-28T15:00:00Z';

describe('trades collector', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requests.length = 0;
  });

  const stored = () =>
    h.db.$client
      .prepare(
        'SELECT symbol, date, buy_volume AS buy, sell_volume AS sell, unclassified_volume AS unclassified, trade_count AS n, method, source, published_on AS publishedOn FROM trades_daily ORDER BY symbol',
      )
      .all();

  it('keyless: skipped with a note naming POLYGON_API_KEY, no request made', async () => {
    h = ingestHarness({ now: NOW });
    const out = await h.ingest.run('trades', { from: DAY, to: DAY, symbols: ['GME'] });
    expect(out).toEqual([expect.objectContaining({ dataset: 'trades', status: 'skipped', rows: 0 })]);
    expect(out[0]!.note).toMatch(/POLYGON_API_KEY/);
    expect(requests).toEqual([]);
  });

  it('with a key: pages trades by next_url, reads quotes, and stores nbbo or tick totals per symbol', async () => {
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    const out = await h.ingest.run('trades', { from: DAY, to: DAY, symbols: ['GME', 'AMC', 'KOSS'] });
    expect(out).toEqual([expect.objectContaining({ status: 'ok', rows: 3, origin: 'polygon trades v3', failed: [] })]);
    expect(stored()).toEqual([
      // quotes answered 403 (not in the plan): tick rule
      {
        symbol: 'AMC',
        date: DAY,
        buy: 70,
        sell: 30,
        unclassified: 100,
        n: 4,
        method: 'tick',
        source: 'polygon',
        publishedOn: DAY,
      },
      {
        symbol: 'GME',
        date: DAY,
        buy: 105,
        sell: 40,
        unclassified: 10,
        n: 4,
        method: 'nbbo',
        source: 'polygon',
        publishedOn: DAY,
      },
      // quotes answered with no results: tick rule
      {
        symbol: 'KOSS',
        date: DAY,
        buy: 0,
        sell: 5,
        unclassified: 10,
        n: 2,
        method: 'tick',
        source: 'polygon',
        publishedOn: DAY,
      },
    ]);
    const gme = requests.filter((u) => u.pathname === '/v3/trades/GME');
    expect(gme).toHaveLength(2);
    // the whole New York day, asked in time order
    expect(gme[0]!.searchParams.get('timestamp.gte')).toBe(nsAt(DAY, '00:00:00'));
    expect(gme[0]!.searchParams.get('timestamp.lt')).toBe(nsAt('2021-01-28', '00:00:00'));
    // the next page is next_url's cursor with the key added again
    expect(gme[1]!.searchParams.get('cursor')).toBe('YXA9MiZhcz0mbGltaXQ9Mg');
    expect(gme[1]!.searchParams.get('apiKey')).toBe('pk');
    expect(requests.filter((u) => u.pathname.startsWith('/v3/quotes/')).map((u) => u.pathname)).toEqual([
      '/v3/quotes/GME',
      '/v3/quotes/AMC',
      '/v3/quotes/KOSS',
    ]);
  });

  it('falls back to the tick rule when the quotes endpoint is down, instead of failing the symbol', async () => {
    server.use(http.get(`${HOSTS.polygon}/v3/quotes/:ticker`, () => json('{"status":"ERROR"}', 500)));
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    const [out] = await h.ingest.run('trades', { from: DAY, to: DAY, symbols: ['GME'] });
    expect(out).toMatchObject({ status: 'ok', rows: 1, failed: [] });
    expect(stored()).toEqual([expect.objectContaining({ symbol: 'GME', method: 'tick' })]);
  });

  it('keeps going when one symbol answers a malformed page, naming it', async () => {
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    const [out] = await h.ingest.run('trades', { from: DAY, to: DAY, symbols: ['BAD', 'AMC'] });
    expect(out).toMatchObject({ status: 'ok', rows: 1 });
    expect(out!.failed).toEqual([{ key: 'BAD', error: expect.stringMatching(/malformed/) as string }]);
    expect(h.count('SELECT count(*) FROM trades_daily')).toBe(1);
  });

  it('with a key but no short list: skipped, telling the user to pass --symbols', async () => {
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    const [out] = await h.ingest.run('trades', { from: DAY, to: DAY });
    expect(out).toMatchObject({ status: 'skipped', rows: 0 });
    expect(out!.note).toMatch(/--symbols/);
    expect(requests).toEqual([]);
  });

  it('skips a holiday without asking Polygon', async () => {
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    const [out] = await h.ingest.run('trades', { from: '2021-01-18', to: '2021-01-18', symbols: ['GME'] });
    expect(out).toMatchObject({ status: 'skipped' });
    expect(out!.note).toMatch(/holiday/);
    expect(requests).toEqual([]);
  });

  it('a re-run replaces the day instead of adding to it', async () => {
    h = ingestHarness({ now: NOW, secrets: { POLYGON_API_KEY: 'pk' } });
    await h.ingest.run('trades', { from: DAY, to: DAY, symbols: ['GME'] });
    const first = stored();
    await h.ingest.run('trades', { from: DAY, to: DAY, symbols: ['GME'] });
    expect(stored()).toEqual(first);
    expect(first).toHaveLength(1);
  });
});
