import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';

// The SEC's fails-to-deliver zips answered by msw: each built here with fflate around our own fixture
// text (test/fixtures/sec, written from FORMATS-keyless.md §3), one .txt inside as the SEC ships it.

const own = readFileSync(new URL('../fixtures/sec/cnsfails202402a.txt', import.meta.url), 'utf8');
const zipOf = (entries: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([n, t]) => [n, strToU8(t)])));
const requested: { file: string; agent: string | null }[] = [];
let bodies: Record<string, Uint8Array | number> = {};

useMsw(
  http.get('https://www.sec.gov/files/data/fails-deliver-data/:file', ({ params, request }) => {
    const file = String(params.file);
    requested.push({ file, agent: request.headers.get('user-agent') });
    const b = bodies[file] ?? 404;
    return typeof b === 'number'
      ? new HttpResponse('<html><body>Not Found</body></html>', { status: b, headers: { 'content-type': 'text/html' } })
      : new HttpResponse(b, { headers: { 'content-type': 'application/zip' } });
  }),
);

// Wednesday 2024-03-20 08:00 ET: 202402b (ends Feb 29, + 14 days = Mar 14) is due, and 202402a before it
const NOW = '2024-03-20T12:00:00Z';

describe('fails-to-deliver collector (SEC half-month zips)', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requested.length = 0;
    bodies = {};
  });

  it('stores a published file on its fetch day, takes a 404 as not published yet, and asks only for what is missing', async () => {
    bodies = { 'cnsfails202402a.zip': zipOf({ 'cnsfails202402a.txt': own }) };
    h = ingestHarness({ now: NOW });
    const out = await h.ingest.failsToDeliver();
    // figure: requests per run — 2 on the first (both half months due), 1 while one is missing, 0 after
    expect(requested.map((r) => r.file)).toEqual(['cnsfails202402a.zip', 'cnsfails202402b.zip']);
    expect(requested[0]!.agent).toMatch(/squeezebot.*@/);
    expect(out.map((o) => [o.origin, o.status, o.rows, o.date])).toEqual([
      ['cnsfails202402a', 'ok', 6, '2024-02-14'],
      ['cnsfails202402b', 'missing', 0, '2024-02-29'],
    ]);
    expect(out[1]!.note).toMatch(/not published yet \(HTTP 404\)/);
    expect(h.count('SELECT count(*) FROM fails_to_deliver')).toBe(6);
    expect(h.count('SELECT DISTINCT published_on FROM fails_to_deliver')).toBe('2024-03-20');
    expect(h.count("SELECT price FROM fails_to_deliver WHERE settlement_date = '2024-02-05'")).toBeNull();

    requested.length = 0;
    await h.ingest.failsToDeliver();
    expect(requested.map((r) => r.file)).toEqual(['cnsfails202402b.zip']);

    bodies['cnsfails202402b.zip'] = zipOf({
      'cnsfails202402b.txt': `SETTLEMENT DATE|CUSIP|SYMBOL|QUANTITY (FAILS)|DESCRIPTION|PRICE\n20240215|12345A109|SQZB|9000|SQUEEZEBOT TEST CORP|12.00\nTrailer record count 1\nTrailer total quantity of shares 9000\n`,
    });
    requested.length = 0;
    expect((await h.ingest.failsToDeliver()).map((o) => o.status)).toEqual(['ok']);
    requested.length = 0;
    expect(await h.ingest.failsToDeliver()).toEqual([]);
    expect(requested).toEqual([]);
  });

  it('rejects a malformed file whole (nothing stored), and a body that is not a zip', async () => {
    const bad = own.replace('Trailer record count 6', 'Trailer record count 7');
    bodies = {
      'cnsfails202402a.zip': zipOf({ 'cnsfails202402a.txt': bad }),
      'cnsfails202402b.zip': strToU8('<html>Request Rate Threshold Exceeded</html>'),
    };
    h = ingestHarness({ now: NOW });
    const out = await h.ingest.failsToDeliver();
    expect(out.map((o) => o.status)).toEqual(['failed', 'failed']);
    expect(out[0]!.note).toMatch(/cnsfails202402a\.txt:8: trailer says 7 records, the file has 6/);
    expect(out[1]!.note).toMatch(/not a zip archive/);
    expect(h.count('SELECT count(*) FROM fails_to_deliver')).toBe(0);
    expect(h.count("SELECT count(*) FROM dataset_status WHERE dataset = 'fails' AND status = 'failed'")).toBe(2);
  });

  it('refuses an archive without exactly one .txt, or with another half month inside', async () => {
    bodies = {
      'cnsfails202402a.zip': zipOf({ 'a.txt': own, 'b.txt': own }),
      'cnsfails202402b.zip': zipOf({ 'cnsfails202402b.txt': own }),
    };
    h = ingestHarness({ now: NOW });
    const out = await h.ingest.failsToDeliver();
    expect(out[0]!.note).toMatch(/holds 2 \.txt files/);
    expect(out[1]!.note).toMatch(/rows of another half month than cnsfails202402b/);
  });

  it('`ingest fails` over a range asks for each half month once', async () => {
    bodies = { 'cnsfails202402a.zip': zipOf({ 'cnsfails202402a.txt': own }) };
    h = ingestHarness({ now: NOW });
    const out = await h.ingest.run('fails', { from: '2024-02-01', to: '2024-02-20' });
    expect(out.map((o) => [o.origin, o.status])).toEqual([
      ['cnsfails202402a', 'ok'],
      ['cnsfails202402b', 'missing'],
    ]);
  });
});
