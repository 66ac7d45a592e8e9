import { asOfDate } from '../../src/market/as-of';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProviderHealthRepo } from '../../src/db/repos/provider-health.repo';
import { md5Hex } from '../../src/providers/ibkr/client';
import { ingestHarness } from '../support/ingest-harness';
import { startFtpServer, type TestFtpServer } from '../support/ftp-server';
import { hasSharedData, SHARED_SKIP_MESSAGE, sharedPath } from '../support/shared-data';

// IBKR's stock-loan file through a real FTP server (ftp-srv) on 127.0.0.1, a real db with the real
// migrations. Files are constructed from FORMATS-keyless.md §2 (CRLF, trailing `|`, #EOF count); the real
// usa.txt of 2022-08-06 is served as well when ../shared is present (never copied into the project).

const HEADER = '#SYM|CUR|NAME|CON|ISIN|REBATERATE|FEERATE|AVAILABLE|';

function usaTxt(stamp: string, rows: string[], eof: string | null = String(rows.length)): string {
  const [d, t] = stamp.split(' ') as [string, string];
  const lines = [`#BOF|${d.replaceAll('-', '.')}|${t}`, HEADER, ...rows, ...(eof === null ? [] : [`#EOF|${eof}`])];
  return `${lines.join('\r\n')}\r\n`;
}

const GME = (fee: string, avail: string) =>
  `GME|USD|GAMESTOP CORP-CLASS A|36285627|XXXXXXXW1099|${(2.32 - Number(fee)).toFixed(4)}|${fee}|${avail}|`;
const AMC = 'AMC|USD|AMC ENTERTAINMENT HLDS-A|140070600|XXXXXXXX1099|1.2000|1.1200|>10000000|';
const BBBY = 'BBBY|USD|BED BATH &amp; BEYOND INC|4417|XXXXXXXX1099|-20.0000|22.3200|0|';
const ABR = 'ABR PRD|USD|ARBOR REALTY TRUST INC|494398845|XXXXXXX38769|-16.6667|18.9867|35000|';

describe('borrow collector (IBKR stock-loan file over FTP)', () => {
  let ftp: TestFtpServer;
  let h: ReturnType<typeof ingestHarness>;
  beforeEach(async () => {
    ftp = await startFtpServer();
  });
  afterEach(async () => {
    h?.cleanup();
    await ftp.close();
  });

  const harness = (now: string, patch: (c: ReturnType<typeof ingestHarness>['config']) => void = () => {}) =>
    ingestHarness({
      now,
      logLevel: 'silent',
      config: (c) => {
        c.providers.ibkr.base_url = ftp.url;
        patch(c);
      },
    });
  const symbolRows = () => h.count("SELECT count(*) FROM borrow_snapshots WHERE symbol <> '#FILE'");

  it('logs in as shortstock, checks the md5 over LF text, stores a first snapshot whole and then only changes', async () => {
    const first = usaTxt('2026-03-02 10:00:00', [GME('30.3849', '250000'), AMC, BBBY, ABR]);
    ftp.put('usa.txt', first);
    ftp.put('usa.txt.md5', `${md5Hex(first.replace(/\r\n/g, '\n'))}\n`);
    h = harness('2026-03-02T15:05:00Z');

    const one = await h.ingest.run('borrow', { from: '2026-03-02', to: '2026-03-02' });
    expect(one).toMatchObject([{ dataset: 'borrow', date: '2026-03-02', status: 'ok', rows: 4 }]);
    expect(one[0]!.note).toContain('md5 verified');
    expect(ftp.logins).toEqual(['shortstock:']);
    const abr = h.db.$client.prepare("SELECT * FROM borrow_snapshots WHERE symbol = 'ABRpD'").get();
    expect(abr).toMatchObject({ taken_at: '2026-03-02T15:00:00Z', fee_rate: 18.9867, published_on: '2026-03-02' });

    // the same file again: its stamp is held, nothing is written
    const again = await h.ingest.borrowSnapshot();
    expect(again).toMatchObject({ status: 'empty', rows: 0 });
    expect(symbolRows()).toBe(4);

    // 30 minutes later GME's fee jumps and its shares run out, BBBY leaves the file: two rows
    const second = usaTxt('2026-03-02 10:30:00', [GME('45.1000', '0'), AMC, ABR]);
    ftp.put('usa.txt', second);
    ftp.put('usa.txt.md5', md5Hex(second.replace(/\r\n/g, '\n')));
    h.clock.set(new Date('2026-03-02T15:35:00Z'));
    const changed = await h.ingest.borrowSnapshot();
    expect(changed).toMatchObject({ status: 'ok', rows: 2 });
    expect(changed.note).toContain('1 left the file');
    expect(h.repos.borrow.window('GME', '2026-02-20', '2026-03-02')).toMatchObject([
      { takenAt: '2026-03-02T15:00:00Z', feeRate: 30.3849, available: 250000 },
      { takenAt: '2026-03-02T15:30:00Z', feeRate: 45.1, available: 0 },
    ]);
    // AMC did not move: its figures are carried to the newest snapshot
    expect(h.repos.borrow.window('AMC', '2026-02-20', '2026-03-02').at(-1)).toMatchObject({
      takenAt: '2026-03-02T15:30:00Z',
      available: 10_000_000,
      availableCapped: true,
    });
    expect(h.repos.borrow.newest('BBBY', '2026-03-02', 1)[0]).toMatchObject({ feeRate: null, available: null });
    expect(h.repos.datasetStatus.newestDate('borrow', asOfDate('2026-03-02'))).toBe('2026-03-02');
    expect(
      createProviderHealthRepo(h.db)
        .all()
        .find((p) => p.provider === 'ibkr'),
    ).toMatchObject({
      circuitState: 'closed',
    });
  });

  it('a missing file is a failed attempt naming the host, recorded in provider health as an answer (55x)', async () => {
    h = harness('2026-03-02T15:05:00Z');
    const out = await h.ingest.borrowSnapshot();
    expect(out.status).toBe('failed');
    expect(out.note).toMatch(/ibkr: .*usa\.txt/);
    expect(h.repos.datasetStatus.lastAttempt('borrow')).toMatchObject({ status: 'failed' });
    const health = createProviderHealthRepo(h.db)
      .all()
      .find((p) => p.provider === 'ibkr');
    expect(health?.lastStatus).toMatch(/^55[01]$/);
    expect(health?.circuitState).toBe('closed');
  });

  it('a server that is down is a failed attempt, no answer (the circuit opens after repeated failures)', async () => {
    const url = ftp.url;
    await ftp.close();
    ftp = { ...ftp, close: async () => {} };
    h = ingestHarness({
      now: '2026-03-02T15:05:00Z',
      logLevel: 'silent',
      config: (c) => {
        c.providers.ibkr.base_url = url;
        c.performance.error_handling.circuit_breaker.failures = 2;
      },
    });
    const out = await h.ingest.borrowSnapshot();
    expect(out).toMatchObject({ status: 'failed', rows: 0 });
    expect(out.note).toMatch(/ECONNREFUSED/);
    await h.ingest.borrowSnapshot();
    const third = await h.ingest.borrowSnapshot();
    expect(third.note).toContain('circuit open');
    const health = createProviderHealthRepo(h.db)
      .all()
      .find((p) => p.provider === 'ibkr');
    expect(health).toMatchObject({ lastStatus: 'error', circuitState: 'open' });
  });

  it('a truncated download (no #EOF) or a count mismatch is refused whole: nothing stored', async () => {
    h = harness('2026-03-02T15:05:00Z', (c) => (c.providers.ibkr.verify_md5 = false));
    ftp.put('usa.txt', usaTxt('2026-03-02 10:00:00', [GME('30.3849', '250000'), AMC], null));
    const cut = await h.ingest.borrowSnapshot();
    expect(cut.status).toBe('failed');
    expect(cut.note).toContain('truncated (2 rows read)');
    ftp.put('usa.txt', usaTxt('2026-03-02 10:00:00', [GME('30.3849', '250000'), AMC], '3'));
    const short = await h.ingest.borrowSnapshot();
    expect(short.note).toContain('#EOF says 3 rows, the file holds 2');
    expect(h.count('SELECT count(*) FROM borrow_snapshots')).toBe(0);
  });

  it('a file that does not match its md5 (rewritten during the download) is refused', async () => {
    h = harness('2026-03-02T15:05:00Z');
    ftp.put('usa.txt', usaTxt('2026-03-02 10:00:00', [GME('30.3849', '250000')]));
    ftp.put('usa.txt.md5', '0123456789abcdef0123456789abcdef');
    const out = await h.ingest.borrowSnapshot();
    expect(out).toMatchObject({ status: 'failed' });
    expect(out.note).toContain('does not match usa.txt.md5');
  });

  it('`ingest borrow` for a past day says the file has no history', async () => {
    h = harness('2026-03-02T15:05:00Z');
    const out = await h.ingest.run('borrow', { from: '2026-02-20', to: '2026-02-20' });
    expect(out).toMatchObject([{ status: 'skipped' }]);
    expect(out[0]!.note).toContain('squeezebot import');
  });

  it.skipIf(!hasSharedData)(
    'the real usa.txt: 17,461 rows on a first snapshot, none on an identical second',
    async () => {
      if (!hasSharedData) console.warn(SHARED_SKIP_MESSAGE);
      const real = readFileSync(sharedPath('vriesdejelmer-tradingAppsIB/data/usa.txt'));
      ftp.put('usa.txt', real);
      h = harness('2022-08-07T03:00:00Z');
      const t0 = performance.now();
      const first = await h.ingest.borrowSnapshot();
      const firstMs = performance.now() - t0;
      expect(first).toMatchObject({ status: 'ok', rows: 17_461, date: '2022-08-06' });
      expect(first.note).toContain('md5 no companion file');
      const t1 = performance.now();
      const second = await h.ingest.borrowSnapshot();
      const secondMs = performance.now() - t1;
      expect(second).toMatchObject({ status: 'empty', rows: 0 });
      // the same figures under a new stamp: one marker row, no symbol row
      const text = real.toString('latin1').replace('#BOF|2022.08.06|22:30:03', '#BOF|2022.08.06|23:00:03');
      ftp.put('usa.txt', text);
      const third = await h.ingest.borrowSnapshot();
      expect(third).toMatchObject({ status: 'ok', rows: 0 });
      expect(h.count("SELECT count(*) FROM borrow_snapshots WHERE symbol = 'GME'")).toBe(1);
      console.info(
        `real usa.txt over FTP: first snapshot ${first.rows} rows in ${firstMs.toFixed(0)} ms ` +
          `(store ${first.ms} ms); identical second ${second.rows} rows in ${secondMs.toFixed(0)} ms; ` +
          `same figures, new stamp ${third.rows} rows (store ${third.ms} ms)`,
      );
    },
  );
});
