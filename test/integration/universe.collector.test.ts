import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { DIRECTORY_SYMBOLS, fmpScreenerRow, HOSTS, NASDAQ_LISTED, OTHER_LISTED } from '../fixtures/collectors/payloads';
import { SCREENER_URL } from '../fixtures/nasdaq-api/screener';

// The universe through the real ingest service: the Nasdaq Trader directory keyless, the FMP
// screener alone with a key, the directory again when FMP fails. The Nasdaq screener is down here
// (its merge with the directory is universe-screener.collector.test.ts).

const requests: string[] = [];
const directory = [
  http.get(`${HOSTS.nasdaq}/nasdaqlisted.txt`, () => HttpResponse.text(NASDAQ_LISTED)),
  http.get(`${HOSTS.nasdaq}/otherlisted.txt`, () => HttpResponse.text(OTHER_LISTED)),
];
const screenerDown = http.get(SCREENER_URL, () => new HttpResponse('unavailable', { status: 503 }));
const server = useMsw(...directory, screenerDown);
server.events.on(
  'request:start',
  ({ request }) => void requests.push(`${new URL(request.url).host}${new URL(request.url).pathname}`),
);

const NOW = '2021-02-01T13:00:00Z';
const TODAY = { from: '2021-02-01', to: '2021-02-01' };
const screener = (handler: Parameters<typeof http.get>[1]) => http.get(`${HOSTS.fmp}/stock-screener`, handler);

describe('universe collector', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requests.length = 0;
  });

  const row = (symbol: string) =>
    h.db.$client
      .prepare(
        'SELECT symbol, exchange, type, is_etf AS etf, is_test_issue AS test, market_cap AS cap, source, as_of AS asOf FROM symbols WHERE symbol = ?',
      )
      .get(symbol) as Record<string, unknown> | undefined;

  it('keyless with the screener down: both directory files with exchange, ETF and test-issue flags, dated by the trailer', async () => {
    h = ingestHarness({ now: NOW });
    const [out] = await h.ingest.run('universe', TODAY);
    expect(out).toMatchObject({
      dataset: 'universe',
      status: 'ok',
      rows: DIRECTORY_SYMBOLS.length,
      origin: 'nasdaq directory',
    });
    expect(out!.note).toMatch(/^nasdaq screener failed \(nasdaq_api: HTTP 503 .*\): no market caps this time$/);
    expect(requests.filter((r) => r.includes('nasdaqtrader'))).toEqual([
      'www.nasdaqtrader.com/dynamic/SymDir/nasdaqlisted.txt',
      'www.nasdaqtrader.com/dynamic/SymDir/otherlisted.txt',
    ]);
    expect(h.db.$client.prepare('SELECT symbol FROM symbols ORDER BY symbol').pluck().all()).toEqual(DIRECTORY_SYMBOLS);
    expect(row('GME')).toEqual({
      symbol: 'GME',
      exchange: 'NYSE',
      type: 'common',
      etf: 0,
      test: 0,
      cap: null,
      source: 'nasdaq-trader',
      asOf: '2021-01-29',
    });
    expect(row('KOSS')).toMatchObject({ exchange: 'NASDAQ', etf: 0, test: 0 });
    expect(row('QQQ')).toMatchObject({ exchange: 'NASDAQ', type: 'etf', etf: 1 });
    expect(row('SPY')).toMatchObject({ exchange: 'ARCA', type: 'etf', etf: 1 });
    expect(row('IMO')).toMatchObject({ exchange: 'AMEX' });
    expect(row('ZXZZT')).toMatchObject({ exchange: 'NASDAQ', test: 1 });
    expect(row('ZIEXT')).toMatchObject({ exchange: 'IEX', test: 1 });
    // the CQS spelling BF.B is stored in FINRA style
    expect(row('BF/B')).toMatchObject({ exchange: 'NYSE' });
    expect(
      h.count(
        "SELECT count(*) FROM dataset_status WHERE dataset = 'universe' AND status = 'ok' AND checksum IS NOT NULL AND date IS NULL",
      ),
    ).toBe(1);
  });

  it('with FMP_API_KEY: the screener alone is the universe, one request, market cap stored', async () => {
    const asked: URL[] = [];
    server.use(
      screener(({ request }) => {
        asked.push(new URL(request.url));
        return HttpResponse.json([
          fmpScreenerRow('GME', 1_377_000_000),
          fmpScreenerRow('BRK-B', 540_000_000_000),
          fmpScreenerRow('XSVM', 650_000_000, { isEtf: true, exchangeShortName: 'AMEX', sector: '' }),
        ]);
      }),
    );
    h = ingestHarness({ now: NOW, secrets: { FMP_API_KEY: 'fmp-key' } });
    const [out] = await h.ingest.run('universe', TODAY);
    expect(out).toMatchObject({ status: 'ok', rows: 3, origin: 'fmp screener' });
    expect(out!.note).toBeUndefined();
    expect(requests).toEqual(['financialmodelingprep.com/api/v3/stock-screener']);
    expect(asked[0]!.searchParams.get('apikey')).toBe('fmp-key');
    expect(asked[0]!.searchParams.get('exchange')).toBe('nyse,nasdaq');
    expect(row('GME')).toMatchObject({ exchange: 'NYSE', cap: 1_377_000_000, source: 'fmp', asOf: '2021-02-01' });
    expect(row('BRK/B')).toMatchObject({ cap: 540_000_000_000 });
    expect(row('XSVM')).toMatchObject({ exchange: 'AMEX', etf: 1, type: 'etf' });
  });

  it('falls back to the directory with a note when the FMP screener keeps answering 500', async () => {
    let fmpCalls = 0;
    server.use(screener(() => (fmpCalls++, HttpResponse.json({ error: 'internal' }, { status: 500 }))));
    h = ingestHarness({ now: NOW, secrets: { FMP_API_KEY: 'fmp-key' } });
    const [out] = await h.ingest.run('universe', TODAY);
    expect(fmpCalls).toBe(1 + h.config.performance.error_handling.max_retries);
    expect(out).toMatchObject({ status: 'ok', rows: DIRECTORY_SYMBOLS.length, origin: 'nasdaq directory' });
    expect(out!.note).toMatch(/fmp screener failed \(.*HTTP 500.*\); fell back to the nasdaq screener and directory/);
    expect(h.count("SELECT count(*) FROM symbols WHERE source = 'nasdaq-trader'")).toBe(DIRECTORY_SYMBOLS.length);
    expect(h.count("SELECT count(*) FROM symbols WHERE source = 'fmp'")).toBe(0);
  });

  it('falls back too when FMP refuses the key with its 200 "Error Message" body, or lists no symbols', async () => {
    server.use(
      screener(() =>
        HttpResponse.json({ 'Error Message': 'Invalid API KEY. Please retry or visit our documentation.' }),
      ),
    );
    h = ingestHarness({ now: NOW, secrets: { FMP_API_KEY: 'bad' } });
    const [refused] = await h.ingest.run('universe', TODAY);
    expect(refused).toMatchObject({ status: 'ok', origin: 'nasdaq directory' });
    expect(refused!.note).toMatch(/Invalid API KEY/);
    h.cleanup();

    server.use(screener(() => HttpResponse.json([])));
    h = ingestHarness({ now: NOW, secrets: { FMP_API_KEY: 'fmp-key' } });
    const [empty] = await h.ingest.run('universe', TODAY);
    expect(empty).toMatchObject({ status: 'ok', origin: 'nasdaq directory', rows: DIRECTORY_SYMBOLS.length });
    expect(empty!.note).toMatch(/no symbols/);
  });

  it('reports failed when FMP and the directory are both down, and the process carries on', async () => {
    server.use(
      screener(() => new HttpResponse('bad gateway', { status: 502 })),
      http.get(`${HOSTS.nasdaq}/:file`, () => new HttpResponse('service unavailable', { status: 503 })),
    );
    h = ingestHarness({ now: NOW, secrets: { FMP_API_KEY: 'fmp-key' } });
    const out = await h.ingest.run('universe', TODAY);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ dataset: 'universe', status: 'failed', rows: 0 });
    expect(out[0]!.note).toMatch(/nasdaq_trader: HTTP 503/);
    expect(h.count('SELECT count(*) FROM symbols')).toBe(0);
    expect(
      h.db.$client.prepare("SELECT status, error FROM dataset_status WHERE dataset = 'universe'").get(),
    ).toMatchObject({ status: 'failed', error: expect.stringMatching(/503/) as string });
  });

  it('stores nothing from a directory whose second file lost its trailer (a cut download)', async () => {
    server.use(
      http.get(`${HOSTS.nasdaq}/otherlisted.txt`, () =>
        HttpResponse.text(OTHER_LISTED.replace(/File Creation Time.*\r\n$/, '')),
      ),
    );
    h = ingestHarness({ now: NOW });
    const [out] = await h.ingest.run('universe', TODAY);
    expect(out).toMatchObject({ status: 'failed', rows: 0 });
    expect(out!.note).toMatch(/truncated file: no "File Creation Time" trailer/);
    expect(h.count('SELECT count(*) FROM symbols')).toBe(0);
  });

  it('a re-run updates the same rows instead of adding any', async () => {
    h = ingestHarness({ now: NOW });
    await h.ingest.run('universe', TODAY);
    const dump = () =>
      h.db.$client.prepare('SELECT symbol, exchange, is_etf, is_test_issue, as_of FROM symbols ORDER BY symbol').all();
    const first = dump();
    await h.ingest.run('universe', TODAY);
    expect(dump()).toEqual(first);
  });
});
