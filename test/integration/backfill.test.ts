import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBudget, type BackfillProgress } from '../../src/ingest/backfill.service';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { backfillHandlers, FRIDAY_EVENING } from '../fixtures/backfill/market';

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
    expect(plan.counts).toEqual({ shortvol: 5, shortinterest: 2, screener: 3, directory: 2, fmp: 0 });
    expect(formatBudget(plan)).toBe(
      'backfill: 5 FINRA short-volume files, 2 short-interest files, 3 screener requests, 2 directory files — 12 requests',
    );
    const progress: BackfillProgress[] = [];
    const result = await h.backfill.run(plan, { onProgress: (p) => progress.push(p) });
    expect(result.stopped).toBeNull();
    expect(result.requests).toBe(12);
    expect(requests).toHaveLength(12);
    expect(requests.filter((r) => r.includes('CNMSshvol'))).toHaveLength(5);
    expect(requests.filter((r) => r.includes('/shrt'))).toEqual([
      'cdn.finra.org/equity/otcmarket/biweekly/shrt20210115.csv',
      'cdn.finra.org/equity/otcmarket/biweekly/shrt20201231.csv',
    ]);
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(progress.at(-1)).toMatchObject({ done: 12, total: 12 });
    expect(h.count('SELECT count(DISTINCT date) FROM short_volume')).toBe(5);
    expect(h.count("SELECT count(DISTINCT settlement_date) FROM short_interest WHERE source = 'finra'")).toBe(2);
    expect(h.count('SELECT count(*) FROM daily_bars WHERE date = ?', '2021-01-29')).toBeGreaterThan(0);
    expect(h.backfill.needed()).toBe(false);
  });

  it('defaults to app.backfill_sessions (60)', () => {
    h = ingestHarness({ now: FRIDAY_EVENING, logLevel: 'silent' });
    const plan = h.backfill.plan();
    expect(plan.sessions.count).toBe(60);
    expect(plan.total).toBe(60 + 2 + 3 + 2);
  });

  it('after a run stopped halfway, the second fetches only the rest', async () => {
    h = ingestHarness({ now: FRIDAY_EVENING, logLevel: 'silent' });
    const controller = new AbortController();
    // the universe (5 requests) and both settlements, then 3 of the 10 FINRA files
    const first = await h.backfill.run(h.backfill.plan(10), {
      signal: controller.signal,
      onProgress: (p) => p.done >= 10 && controller.abort(),
    });
    expect(first).toMatchObject({ stopped: 'aborted', requests: 10 });
    const firstRequests = [...requests];
    expect(firstRequests).toHaveLength(10);
    requests.length = 0;

    const rest = h.backfill.plan(10);
    expect(rest.counts).toEqual({ shortvol: 7, shortinterest: 0, screener: 0, directory: 0, fmp: 0 });
    expect(formatBudget(rest)).toBe('backfill: 7 FINRA short-volume files, 0 short-interest files — 7 requests');
    const second = await h.backfill.run(rest);
    expect(second).toMatchObject({ stopped: null, requests: 7 });
    expect(requests).toHaveLength(7);
    // nothing fetched twice
    expect(new Set([...firstRequests, ...requests]).size).toBe(17);
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
