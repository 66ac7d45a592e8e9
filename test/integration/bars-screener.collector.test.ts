import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepos } from '../../src/db/repos';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { HOSTS, yahooChart } from '../fixtures/collectors/payloads';
import { MARKET, screenerHandler } from '../fixtures/nasdaq-api/screener';

// Keyless whole-market bars: the Nasdaq screener's snapshot after the close becomes that day's close-only
// bar for every listed stock that traded; a snapshot of another moment is never stored as the day.

const requests: string[] = [];
const server = useMsw(
  screenerHandler(MARKET),
  http.get(`${HOSTS.yahoo}/v8/finance/chart/:symbol`, ({ params }) =>
    HttpResponse.json(yahooChart(String(params.symbol), [['2021-01-29', [379.71, 413.98, 250, 325, 50_566_100]]])),
  ),
);
server.events.on('request:start', ({ request }) => void requests.push(new URL(request.url).host));

const FRIDAY = { from: '2021-01-29', to: '2021-01-29' };
const FRIDAY_EVENING = '2021-01-30T00:40:00Z'; // 19:40 in New York

describe('bars from the nasdaq screener (no POLYGON_API_KEY)', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requests.length = 0;
  });

  const bar = (symbol: string) =>
    h.db.$client
      .prepare(
        `SELECT open, high, low, close, volume, source, published_on AS publishedOn FROM daily_bars
         WHERE symbol = ? AND date = '2021-01-29'`,
      )
      .get(symbol) as Record<string, unknown> | undefined;

  it("stores the day's close and volume of every stock that traded, open/high/low null", async () => {
    h = ingestHarness({ now: FRIDAY_EVENING });
    const out = await h.ingest.run('bars', FRIDAY);
    expect(out.map((o) => `${o.origin} ${o.status} ${o.rows}`)).toEqual([
      'nasdaq screener ok 8',
      'yahoo chart skipped 0', // no short list yet
    ]);
    expect(out[0]!.note).toBe('8 closes, open/high/low unknown; 1 without a trade');
    expect(bar('GME')).toEqual({
      open: null,
      high: null,
      low: null,
      close: 325,
      volume: 50_232_204,
      source: 'nasdaq-screener',
      publishedOn: '2021-01-29',
    });
    expect(bar('PCGpA')).toMatchObject({ close: 24.8 });
    expect(bar('ECC')).toMatchObject({ close: 10.12 });
    expect(bar('ZZNA')).toBeUndefined(); // "NA": no trade, no bar, no invented price
    // whole-market bars do not make the whole market the short list
    expect(createRepos(h.db).trackedSymbols.recentlyTracked('2021-01-29')).toEqual([]);
  });

  it('never lays a close-only bar over a full one, whichever comes first', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING });
    await h.ingest.run('bars', { ...FRIDAY, symbols: ['GME'] });
    h.clock.advance(60_000);
    const [screener] = await h.ingest.run('bars', FRIDAY);
    expect(screener!.note).toMatch(/1 full bars already held kept$/);
    expect(bar('GME')).toMatchObject({ open: 379.71, high: 413.98, low: 250, close: 325, source: 'yahoo' });
  });

  it('before the bars settle on the day, fetches nothing and says the close is still to come (pending)', async () => {
    h = ingestHarness({ now: '2021-01-29T19:00:00Z' }); // 14:00 in New York
    const [screener] = await h.ingest.run('bars', FRIDAY);
    expect(screener).toMatchObject({ status: 'missing', rows: 0 });
    expect(screener!.note).toMatch(/before 16:30 ET on 2021-01-29 holds live prices, not a close/);
    expect(requests).toEqual([]);
    expect(h.count('SELECT count(*) FROM daily_bars')).toBe(0);
  });

  it("on Saturday stores Friday's close, and skips another day with a note instead of mislabelling it", async () => {
    h = ingestHarness({ now: '2021-01-30T15:00:00Z' });
    const [friday] = await h.ingest.run('bars', FRIDAY);
    expect(friday).toMatchObject({ status: 'ok', rows: 8 });
    requests.length = 0;
    const [thursday] = await h.ingest.run('bars', { from: '2021-01-28', to: '2021-01-28' });
    expect(thursday).toMatchObject({ status: 'skipped', rows: 0 });
    expect(thursday!.note).toBe(
      'the screener holds the close of 2021-01-29, not 2021-01-28: whole-market bars of other days need POLYGON_API_KEY',
    );
    expect(requests).toEqual([]);
  });

  it('a short screener answer fails the step with the reason and stores nothing', async () => {
    h = ingestHarness({
      now: FRIDAY_EVENING,
      config: (c) => void (c.providers.nasdaq_api.min_rows.nyse = 100),
    });
    const [screener] = await h.ingest.run('bars', FRIDAY);
    expect(screener).toMatchObject({ status: 'failed', rows: 0 });
    expect(screener!.note).toMatch(/nyse screener answered 5 usable rows of 5 \(at least 100 expected\)/);
    expect(h.count('SELECT count(*) FROM daily_bars')).toBe(0);
  });
});
