import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient, parseRetryAfter, type HttpClientOptions } from '../../src/providers/http';
import type { CircuitState } from '../../src/domain/provider-calls';
import { fakeClock } from '../../src/shared/clock';
import { ProviderError } from '../../src/shared/errors';
import { rejection } from '../support/errors';
import { useMsw } from '../support/msw';
import { testLogger } from '../support/logger';

const BASE = 'https://api.example.test';
const server = useMsw();

function setup(over: Partial<HttpClientOptions> = {}) {
  const clock = fakeClock('2024-03-04T15:00:00.000Z');
  const sleeps: number[] = [];
  const recordingClock = {
    now: () => clock.now(),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      await clock.sleep(ms);
    },
  };
  const circuit: { state: CircuitState; at: number }[] = [];
  const client = createHttpClient({
    provider: 'testprov',
    baseUrl: BASE,
    timeoutMs: 5_000,
    callsPerMinute: 60_000,
    retry: { maxRetries: 3, backoffFactor: 2, baseDelayMs: 1, maxDelayMs: 5 },
    circuit: { failures: 5, windowMs: 60_000, openMs: 300_000 },
    clock: recordingClock,
    logger: testLogger(),
    health: { call: () => {}, circuit: (_p, state, at) => void circuit.push({ state, at: at.getTime() }) },
    ...over,
  });
  return { client, clock, sleeps, circuit };
}

/** A handler that answers from a list (the last answer repeats) and notes the fake time of each call. */
function scripted(
  path: string,
  answers: (() => Response | Promise<Response>)[],
  times: number[],
  clock: { now(): Date },
) {
  let i = 0;
  return http.get(`${BASE}${path}`, () => {
    times.push(clock.now().getTime());
    const answer = answers[Math.min(i++, answers.length - 1)]!;
    return answer();
  });
}

const ok = () => HttpResponse.json({ ok: true });
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    new HttpResponse('nope', { status: code, headers });

describe('retries', () => {
  it('retries a 503 max_retries times, then throws a typed http error with the status', async () => {
    const { client, clock } = setup();
    const times: number[] = [];
    server.use(scripted('/x', [status(503)], times, clock));
    const err = await rejection(client.request('x'));
    expect(err.kind).toBe('http');
    expect(err.status).toBe(503);
    expect(times).toHaveLength(4);
    expect(client.stats).toEqual({ calls: 4, failures: 4 });
  });

  it('does not retry a 404', async () => {
    const { client, clock } = setup();
    const times: number[] = [];
    server.use(scripted('/x', [status(404)], times, clock));
    const err = await rejection(client.request('x'));
    expect(err.kind).toBe('not_found');
    expect(times).toHaveLength(1);
  });

  it('returns a status the caller accepts instead of throwing', async () => {
    const { client, clock } = setup();
    server.use(scripted('/x', [status(403)], [], clock));
    const response = await client.request('x', { acceptStatus: [403] });
    expect(response.status).toBe(403);
  });

  it('honours Retry-After given in seconds on a 429', async () => {
    const { client, clock } = setup();
    const times: number[] = [];
    server.use(scripted('/x', [status(429, { 'retry-after': '7' }), ok], times, clock));
    const res = await client.request('x');
    expect(res.status).toBe(200);
    expect(times[1]! - times[0]!).toBe(7_000);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const { client, clock } = setup();
    const times: number[] = [];
    const at = new Date(clock.now().getTime() + 12_000).toUTCString();
    server.use(scripted('/x', [status(503, { 'retry-after': at }), ok], times, clock));
    await client.request('x');
    expect(times[1]! - times[0]!).toBe(12_000);
  });

  it('fails at once as rate_limited when Retry-After is longer than it will wait', async () => {
    const { client, clock } = setup({
      retry: { maxRetries: 3, backoffFactor: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 60_000 },
    });
    const times: number[] = [];
    server.use(scripted('/x', [status(429, { 'retry-after': '3600' })], times, clock));
    const err = await rejection(client.request('x'));
    expect(err.kind).toBe('rate_limited');
    expect(times).toHaveLength(1);
  });

  it('backs off exponentially with jitter kept between half the step and the step, capped at max_delay', async () => {
    const retry = { maxRetries: 5, backoffFactor: 2, baseDelayMs: 100, maxDelayMs: 1_000 };
    const low = setup({ retry, random: () => 0 });
    server.use(scripted('/x', [status(500)], [], low.clock));
    await rejection(low.client.request('x'));
    expect(low.sleeps).toEqual([50, 100, 200, 400, 500]);

    const high = setup({ retry, random: () => 0.999_999 });
    server.use(scripted('/x', [status(500)], [], high.clock));
    await rejection(high.client.request('x'));
    expect(high.sleeps).toEqual([100, 200, 400, 800, 1_000]);

    const mid = setup({ retry, random: () => 0.5 });
    server.use(scripted('/x', [status(500)], [], mid.clock));
    await rejection(mid.client.request('x'));
    const ceilings = [100, 200, 400, 800, 1_000];
    mid.sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(ms).toBeLessThanOrEqual(ceilings[i]!);
    });
  });

  it('reports a timeout as kind timeout', async () => {
    const { client } = setup({
      timeoutMs: 100,
      retry: { maxRetries: 0, backoffFactor: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
    server.use(
      http.get(`${BASE}/slow`, async () => {
        await delay(1_000);
        return ok();
      }),
    );
    const err = await rejection(client.request('slow'));
    expect(err.kind).toBe('timeout');
  });

  it('turns a body that is not JSON, or not the expected shape, into a malformed error with an excerpt', async () => {
    const { client, clock } = setup();
    server.use(scripted('/html', [() => new HttpResponse('<html>maintenance</html>', { status: 200 })], [], clock));
    server.use(scripted('/shape', [() => HttpResponse.json({ results: 'none' })], [], clock));
    const notJson = await rejection(client.json('html', z.object({ results: z.array(z.number()) })));
    expect(notJson.kind).toBe('malformed');
    expect(notJson.excerpt).toContain('maintenance');
    const wrong = await rejection(client.json('shape', z.object({ results: z.array(z.number()) })));
    expect(wrong.kind).toBe('malformed');
    expect(wrong.message).toContain('results');
  });
});

describe('circuit breaker', () => {
  const noRetry = { maxRetries: 0, backoffFactor: 2, baseDelayMs: 1, maxDelayMs: 5 };

  it('opens after 5 failures within 60 s and then refuses calls without touching the network', async () => {
    const { client, clock, circuit } = setup({ retry: noRetry });
    const times: number[] = [];
    server.use(scripted('/x', [status(502)], times, clock));
    for (let i = 0; i < 5; i++) {
      await rejection(client.request('x'));
      clock.advance(10_000);
    }
    expect(client.circuitState()).toBe('open');
    expect(circuit.map((c) => c.state)).toEqual(['open']);
    const err = await rejection(client.request('x'));
    expect(err.kind).toBe('circuit_open');
    expect(times).toHaveLength(5);
  });

  it('stays closed when the failures are spread over more than 60 s', async () => {
    const { client, clock } = setup({ retry: noRetry });
    server.use(scripted('/x', [status(502)], [], clock));
    for (let i = 0; i < 5; i++) {
      await rejection(client.request('x'));
      clock.advance(15_001);
    }
    expect(client.circuitState()).toBe('closed');
  });

  it('after 5 minutes lets exactly one probe through, and its success closes the circuit', async () => {
    const { client, clock, circuit } = setup({ retry: noRetry });
    const times: number[] = [];
    server.use(scripted('/x', [status(502), status(502), status(502), status(502), status(502), ok], times, clock));
    for (let i = 0; i < 5; i++) await rejection(client.request('x'));
    const openedAt = clock.now().getTime();

    clock.advance(299_999);
    expect((await rejection(client.request('x'))).kind).toBe('circuit_open');

    clock.advance(1);
    const [first, second] = await Promise.allSettled([client.request('x'), client.request('x')]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect(((second as PromiseRejectedResult).reason as ProviderError).kind).toBe('circuit_open');
    expect(times).toHaveLength(6);
    expect(client.circuitState()).toBe('closed');
    expect(circuit).toEqual([
      { state: 'open', at: openedAt },
      { state: 'half_open', at: openedAt + 300_000 },
      { state: 'closed', at: openedAt + 300_000 },
    ]);
    expect((await client.request('x')).status).toBe(200);
  });

  it('reopens for another 5 minutes when the probe fails', async () => {
    const { client, clock } = setup({ retry: noRetry });
    const times: number[] = [];
    server.use(scripted('/x', [status(502)], times, clock));
    for (let i = 0; i < 5; i++) await rejection(client.request('x'));
    clock.advance(300_000);
    expect((await rejection(client.request('x'))).kind).toBe('http');
    expect(client.circuitState()).toBe('open');
    clock.advance(299_000);
    expect((await rejection(client.request('x'))).kind).toBe('circuit_open');
    expect(times).toHaveLength(6);
  });

  it('closes on a probe the server answers with a client error (the provider is up again)', async () => {
    const { client, clock } = setup({ retry: noRetry });
    server.use(
      scripted('/x', [status(502), status(502), status(502), status(502), status(502), status(404), ok], [], clock),
    );
    for (let i = 0; i < 5; i++) await rejection(client.request('x'));
    clock.advance(300_000);
    expect((await rejection(client.request('x'))).kind).toBe('not_found');
    expect(client.circuitState()).toBe('closed');
    expect((await client.request('x')).status).toBe(200);
  });
});

describe('rate limiter', () => {
  it('spaces calls to the configured rate once the burst allowance is spent', async () => {
    // 6 a minute: a burst of one (ten seconds' worth), then one every 10 s
    const { client, clock } = setup({ callsPerMinute: 6 });
    const times: number[] = [];
    server.use(scripted('/x', [ok], times, clock));
    const t0 = clock.now().getTime();
    for (let i = 0; i < 4; i++) await client.request('x');
    expect(times.map((t) => t - t0)).toEqual([0, 10_000, 20_000, 30_000]);
  });

  it('lets a burst of ten seconds’ worth through at once', async () => {
    const { client, clock } = setup({ callsPerMinute: 60 });
    const times: number[] = [];
    server.use(scripted('/x', [ok], times, clock));
    const t0 = clock.now().getTime();
    // one after the other: a fake clock's sleep moves time for every caller, so concurrent calls
    // would see each other's waits
    for (let i = 0; i < 12; i++) await client.request('x');
    expect(times.map((t) => t - t0)).toEqual([...Array<number>(10).fill(0), 1_000, 2_000]);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2024-03-04T15:00:00Z');
  it.each([
    ['7', 7_000],
    ['0', 0],
    ['Mon, 04 Mar 2024 15:00:30 GMT', 30_000],
    ['Mon, 04 Mar 2024 14:00:00 GMT', 0],
    ['soon', null],
    [null, null],
  ])('reads %s as %s ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
