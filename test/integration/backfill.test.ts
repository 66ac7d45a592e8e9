import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBudget, type BackfillProgress } from '../../src/ingest/backfill.service';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { backfillHandlers, FRIDAY_EVENING } from '../fixtures/backfill/market';
import { MARKET, screenerHandler } from '../fixtures/nasdaq-api/screener';

// The first fill of an empty store through the real collectors, a real SQLite file and msw: the plan's
// request count is what goes over the wire, a stopped run resumes with only the rest, a full store
// plans nothing.

const requests: string[] = [];
const server = useMsw(...backfillHandlers());
server.events.on('request:start', ({ request }) => {
  const url = new URL(request.url);
  requests.push(
    `${url.host}${url.pathname}${url.searchParams.get('exchange') ? `?${url.searchParams.get('exchange')}` : ''}`,
  );
});

describe('backfill', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requests.length = 0;
  });

  it('plans an empty store: N FINRA files, two settlements, the screener and the directory — and makes exactly that many requests', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING, logLevel: 'silent' });
    expect(h.backfill.needed()).toBe(true);
    const plan = h.backfill.plan(5);
    expect(plan.sessions).toEqual({ count: 5, from: '2021-01-25', to: '2021-01-29' });
    // the screener's every exchange in one request, shared by the universe and today's bars
    expect(plan.counts).toEqual({ shortvol: 5, shortinterest: 2, screener: 1, directory: 2, fmp: 0 });
    expect(formatBudget(plan)).toBe(
      'backfill: 5 FINRA short-volume files, 2 short-interest files, 1 screener request, 2 directory files — 10 requests',
    );
    const progress: BackfillProgress[] = [];
    const result = await h.backfill.run(plan, { onProgress: (p) => progress.push(p) });
    expect(result.stopped).toBeNull();
    expect(result).toMatchObject({ requests: 10, unplanned: 0 });
    expect(requests).toHaveLength(10);
    expect(requests.filter((r) => r.includes('screener'))).toEqual(['api.nasdaq.com/api/screener/stocks']);
    expect(requests.filter((r) => r.includes('CNMSshvol'))).toHaveLength(5);
    expect(requests.filter((r) => r.includes('/shrt'))).toEqual([
      'cdn.finra.org/equity/otcmarket/biweekly/shrt20210115.csv',
      'cdn.finra.org/equity/otcmarket/biweekly/shrt20201231.csv',
    ]);
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(progress.at(-1)).toMatchObject({ done: 10, total: 10 });
    expect(h.count('SELECT count(DISTINCT date) FROM short_volume')).toBe(5);
    expect(h.count("SELECT count(DISTINCT settlement_date) FROM short_interest WHERE source = 'finra'")).toBe(2);
    expect(h.count('SELECT count(*) FROM daily_bars WHERE date = ?', '2021-01-29')).toBeGreaterThan(0);
    expect(h.backfill.needed()).toBe(false);
  });

  it('defaults to app.backfill_sessions (60)', () => {
    h = ingestHarness({ now: FRIDAY_EVENING, logLevel: 'silent' });
    const plan = h.backfill.plan();
    expect(plan.sessions.count).toBe(60);
    expect(plan.total).toBe(60 + 2 + 1 + 2);
  });

  it('asked per exchange (one_request off), the budget counts a screener request per exchange', () => {
    h = ingestHarness({
      now: FRIDAY_EVENING,
      logLevel: 'silent',
      config: (c) => void (c.providers.nasdaq_api.one_request = false),
    });
    const plan = h.backfill.plan(5);
    expect(plan.counts).toMatchObject({ screener: 3, directory: 2 });
    expect(plan.total).toBe(12);
  });

  it('counts the per-exchange requests after a failed all-exchange answer, and plans them from then on', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING, logLevel: 'silent' });
    // a short all-exchange answer (1 row, 3 expected with the test minimums) is a failed fetch
    server.use(screenerHandler({ ...MARKET, all: MARKET.amex }));
    const plan = h.backfill.plan(3);
    expect(plan.total).toBe(3 + 2 + 1 + 2);
    const progress: BackfillProgress[] = [];
    const result = await h.backfill.run(plan, { onProgress: (p) => progress.push(p) });
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(result).toMatchObject({ stopped: null, requests: 11, unplanned: 3 });
    expect(requests).toHaveLength(11);
    expect(requests.filter((r) => r.includes('screener'))).toEqual([
      'api.nasdaq.com/api/screener/stocks',
      'api.nasdaq.com/api/screener/stocks?nasdaq',
      'api.nasdaq.com/api/screener/stocks?nyse',
      'api.nasdaq.com/api/screener/stocks?amex',
    ]);
    expect(progress.at(-1)).toMatchObject({ done: 11, total: 11 });
    expect(h.providers.nasdaqApi.plannedRequests()).toBe(3);
  });

  it('after a run stopped halfway, the second fetches only the rest', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING, logLevel: 'silent' });
    const controller = new AbortController();
    // the universe (3 requests) and both settlements, then 5 of the 10 FINRA files
    const first = await h.backfill.run(h.backfill.plan(10), {
      signal: controller.signal,
      onProgress: (p) => p.done >= 10 && controller.abort(),
    });
    expect(first).toMatchObject({ stopped: 'aborted', requests: 10 });
    const firstRequests = [...requests];
    expect(firstRequests).toHaveLength(10);
    requests.length = 0;

    const rest = h.backfill.plan(10);
    expect(rest.counts).toEqual({ shortvol: 5, shortinterest: 0, screener: 0, directory: 0, fmp: 0 });
    expect(formatBudget(rest)).toBe('backfill: 5 FINRA short-volume files, 0 short-interest files — 5 requests');
    const second = await h.backfill.run(rest);
    expect(second).toMatchObject({ stopped: null, requests: 5 });
    expect(requests).toHaveLength(5);
    // nothing fetched twice
    expect(new Set([...firstRequests, ...requests]).size).toBe(15);
    expect(h.count('SELECT count(DISTINCT date) FROM short_volume')).toBe(10);
  });

  it('plans nothing on a full store and fetches nothing', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING, logLevel: 'silent' });
    await h.backfill.run(h.backfill.plan(3));
    requests.length = 0;
    const again = h.backfill.plan(3);
    expect(again.total).toBe(0);
    expect(again.steps).toEqual([]);
    expect(formatBudget(again)).toMatch(/^backfill: nothing to fetch/);
    expect(await h.backfill.run(again)).toMatchObject({ requests: 0, outcomes: [] });
    expect(requests).toEqual([]);
  });

  it('stops when the network is down instead of waiting on every file', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING, logLevel: 'silent' });
    server.use(http.get('*', () => HttpResponse.error()));
    const result = await h.backfill.run(h.backfill.plan(60));
    expect(result.stopped).toBe('offline');
    expect(result.outcomes.length).toBeLessThan(10);
  });
});
