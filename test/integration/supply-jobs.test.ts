import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { buildJobTable } from '../../src/scheduler/job-specs';
import type { JobContext } from '../../src/scheduler/job-types';
import { HOSTS, nsAt, polygonTickPage } from '../fixtures/collectors/payloads';
import { ingestHarness } from '../support/ingest-harness';
import { testLogger } from '../support/logger';
import { useMsw } from '../support/msw';
import { fakeServices } from '../support/scheduler-harness';

// The scheduled jobs of issue 12 over the real ingest service: lit trades of the short list after the close
// (Polygon, keyed), the threshold lists and the options snapshot (keyless).

const DAY = '2021-01-27';
const json = (text: string) => new HttpResponse(text, { headers: { 'content-type': 'application/json' } });
const requests: string[] = [];
const server = useMsw(
  http.get(`${HOSTS.polygon}/v3/trades/:ticker`, () =>
    json(
      polygonTickPage([
        {
          conditions: [],
          exchange: 4,
          id: '1',
          price: 10,
          sequence_number: 1,
          sip_timestamp: nsAt(DAY, '09:30:01'),
          size: 100,
          tape: 1,
        },
        {
          conditions: [],
          exchange: 4,
          id: '2',
          price: 10.5,
          sequence_number: 2,
          sip_timestamp: nsAt(DAY, '09:30:02'),
          size: 50,
          tape: 1,
        },
      ]),
    ),
  ),
  http.get(`${HOSTS.polygon}/v3/quotes/:ticker`, () => json(polygonTickPage([]))),
);
server.events.on('request:start', ({ request }) => void requests.push(new URL(request.url).pathname));

function jobsOver(h: ReturnType<typeof ingestHarness>) {
  const services = fakeServices(h.config, h.clock, []);
  return buildJobTable({ ...services, ingest: h.ingest });
}

const ctx = (h: ReturnType<typeof ingestHarness>, forDate: string): JobContext => ({
  now: h.clock.now(),
  forDate,
  trigger: 'schedule',
  signal: new AbortController().signal,
  log: testLogger(),
});

describe('issue-12 jobs', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requests.length = 0;
  });

  it('lists the threshold, options and lit-trades jobs with their schedules from config', () => {
    h = ingestHarness({ now: '2021-01-27T22:00:00Z' });
    const jobs = new Map(jobsOver(h).map((j) => [j.name, j]));
    expect(jobs.get('threshold_lists')).toMatchObject({ enabled: true, catchUp: true });
    expect(jobs.get('options_snapshot')).toMatchObject({ enabled: true });
    expect(jobs.get('options_intraday')).toMatchObject({
      enabled: false,
      disabledReason: 'scheduling.options_intraday.enabled is false',
    });
    expect(jobs.get('lit_trades')).toMatchObject({ enabled: true, after: ['daily_bars'] });
  });

  it('runs lit trades for the short list with POLYGON_API_KEY', async () => {
    h = ingestHarness({ now: '2021-01-28T00:30:00Z', secrets: { POLYGON_API_KEY: 'pk' } });
    h.db.$client
      .prepare(
        "INSERT INTO daily_bars (symbol, date, close, volume, source, published_on) VALUES ('GME', ?, 10, 1e6, 'yahoo', ?)",
      )
      .run(DAY, DAY);
    const job = jobsOver(h).find((j) => j.name === 'lit_trades')!;
    const outcome = await job.run(ctx(h, DAY));
    expect(outcome).toMatchObject({ status: 'ok', stats: { rows: 1 } });
    expect(requests).toEqual(['/v3/trades/GME', '/v3/quotes/GME']);
    expect(h.count("SELECT buy_volume FROM trades_daily WHERE symbol = 'GME'")).toBe(50);
  });

  it('skips lit trades without a key, saying so, and asks nothing', async () => {
    h = ingestHarness({ now: '2021-01-28T00:30:00Z' });
    const job = jobsOver(h).find((j) => j.name === 'lit_trades')!;
    const outcome = await job.run(ctx(h, DAY));
    expect(outcome.status).toBe('skipped');
    expect(outcome.note).toMatch(/needs POLYGON_API_KEY/);
    expect(requests).toEqual([]);
  });
});
