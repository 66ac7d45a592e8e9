import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createNasdaqTraderClient } from '../../src/providers/nasdaq-trader/client';
import { fakeClock } from '../../src/shared/clock';
import { ParseError } from '../../src/shared/errors';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { useMsw } from '../support/msw';
import { rejection } from '../support/errors';

const BASE = 'https://www.nasdaqtrader.com';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/nasdaq-trader/${name}`, import.meta.url), 'utf8');
const server = useMsw();

function client() {
  const clock = fakeClock('2021-01-28T12:00:00Z');
  return { clock, nasdaq: createNasdaqTraderClient({ config: testConfig(), clock, logger: testLogger() }) };
}

function files(texts: Record<string, string>) {
  return http.get(`${BASE}/dynamic/SymDir/:file`, ({ params }) => {
    const text = texts[String(params.file)];
    return text === undefined
      ? new HttpResponse('Not Found', { status: 404 })
      : new HttpResponse(text, { headers: { 'content-type': 'text/plain' } });
  });
}

describe('nasdaq trader directory', () => {
  it('merges both files into one universe with the trailer date and a checksum of the downloads', async () => {
    server.use(
      files({ 'nasdaqlisted.txt': fixture('nasdaqlisted.txt'), 'otherlisted.txt': fixture('otherlisted.txt') }),
    );
    const { nasdaq } = client();
    const dir = await nasdaq.directory();
    expect(dir.asOf).toBe('2021-01-27');
    expect(dir.records).toHaveLength(18);
    expect(dir.records.filter((r) => r.exchange === 'NASDAQ')).toHaveLength(8);
    expect(dir.records.find((r) => r.symbol === 'BF/B')).toMatchObject({
      exchange: 'NYSE',
      type: 'common',
      asOf: '2021-01-27',
    });
    expect(dir.checksum).toMatch(/^[0-9a-f]{64}$/);

    expect((await nasdaq.directory()).checksum).toBe(dir.checksum);
    server.use(
      files({
        'nasdaqlisted.txt': fixture('nasdaqlisted.txt'),
        'otherlisted.txt': fixture('otherlisted.txt').replace('GME|', 'GMEX|'),
      }),
    );
    expect((await nasdaq.directory()).checksum).not.toBe(dir.checksum);
  });

  it('reports a download cut short (no trailer) as a malformed ProviderError caused by a ParseError', async () => {
    const cut = fixture('otherlisted.txt').split('\n').slice(0, 4).join('\n');
    server.use(files({ 'nasdaqlisted.txt': fixture('nasdaqlisted.txt'), 'otherlisted.txt': cut }));
    const err = await rejection(client().nasdaq.directory());
    expect(err.kind).toBe('malformed');
    expect(err.cause).toBeInstanceOf(ParseError);
    expect(err.message).toMatch(/otherlisted\.txt.*truncated file/);
  });

  it('retries a 503 after its Retry-After', async () => {
    const { clock, nasdaq } = client();
    const times: number[] = [];
    server.use(
      http.get(`${BASE}/dynamic/SymDir/:file`, ({ params }) => {
        if (params.file === 'nasdaqlisted.txt') {
          times.push(clock.now().getTime());
          if (times.length === 1) return new HttpResponse('busy', { status: 503, headers: { 'retry-after': '2' } });
        }
        return new HttpResponse(fixture(String(params.file)));
      }),
    );
    expect((await nasdaq.directory()).records).toHaveLength(18);
    expect(times[1]! - times[0]!).toBe(2_000);
  });
});

describe('nasdaq trader ping', () => {
  it('asks for the first bytes only and checks they are the directory header', async () => {
    const ranges: (string | null)[] = [];
    server.use(
      http.get(`${BASE}/dynamic/SymDir/:file`, ({ request }) => {
        ranges.push(request.headers.get('range'));
        return new HttpResponse(fixture('nasdaqlisted.txt').slice(0, 256), { status: 206 });
      }),
    );
    await expect(client().nasdaq.ping()).resolves.toBeUndefined();
    expect(ranges).toEqual(['bytes=0-255']);
  });

  it('fails when the server answers something else than the directory', async () => {
    server.use(http.get(`${BASE}/dynamic/SymDir/:file`, () => new HttpResponse('<html>Access Denied</html>')));
    const err = await rejection(client().nasdaq.ping());
    expect(err.kind).toBe('malformed');
  });
});
