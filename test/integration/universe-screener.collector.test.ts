import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdhocService } from '../../src/pipeline/adhoc.service';
import { createPipelineService } from '../../src/pipeline/pipeline.service';
import { createPipelineRunsRepo } from '../../src/db/repos/pipeline-runs.repo';
import { createRepos } from '../../src/db/repos';
import { fixedSettings } from '../../src/config/settings';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { HOSTS, NASDAQ_LISTED, OTHER_LISTED } from '../fixtures/collectors/payloads';
import { MARKET, screenerHandler } from '../fixtures/nasdaq-api/screener';

// The keyless universe: the Nasdaq screener's market caps, sectors and industries laid over the Nasdaq
// Trader directory's flags, and the pipeline's market-cap filter working on them without any key.

const requests: string[] = [];
const server = useMsw(
  screenerHandler(MARKET),
  http.get(`${HOSTS.nasdaq}/:file`, ({ params }) =>
    HttpResponse.text(params.file === 'nasdaqlisted.txt' ? NASDAQ_LISTED : OTHER_LISTED),
  ),
);
server.events.on('request:start', ({ request }) => void requests.push(new URL(request.url).host));

// Friday 2021-01-29, 19:40 in New York: the screener holds that day's close
const FRIDAY_EVENING = '2021-01-30T00:40:00Z';
const DAY = { from: '2021-01-29', to: '2021-01-29' };

describe('keyless universe from the screener and the directory', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requests.length = 0;
  });

  const row = (symbol: string) =>
    h.db.$client
      .prepare(
        `SELECT exchange, type, is_etf AS etf, is_test_issue AS test, market_cap AS cap, sector, industry, source
         FROM symbols WHERE symbol = ?`,
      )
      .get(symbol) as Record<string, unknown> | undefined;

  it('merges: market cap, sector and industry from the screener, flags and finer exchanges from the directory', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING });
    const [out] = await h.ingest.run('universe', DAY);
    expect(out).toMatchObject({ status: 'ok', rows: 15, origin: 'nasdaq screener + nasdaq directory' });
    expect(out!.note).toBeUndefined();
    // the screener's every exchange in one request (providers.nasdaq_api.one_request)
    expect(requests).toEqual(['api.nasdaq.com', 'www.nasdaqtrader.com', 'www.nasdaqtrader.com']);
    expect(row('GME')).toEqual({
      exchange: 'NYSE',
      type: 'common',
      etf: 0,
      test: 0,
      cap: 22_667_762_000,
      sector: 'Consumer Services',
      industry: 'Electronics Distribution',
      source: 'nasdaq-screener+nasdaq-trader',
    });
    // listed by the directory alone: its flags kept, no cap
    expect(row('QQQ')).toMatchObject({ etf: 1, type: 'etf', cap: null, source: 'nasdaq-trader' });
    expect(row('ZXZZT')).toMatchObject({ test: 1 });
    expect(row('SPY')).toMatchObject({ exchange: 'ARCA', etf: 1 });
    // listed by the screener alone: the all-exchange answer names no exchange, and none is guessed
    expect(row('AAPL')).toMatchObject({ exchange: null, cap: 2_215_378_639_800, source: 'nasdaq-screener' });
    expect(row('BRK/A')).toMatchObject({ exchange: null, cap: null }); // "" is unknown
    expect(row('NEWCO')).toMatchObject({ cap: null }); // "0.00" is unknown, not zero
    expect(row('PCGpA')).toMatchObject({ exchange: null, type: 'preferred' });
    expect(row('ECC')).toBeDefined(); // the padded "ECC           "
  });

  it('asked per exchange (one_request off), a symbol only the screener lists has the exchange it was asked for', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING, config: (c) => void (c.providers.nasdaq_api.one_request = false) });
    await h.ingest.run('universe', DAY);
    expect(requests.filter((r) => r === 'api.nasdaq.com')).toHaveLength(3);
    expect(row('AAPL')).toMatchObject({ exchange: 'NASDAQ', cap: 2_215_378_639_800 });
    expect(row('BRK/A')).toMatchObject({ exchange: 'NYSE' });
    expect(row('PCGpA')).toMatchObject({ exchange: 'AMEX' });
    expect(row('GME')).toMatchObject({ exchange: 'NYSE', source: 'nasdaq-screener+nasdaq-trader' });
  });

  it('with the directory down, the screener updates fundamentals only and the flags held stay', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING });
    await h.ingest.run('universe', DAY);
    h.clock.advance(20 * 60_000); // past the snapshot's reuse: this run fetches afresh
    server.use(
      http.get(`${HOSTS.nasdaq}/:file`, () => new HttpResponse('unavailable', { status: 503 })),
      screenerHandler({ ...MARKET, nasdaq: [{ symbol: 'KOSS', lastsale: '$30.00', marketCap: '222000000.00' }] }),
    );
    const [out] = await h.ingest.run('universe', DAY);
    expect(out).toMatchObject({ status: 'ok', origin: 'nasdaq screener' });
    expect(out!.note).toMatch(/nasdaq directory failed \(.*HTTP 503.*\): ETF and test-issue flags kept as held/);
    expect(row('KOSS')).toMatchObject({ cap: 222_000_000, source: 'nasdaq-screener+nasdaq-trader' });
    expect(row('QQQ')).toMatchObject({ etf: 1 });
    expect(row('ZXZZT')).toMatchObject({ test: 1 });
  });

  it("lets the pipeline's market-cap filter cut a mega-cap and a large cap, keyless", async () => {
    h = ingestHarness({ now: FRIDAY_EVENING });
    await h.ingest.run('universe', DAY);
    await h.ingest.run('bars', DAY);
    const repos = createRepos(h.db);
    const settings = fixedSettings(h.config);
    const adhoc = createAdhocService({ repos, settings, clock: h.clock });
    const pipeline = createPipelineService({ repos, settings, clock: h.clock, logger: h.logger, adhoc });
    const { run } = await pipeline.run({ asOf: '2021-01-29' });
    const runs = createPipelineRunsRepo(h.db);
    const max = h.config.universe_loader.filters.max_market_cap;
    expect(runs.elimination(run.id, 'AAPL')).toMatchObject({
      stage: 'universe_loading',
      criterion: 'market_cap_too_high',
      value: 2_215_378_639_800,
      threshold: max,
    });
    expect(runs.elimination(run.id, 'GME')).toMatchObject({ criterion: 'market_cap_too_high' }); // $22.7B
    // a known small cap and an unknown cap pass the universe stage
    for (const symbol of ['KOSS', 'BRK/A'])
      expect(runs.elimination(run.id, symbol)?.stage).not.toBe('universe_loading');
  });
});
