import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createFinraFilesClient } from '../../src/providers/finra/files.client';
import { fakeClock } from '../../src/shared/clock';
import { ProviderError } from '../../src/shared/errors';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { useMsw } from '../support/msw';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/finra');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');
const BASE = 'https://cdn.finra.org/equity/regsho/daily';

const server = useMsw();

function client() {
  return createFinraFilesClient({
    config: testConfig(),
    clock: fakeClock('2024-06-17T23:00:00Z'),
    logger: testLogger(),
  });
}

function serve(name: string, respond: () => Response) {
  const hits: string[] = [];
  server.use(
    http.get(`${BASE}/${name}`, ({ request }) => {
      hits.push(request.url);
      return respond();
    }),
  );
  return hits;
}

describe('FINRA daily short-volume files', () => {
  it('downloads a consolidated file and parses every row, with its checksum', async () => {
    const body = fixture('CNMSshvol20240614.txt');
    const hits = serve(
      'CNMSshvol20240614.txt',
      () => new HttpResponse(body, { headers: { 'content-type': 'text/plain' } }),
    );
    const got = await client().fetchShortVolume('CNMS', '2024-06-14');
    expect(hits).toHaveLength(1);
    expect(got.status).toBe('ok');
    if (got.status !== 'ok') return;
    expect(got.url).toBe(`${BASE}/CNMSshvol20240614.txt`);
    expect(got.rows).toBe(3);
    expect(got.checksum).toBe(createHash('sha256').update(body).digest('hex'));
    expect(got.records.map((r) => r.symbol)).toEqual(['AAPL', 'BF/B', 'GME']);
    const gme = got.records[2]!;
    expect(gme).toMatchObject({
      facility: 'CNMS',
      date: '2024-06-14',
      shortVolume: 482143.150276,
      shortExemptVolume: 1200.5,
      totalVolume: 1100000.25,
      markets: 'B,Q,N',
    });
  });

  it('builds the URL from the facility prefix', async () => {
    const hits = serve(
      'FNYXshvol20240614.txt',
      () =>
        new HttpResponse(
          'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market\r\n20240614|AAPL|10|0|20|N\r\n1\r\n',
        ),
    );
    const got = await client().fetchShortVolume('FNYX', '2024-06-14');
    expect(hits).toEqual([`${BASE}/FNYXshvol20240614.txt`]);
    expect(got.status === 'ok' && got.records[0]!.facility).toBe('FNYX');
  });

  it('reports a 403 (no file for a non-trading day) as missing, not as an error', async () => {
    serve(
      'CNMSshvol20240615.txt',
      () => new HttpResponse('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>', { status: 403 }),
    );
    const got = await client().fetchShortVolume('CNMS', '2024-06-15');
    expect(got).toMatchObject({ status: 'missing', httpStatus: 403, url: `${BASE}/CNMSshvol20240615.txt` });
  });

  it('reports the old host’s 404 HTML page as missing', async () => {
    serve(
      'CNMSshvol20240615.txt',
      () => new HttpResponse(fixture('not-found.html'), { status: 404, headers: { 'content-type': 'text/html' } }),
    );
    const got = await client().fetchShortVolume('CNMS', '2024-06-15');
    expect(got).toMatchObject({ status: 'missing', httpStatus: 404 });
  });

  it('reports an HTML page served with 200 as missing instead of parsing it', async () => {
    serve(
      'CNMSshvol20240615.txt',
      () => new HttpResponse(fixture('not-found.html'), { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    const got = await client().fetchShortVolume('CNMS', '2024-06-15');
    expect(got.status).toBe('missing');
    expect(got.status === 'missing' && got.reason).toMatch(/HTML/);
  });

  it('retries a 503 and returns the file from the second answer', async () => {
    let calls = 0;
    serve('CNMSshvol20240614.txt', () => {
      calls += 1;
      return calls === 1
        ? new HttpResponse('busy', { status: 503 })
        : new HttpResponse(fixture('CNMSshvol20240614.txt'));
    });
    const c = client();
    const got = await c.fetchShortVolume('CNMS', '2024-06-14');
    expect(calls).toBe(2);
    expect(c.http.stats.calls).toBe(2);
    expect(got.status === 'ok' && got.rows).toBe(3);
  });

  it('rejects a file whose trailer disagrees with its rows as malformed, naming the line', async () => {
    serve('CNMSshvol20240614.txt', () => new HttpResponse(fixture('CNMSshvol20240614-bad-trailer.txt')));
    const err = await client()
      .fetchShortVolume('CNMS', '2024-06-14')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('malformed');
    expect((err as ProviderError).message).toBe('CNMSshvol20240614.txt:4: trailer says 5 rows, the file has 2');
  });

  it('rejects a non-numeric volume as malformed with the line number', async () => {
    serve(
      'CNMSshvol20240614.txt',
      () =>
        new HttpResponse(
          'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market\r\n20240614|AAPL|10|0|20|B\r\n20240614|GME|n/a|0|20|B\r\n2\r\n',
        ),
    );
    const err = (await client()
      .fetchShortVolume('CNMS', '2024-06-14')
      .catch((e: unknown) => e)) as ProviderError;
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/^CNMSshvol20240614\.txt:3: ShortVolume is not a number/);
  });

  it('pings with the tiny ADF file of the last trading day', async () => {
    // clock: Monday 2024-06-17 → the previous trading day is Friday 2024-06-14
    const hits = serve(
      'FNRAshvol20240614.txt',
      () => new HttpResponse('Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market\r\n0\r\n'),
    );
    await client().ping();
    expect(hits).toHaveLength(1);
  });

  it('fails a ping when the host keeps failing', async () => {
    serve('FNRAshvol20240614.txt', () => new HttpResponse('down', { status: 500 }));
    await expect(client().ping()).rejects.toMatchObject({ kind: 'http', status: 500 });
  });
});
