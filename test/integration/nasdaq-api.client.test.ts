import { describe, expect, it } from 'vitest';
import { createNasdaqApiClient } from '../../src/providers/nasdaq-api/client';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { useMsw } from '../support/msw';
import { rejection } from '../support/errors';
import { MARKET, screenerEnvelope, screenerHandler, screenerRow, TEST_MIN_ROWS } from '../fixtures/nasdaq-api/screener';

// The Nasdaq stock screener client against answers in the real download=true shape, one request per
// exchange (one_request off; the all-exchange request first: nasdaq-api.one-request.test.ts).

const server = useMsw();
const FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:85.0) Gecko/20100101 Firefox/85.0';

function client(minRows = TEST_MIN_ROWS) {
  const config = testConfig((c) => {
    c.providers.nasdaq_api.min_rows = minRows;
    c.providers.nasdaq_api.one_request = false;
    c.performance.error_handling.max_retries = 0;
  });
  const clock = fakeClock('2021-01-30T00:40:00Z');
  return createNasdaqApiClient({ config, clock, logger: testLogger() });
}

describe('nasdaq screener client', () => {
  it('asks each exchange with download=true and a browser User-Agent, Accept, Origin and Referer', async () => {
    const seen: Request[] = [];
    server.use(screenerHandler(MARKET, seen));
    await client().snapshot();
    expect(seen.map((r) => new URL(r.url).searchParams.get('exchange'))).toEqual(['nasdaq', 'nyse', 'amex']);
    for (const r of seen) {
      const url = new URL(r.url);
      expect(url.pathname).toBe('/api/screener/stocks');
      expect(url.searchParams.get('download')).toBe('true');
      expect(url.searchParams.get('tableonly')).toBe('true');
      expect(r.headers.get('user-agent')).toBe(FIREFOX);
      expect(r.headers.get('accept')).toBe('application/json, text/plain, */*');
      expect(r.headers.get('origin')).toBe('https://www.nasdaq.com');
      expect(r.headers.get('referer')).toBe('https://www.nasdaq.com/');
    }
  });

  it('maps rows: trimmed symbols in FINRA style, $ prices, NA as no trade, "" and "0.00" caps as unknown', async () => {
    server.use(screenerHandler());
    const snap = await client().snapshot();
    expect(snap.takenAt).toBe('2021-01-30T00:40:00.000Z');
    expect(snap.answered).toEqual({ nasdaq: 3, nyse: 5, amex: 1 });
    expect(snap.rows.map((r) => r.symbol)).toEqual([
      'AAPL',
      'KOSS',
      'NEWCO',
      'AMC',
      'BRK/A',
      'ECC',
      'GME',
      'ZZNA',
      'PCGpA',
    ]);
    const by = new Map(snap.rows.map((r) => [r.symbol, r]));
    expect(by.get('GME')).toEqual({
      symbol: 'GME',
      name: 'GME Inc. Common Stock',
      exchange: 'NYSE',
      lastSale: 325,
      netChange: 131.4,
      pctChange: 67.872,
      volume: 50_232_204,
      marketCap: 22_667_762_000,
      country: 'United States',
      ipoYear: null,
      sector: 'Consumer Services',
      industry: 'Electronics Distribution',
    });
    expect(by.get('ZZNA')).toMatchObject({
      lastSale: null,
      netChange: null,
      pctChange: null,
      volume: 0,
      marketCap: null,
    });
    expect(by.get('BRK/A')).toMatchObject({ lastSale: 347_815, marketCap: null });
    expect(by.get('NEWCO')).toMatchObject({ pctChange: null, marketCap: null }); // a new listing, "0.00" cap
    expect(by.get('PCGpA')).toMatchObject({ exchange: 'AMEX', lastSale: 24.8 });
  });

  it('skips and counts an odd row instead of failing the market', async () => {
    const nyse = [
      ...MARKET.nyse.map(screenerRow),
      { ...screenerRow({ symbol: 'BAD', lastsale: '$1' }), volume: '1,000' },
    ];
    server.use(screenerHandler({ ...MARKET, nyse: JSON.stringify(screenerEnvelope(nyse)) }));
    const snap = await client().snapshot();
    expect(snap.rows.some((r) => r.symbol === 'BAD')).toBe(false);
    expect(snap.skipped).toEqual({ 'volume: volume is not digits': 1 });
  });

  it('rejects a garbled body (two JSON documents run together) as malformed, naming the exchange', async () => {
    const one = JSON.stringify(screenerEnvelope(MARKET.nyse.map(screenerRow)));
    server.use(screenerHandler({ ...MARKET, nyse: one + one.slice(0, 300) }));
    const err = await rejection(client().snapshot());
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/nasdaq_api: the nyse answer is not JSON \(empty, cut off or garbled/);
  });

  it('rejects an empty body and a body of another shape', async () => {
    server.use(screenerHandler({ ...MARKET, nasdaq: '' }));
    expect((await rejection(client().snapshot())).message).toMatch(/the nasdaq answer is not JSON/);
    server.use(
      screenerHandler({ ...MARKET, nasdaq: JSON.stringify({ data: { table: { rows: [] } }, status: { rCode: 200 } }) }),
    );
    expect((await rejection(client().snapshot())).message).toMatch(
      /malformed nasdaq screener answer: data\.rows: Required/,
    );
  });

  it('rejects a short answer as a failed fetch, not a smaller market', async () => {
    server.use(screenerHandler());
    const err = await rejection(client({ nasdaq: 2, nyse: 1500, amex: 1 }).snapshot());
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe(
      'nasdaq_api: the nyse screener answered 5 usable rows of 5 (at least 1500 expected): a short answer is a failed fetch, not a smaller market',
    );
  });

  it('treats an error envelope (rCode 400, no data) as a failed fetch', async () => {
    server.use(screenerHandler({ nasdaq: MARKET.nasdaq }));
    const err = await rejection(client().snapshot());
    expect(err.message).toMatch(/the nyse screener answered rCode 400 \(no exchange\)/);
  });

  it('pings with the smallest exchange, checked like a snapshot', async () => {
    const seen: Request[] = [];
    server.use(screenerHandler(MARKET, seen));
    await client().ping();
    expect(seen.map((r) => new URL(r.url).searchParams.get('exchange'))).toEqual(['amex']);
  });
});
