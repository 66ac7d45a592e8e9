import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { useMsw } from '../support/msw';
import { finraShortVolumeText, ingestHarness } from '../support/ingest-harness';

const FILES = 'https://cdn.finra.org/equity/regsho/daily/:name';
const requested: string[] = [];

const server = useMsw(
  http.get(FILES, ({ params }) => {
    const name = String(params.name);
    requested.push(name);
    const m = /^CNMSshvol(\d{4})(\d{2})(\d{2})\.txt$/.exec(name);
    if (!m) return new HttpResponse('Forbidden', { status: 403 });
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    return HttpResponse.text(
      finraShortVolumeText(date, [
        ['AMC', 4142861, 105213, 7997844, 'B,Q,N'],
        ['GME', 482143.150276, 1200, 1295391, 'B,Q,N'],
      ]),
    );
  }),
);

describe('short-volume collector', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requested.length = 0;
  });

  it('stores a whole trading day from one consolidated file, fractional shares kept', async () => {
    h = ingestHarness({ now: '2021-01-28T12:00:00Z' });
    const out = await h.ingest.run('shortvol', { from: '2021-01-27', to: '2021-01-27' });
    expect(out.map((o) => o.status)).toEqual(['ok']);
    expect(requested).toEqual(['CNMSshvol20210127.txt']);
    expect(h.count("SELECT count(*) FROM short_volume WHERE date = '2021-01-27' AND facility = 'CNMS'")).toBe(2);
    expect(h.count("SELECT short_volume FROM short_volume WHERE symbol = 'GME'")).toBeCloseTo(482143.150276, 6);
    expect(
      h.count(
        "SELECT count(*) FROM dataset_status WHERE dataset = 'shortvol' AND status = 'ok' AND checksum IS NOT NULL",
      ),
    ).toBe(1);
  });

  it('skips a holiday and a weekend with a note instead of fetching', async () => {
    h = ingestHarness({ now: '2021-01-28T12:00:00Z' });
    const holiday = await h.ingest.run('shortvol', { from: '2021-01-18', to: '2021-01-18' });
    expect(holiday[0]).toMatchObject({ status: 'skipped' });
    expect(holiday[0]!.note).toMatch(/holiday/i);
    const weekend = await h.ingest.run('shortvol', { from: '2021-01-23', to: '2021-01-23' });
    expect(weekend[0]!.note).toMatch(/weekend/);
    expect(requested).toEqual([]);
  });

  it('backfills a range of trading days only, and a re-run changes nothing', async () => {
    h = ingestHarness({ now: '2021-02-01T12:00:00Z' });
    await h.ingest.run('shortvol', { from: '2021-01-22', to: '2021-01-27' });
    expect(requested).toEqual([
      'CNMSshvol20210122.txt',
      'CNMSshvol20210125.txt',
      'CNMSshvol20210126.txt',
      'CNMSshvol20210127.txt',
    ]);
    const dump = () => h.db.$client.prepare('SELECT * FROM short_volume ORDER BY symbol, date').all();
    const first = dump();
    await h.ingest.run('shortvol', { from: '2021-01-22', to: '2021-01-27' });
    expect(dump()).toEqual(first);
    expect(first).toHaveLength(8);
  });

  it('reports a file FINRA has not posted as missing, not as a failure', async () => {
    server.use(http.get(FILES, () => new HttpResponse('<html>Forbidden</html>', { status: 403 })));
    h = ingestHarness({ now: '2021-01-28T12:00:00Z' });
    const out = await h.ingest.run('shortvol', { from: '2021-01-27', to: '2021-01-27' });
    expect(out[0]).toMatchObject({ status: 'missing', rows: 0 });
  });

  it('survives an outage: the day fails with a reason, nothing half-written, the process goes on', async () => {
    server.use(http.get(FILES, () => new HttpResponse('upstream down', { status: 503 })));
    h = ingestHarness({ now: '2021-01-28T12:00:00Z' });
    const out = await h.ingest.run('shortvol', { from: '2021-01-26', to: '2021-01-27' });
    expect(out.map((o) => o.status)).toEqual(['failed', 'failed']);
    expect(out[0]!.note).toMatch(/503/);
    expect(h.count('SELECT count(*) FROM short_volume')).toBe(0);
    expect(h.count("SELECT failures FROM provider_health WHERE provider = 'finra_files'")).toBeGreaterThan(0);
  });

  it('rejects a file whose trailer does not match, writing nothing from it', async () => {
    server.use(
      http.get(FILES, () =>
        HttpResponse.text(
          finraShortVolumeText('2021-01-27', [['GME', 1, 0, 2, 'Q']]).replace('\r\n1\r\n', '\r\n5\r\n'),
        ),
      ),
    );
    h = ingestHarness({ now: '2021-01-28T12:00:00Z' });
    const out = await h.ingest.run('shortvol', { from: '2021-01-27', to: '2021-01-27' });
    expect(out[0]!.status).toBe('failed');
    expect(out[0]!.note).toMatch(/trailer says 5 rows, the file has 1/);
    expect(h.count('SELECT count(*) FROM short_volume')).toBe(0);
    const logged = h.logger.lines.find((l) => l.msg === 'ingest failed');
    expect(logged).toMatchObject({ kind: 'malformed', dataset: 'shortvol' });
    expect(String(logged!.excerpt)).toContain('Date|Symbol|ShortVolume');
  });
});
