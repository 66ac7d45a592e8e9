import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  formatImportLine,
  formatImportSummary,
  importPaths,
  type ImportReport,
} from '../../src/ingest/importers/import-files';
import { fakeClock } from '../../src/shared/clock';
import { testLogger } from '../support/logger';
import { tempDb } from '../support/temp-db';

// Hand-made files in FINRA's, Yahoo's and Nasdaq Trader's real layouts (FORMATS.md), written into
// a temp folder per test. CRLF where the real files have it.

const SV_HEADER = 'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market';
const crlf = (lines: string[]) => lines.map((l) => `${l}\r\n`).join('');

function cnms(date: string, rows: string[], trailer: number = rows.length, header = SV_HEADER): string {
  const d = date.replaceAll('-', '');
  return crlf([header, ...rows.map((r) => `${d}|${r}`), String(trailer)]);
}

const GOOD_0602 = cnms('2020-06-02', ['AMC|1200|10|3000|B,Q,N', 'GME|5000.5|20|9000.25|B,Q,N', 'KOSS|70|0|100|Q']);
const GOOD_0603 = cnms('2020-06-03', ['AMC|1300|11|3100|B,Q,N', 'GME|5100|21|9100|B,Q,N']);
const FNSQ_0603 = cnms('2020-06-03', ['GME|2100|1|4000|Q']);
const YAHOO_GME = [
  'Date,Open,High,Low,Close,Adj Close,Volume',
  '2020-06-02,4.190000,4.300000,4.050000,4.170000,4.170000,3335100',
  '2020-06-03,4.200000,4.280000,4.030000,4.200000,4.200000,2792900',
  '2020-06-04,null,null,null,null,null,null',
  '',
].join('\n');
const YAHOO_AMC_SEMI = [
  'Date;Open;High;Low;Close;Volume;Dividends;Stock Splits',
  '2020-06-02 00:00:00-04:00;4.99;5.10;4.80;5.00;14000000;0.0;0.0',
  '2020-06-03 00:00:00-04:00;5.01;5.20;4.90;5.10;15000000;0.0;0.0',
].join('\n');
const NASDAQ_LISTED = crlf([
  'Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares',
  'AAPL|Apple Inc. - Common Stock|Q|N|N|100|N|N',
  'ZXZZT|NASDAQ TEST STOCK|G|Y|N|100|N|N',
  'File Creation Time: 0603202017:02|||||||',
]);
const HTML_404 = (name: string) =>
  `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL /${name} was not found on this server.</p>\n</body></html>\n`;

let dir: string;
let t: ReturnType<typeof tempDb>;
const clock = fakeClock('2021-06-07T22:00:00Z');

function write(rel: string, content: string | Buffer): string {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const run = (...paths: string[]) =>
  importPaths(paths.length ? paths : [dir], { db: t.db, logger: testLogger(), clock });
const all = <Row = unknown>(sql: string) => t.db.$client.prepare<unknown[], Row>(sql).all();
const dump = () => ({
  shortVolume: all<{ date: string }>('SELECT * FROM short_volume ORDER BY symbol, date, facility'),
  bars: all('SELECT * FROM daily_bars ORDER BY symbol, date'),
  symbols: all(
    'SELECT symbol, name, exchange, type, is_etf, is_test_issue, source, as_of FROM symbols ORDER BY symbol',
  ),
});
const byName = (report: ImportReport, name: string) => report.files.find((f) => f.path.endsWith(name))!;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-import-'));
  t = tempDb();
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('squeezebot import: good files', () => {
  it('imports FINRA short-volume files of any facility, with decimals, and reports kind, rows and dates', async () => {
    write('CNMSshvol20200602.txt', GOOD_0602);
    write('FNSQshvol20200603.txt', FNSQ_0603);
    const report = await run();
    expect(report).toMatchObject({ ok: 2, rejected: 0, skipped: 0, exitCode: 0 });
    const cnmsResult = byName(report, 'CNMSshvol20200602.txt');
    expect(cnmsResult).toMatchObject({
      kind: 'finra-shortvol',
      status: 'imported',
      rows: 3,
      symbols: 3,
      firstDate: '2020-06-02',
      lastDate: '2020-06-02',
    });
    expect(formatImportLine(cnmsResult)).toMatch(
      /^imported\s+finra-shortvol\s+\S*CNMSshvol20200602\.txt\s+3 rows\s+2020-06-02\s+3 symbols\s+\(0 skipped\)$/,
    );
    expect(
      all(
        "SELECT symbol, facility, short_volume, total_volume, source, published_on FROM short_volume WHERE symbol = 'GME' ORDER BY date",
      ),
    ).toEqual([
      {
        symbol: 'GME',
        facility: 'CNMS',
        short_volume: 5000.5,
        total_volume: 9000.25,
        source: 'finra-file',
        published_on: '2020-06-02',
      },
      {
        symbol: 'GME',
        facility: 'FNSQ',
        short_volume: 2100,
        total_volume: 4000,
        source: 'finra-file',
        published_on: '2020-06-03',
      },
    ]);
  });

  it('imports the pre-2011 five-column layout with a null short-exempt volume', async () => {
    write('CNMSshvol20100104.txt', crlf(['Date|Symbol|ShortVolume|TotalVolume|Market', '20100104|F|1000|2500|Q', '1']));
    const report = await run();
    expect(report.files[0]).toMatchObject({ status: 'imported', rows: 1 });
    expect(all('SELECT symbol, short_volume, short_exempt_volume, total_volume FROM short_volume')).toEqual([
      { symbol: 'F', short_volume: 1000, short_exempt_volume: null, total_volume: 2500 },
    ]);
  });

  it('imports Yahoo daily CSVs, comma or semicolon, and counts null rows as skipped with a reason', async () => {
    write('prices/GME.csv', YAHOO_GME);
    write('prices/AMC_2000-01-01_2021-06-04_1d.csv', YAHOO_AMC_SEMI);
    const report = await run();
    const gme = byName(report, 'GME.csv');
    expect(gme).toMatchObject({
      kind: 'yahoo-daily',
      dataset: 'bars',
      status: 'imported',
      rows: 2,
      skipped: { 'null values (a hole in Yahoo data)': 1 },
    });
    expect(formatImportLine(gme)).toContain('(1 skipped: 1 null values (a hole in Yahoo data))');
    expect(
      all(
        'SELECT symbol, date, open, close, adj_close, volume, source, published_on FROM daily_bars ORDER BY symbol, date',
      ),
    ).toEqual([
      {
        symbol: 'AMC',
        date: '2020-06-02',
        open: 4.99,
        close: 5,
        adj_close: null,
        volume: 14000000,
        source: 'yahoo-csv',
        published_on: '2020-06-02',
      },
      {
        symbol: 'AMC',
        date: '2020-06-03',
        open: 5.01,
        close: 5.1,
        adj_close: null,
        volume: 15000000,
        source: 'yahoo-csv',
        published_on: '2020-06-03',
      },
      {
        symbol: 'GME',
        date: '2020-06-02',
        open: 4.19,
        close: 4.17,
        adj_close: 4.17,
        volume: 3335100,
        source: 'yahoo-csv',
        published_on: '2020-06-02',
      },
      {
        symbol: 'GME',
        date: '2020-06-03',
        open: 4.2,
        close: 4.2,
        adj_close: 4.2,
        volume: 2792900,
        source: 'yahoo-csv',
        published_on: '2020-06-03',
      },
    ]);
  });

  it('stores a Nasdaq directory with the as-of date of its trailer', async () => {
    write('nasdaqlisted.txt', NASDAQ_LISTED);
    const report = await run();
    expect(report.files[0]).toMatchObject({
      kind: 'nasdaq-directory',
      status: 'imported',
      rows: 2,
      firstDate: '2020-06-03',
    });
    expect(all('SELECT symbol, as_of, is_test_issue FROM symbols ORDER BY symbol')).toEqual([
      { symbol: 'AAPL', as_of: '2020-06-03', is_test_issue: 0 },
      { symbol: 'ZXZZT', as_of: '2020-06-03', is_test_issue: 1 },
    ]);
  });

  it('reports a header-and-zero FINRA file as empty, not as an error', async () => {
    write('FNRAshvol20200602.txt', cnms('2020-06-02', []));
    const report = await run();
    expect(report.files[0]).toMatchObject({ status: 'empty', rows: 0 });
    expect(report.exitCode).toBe(0);
    expect(all('SELECT status, rows FROM dataset_status')).toEqual([{ status: 'empty', rows: 0 }]);
  });

  it('records each file in dataset_status with its sha256, computed while streaming', async () => {
    const path = write('CNMSshvol20200602.txt', GOOD_0602);
    await run();
    const expected = createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(all('SELECT dataset, date, kind, origin, status, rows, checksum, error FROM dataset_status')).toEqual([
      {
        dataset: 'shortvol',
        date: '2020-06-02',
        kind: 'import',
        origin: path,
        status: 'ok',
        rows: 3,
        checksum: expected,
        error: null,
      },
    ]);
  });

  it('walks folders recursively in sorted order and imports a file named twice only once', async () => {
    write('b/z/CNMSshvol20200603.txt', GOOD_0603);
    write('b/a/CNMSshvol20200602.txt', GOOD_0602);
    write('a/prices/GME.csv', YAHOO_GME);
    write('c.txt', 'just a note\n');
    const report = await run(dir, join(dir, 'b/a/CNMSshvol20200602.txt'));
    expect(report.files.map((f) => f.path.slice(dir.length + 1))).toEqual([
      'a/prices/GME.csv',
      'b/a/CNMSshvol20200602.txt',
      'b/z/CNMSshvol20200603.txt',
      'c.txt',
    ]);
    expect(report).toMatchObject({ ok: 3, skipped: 1, rejected: 0, exitCode: 0 });
    expect(formatImportSummary(report)).toMatch(
      /4 files: 3 imported, 0 empty, 1 skipped, 0 rejected\n\s+bars\s+2 rows from 1 file\s+2020-06-02\.\.2020-06-03\n\s+shortvol\s+5 rows from 2 files\s+2020-06-02\.\.2020-06-03/,
    );
  });

  it('changes nothing when the same files are imported again', async () => {
    write('CNMSshvol20200602.txt', GOOD_0602);
    write('CNMSshvol20200603.txt', GOOD_0603);
    write('GME.csv', YAHOO_GME);
    write('nasdaqlisted.txt', NASDAQ_LISTED);
    const first = await run();
    const before = dump();
    const second = await run();
    expect(dump()).toEqual(before);
    expect(second.files.map((f) => [f.status, f.rows])).toEqual(first.files.map((f) => [f.status, f.rows]));
  });
});

describe('squeezebot import: unknown and corrupt files', () => {
  it('skips an unknown file with a reason that quotes its first line', async () => {
    write('notes.md', '# my trading notes\nbuy high, sell low\n');
    const report = await run();
    expect(report.files[0]).toMatchObject({
      status: 'skipped',
      kind: null,
      error: 'not a known format: first line "# my trading notes"',
    });
    expect(formatImportLine(report.files[0]!)).toMatch(/^skipped\s+\S*notes\.md: not a known format/);
    expect(report.exitCode).toBe(0);
  });

  it('skips an empty file and rejects a binary one without line breaks, so the import fails', async () => {
    write('empty.txt', '');
    write('blob.bin', Buffer.alloc(3 << 20, 7));
    const report = await run();
    expect(report.files.map((f) => [f.status, f.error])).toEqual([
      ['rejected', expect.stringContaining('no line break')],
      ['skipped', 'not a known format: the file is empty'],
    ]);
    expect(report.exitCode).not.toBe(0);
  });

  // row-checks.ts: constructed bad Yahoo files (the import's clock is 2021-06-07)
  it.each([
    ['a date not on the calendar', '2021-02-30,10,11,9,10,10,100', 'not a calendar date'],
    ['a date after today', '2021-06-08,10,11,9,10,10,100', 'after today (2021-06-07)'],
    ['a date years ahead', '2030-01-04,10,11,9,10,10,100', 'after today'],
    ['a negative price', '2021-01-05,-10,11,9,10,10,100', 'Open must be a positive price'],
    ['a zero close', '2021-01-05,10,11,9,0,10,100', 'Close must be a positive price'],
    ['a negative volume', '2021-01-05,10,11,9,10,10,-100', 'Volume is negative'],
    ['a 400-digit volume', `2021-01-05,10,11,9,10,10,${'9'.repeat(400)}`, 'Volume is not a finite number'],
    ['a repeated day', '2021-01-04,10,11,9,10,10,100', 'duplicate of line 2'],
  ])('rejects a Yahoo file with %s, naming the line', async (_what, row, reason) => {
    write('GME.csv', ['Date,Open,High,Low,Close,Adj Close,Volume', '2021-01-04,10,11,9,10,10,100', row].join('\n'));
    const report = await run();
    const f = byName(report, 'GME.csv');
    expect(f).toMatchObject({ status: 'rejected', rows: 0, line: 3 });
    expect(f.error).toContain(reason);
    expect(report.exitCode).toBe(1);
    expect(all('SELECT count(*) AS n FROM daily_bars')).toEqual([{ n: 0 }]);
  });

  it.each([
    [
      'a trailer that does not match the row count',
      cnms('2020-06-02', ['AMC|1|0|2|Q', 'GME|999|0|1000|Q'], 3),
      4,
      'trailer says 3 rows, the file has 2',
    ],
    [
      'a non-numeric volume after good rows',
      cnms('2020-06-02', ['AMC|9999|0|99999|Q', 'GME|999|0|12a|Q']),
      3,
      'TotalVolume is not a number: "12a"',
    ],
    ['a wrong header', cnms('2020-06-02', ['AMC|1|0|2|Q'], 1, 'Date|Symbol|Short|Total'), 1, 'header is not'],
    [
      'short-exempt volume above short volume',
      cnms('2020-06-02', ['AMC|5|0|10|Q', 'GME|5|6|10|Q']),
      3,
      'ShortExemptVolume 6 is above ShortVolume 5',
    ],
    ['short volume above total', cnms('2020-06-02', ['GME|11|0|10|Q']), 2, 'ShortVolume 11 is above TotalVolume 10'],
    [
      'a 400-digit volume',
      cnms('2020-06-02', [`GME|1|0|${'9'.repeat(400)}|Q`]),
      2,
      'TotalVolume is not a finite number',
    ],
    ['a symbol twice', cnms('2020-06-02', ['GME|1|0|2|Q', 'AMC|1|0|2|Q', 'GME|1|0|2|Q']), 4, 'duplicate of line 2'],
    [
      'no trailer at all (a truncated download)',
      crlf([SV_HEADER, '20200602|AMC|9999|0|99999|Q']),
      2,
      'no record-count trailer',
    ],
  ])(
    'rejects a file with %s whole, naming file and line, and writes nothing from it',
    async (_what, content, line, reason) => {
      write('good/CNMSshvol20200602.txt', GOOD_0602);
      await run();
      const before = dump();
      const statusBefore = all('SELECT count(*) AS n FROM dataset_status');
      // same date as the stored file: its first rows would overwrite AMC before the bad line is read
      const bad = write('bad/CNMSshvol20200602.txt', content);
      write('bad/CNMSshvol20200603.txt', GOOD_0603);
      const report = await run(join(dir, 'bad'));
      const rejected = byName(report, 'bad/CNMSshvol20200602.txt');
      expect(rejected).toMatchObject({ status: 'rejected', kind: 'finra-shortvol', rows: 0, line });
      expect(rejected.error).toContain(reason);
      expect(formatImportLine(rejected)).toContain(`${bad}: line ${line}: `);
      expect(report).toMatchObject({ ok: 1, rejected: 1, exitCode: 1 });
      const after = dump();
      expect(after.shortVolume.filter((r) => r.date === '2020-06-02')).toEqual(before.shortVolume);
      expect(after.shortVolume.filter((r) => r.date === '2020-06-03')).toHaveLength(2);
      expect(all("SELECT origin, status, rows, error FROM dataset_status WHERE status = 'failed'")).toEqual([
        { origin: bad, status: 'failed', rows: 0, error: expect.stringContaining(`line ${line}: `) as string },
      ]);
      expect(all('SELECT count(*) AS n FROM dataset_status')).toEqual([
        { n: (statusBefore[0] as { n: number }).n + 2 },
      ]);
    },
  );

  it('rolls back rows already written from earlier chunks when a bad line comes late in a big file', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `S${String(i).padStart(5, '0')}|100|0|200|Q`);
    rows.push('ZZZZ|100|0|2O0|Q');
    write('CNMSshvol20200605.txt', cnms('2020-06-05', rows));
    const report = await run();
    expect(report.files[0]).toMatchObject({
      status: 'rejected',
      line: 60_002,
      error: 'line 60002: TotalVolume is not a number: "2O0"',
    });
    expect(all('SELECT count(*) AS n FROM short_volume')).toEqual([{ n: 0 }]);
    expect(t.db.$client.inTransaction).toBe(false);
  });

  it('rejects a Yahoo file with a non-numeric price and keeps none of its bars', async () => {
    write(
      'GME.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume\n2020-06-02,4.19,4.3,4.05,4.17,4.17,3335100\n2020-06-03,4.2,4.28,abc,4.2,4.2,2792900\n',
    );
    const report = await run();
    expect(report.files[0]).toMatchObject({ status: 'rejected', line: 3, error: 'line 3: Low is not a number: "abc"' });
    expect(all('SELECT count(*) AS n FROM daily_bars')).toEqual([{ n: 0 }]);
  });

  it('skips an HTML page saved under a FINRA name for a non-trading day, and rejects one for a trading day', async () => {
    write('CNMSshvol20210320.txt', HTML_404('CNMSshvol20210320.txt')); // a Saturday
    write('CNMSshvol20210319.txt', HTML_404('CNMSshvol20210319.txt')); // a Friday
    const report = await run();
    expect(byName(report, 'CNMSshvol20210320.txt')).toMatchObject({
      status: 'skipped',
      kind: 'finra-shortvol',
      error: 'HTML page saved for a non-trading day (2021-03-20)',
    });
    expect(byName(report, 'CNMSshvol20210319.txt')).toMatchObject({
      status: 'rejected',
      line: 1,
      error: expect.stringContaining('2021-03-19') as string,
    });
    expect(report.exitCode).toBe(1);
    expect(all('SELECT status FROM dataset_status ORDER BY status')).toEqual([
      { status: 'failed' },
      { status: 'skipped' },
    ]);
  });

  it('rejects a path that does not exist and still imports the others', async () => {
    write('CNMSshvol20200602.txt', GOOD_0602);
    const report = await run(join(dir, 'missing.txt'), dir);
    expect(report.files.map((f) => f.status)).toEqual(['rejected', 'imported']);
    expect(report.files[0]!.error).toContain('ENOENT');
    expect(report.exitCode).toBe(1);
  });

  it('refuses to start inside a transaction someone else left open', async () => {
    write('CNMSshvol20200602.txt', GOOD_0602);
    t.db.$client.exec('BEGIN');
    await expect(run()).rejects.toThrow('already inside a transaction');
    t.db.$client.exec('ROLLBACK');
  });

  it('undoes the whole uncommitted group and stops when the database itself fails a write', async () => {
    write('CNMSshvol20200602.txt', GOOD_0602);
    write('CNMSshvol20200603.txt', GOOD_0603);
    t.db.$client.exec(`CREATE TRIGGER boom BEFORE INSERT ON short_volume WHEN NEW.date = '2020-06-03'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    await expect(importPaths([dir], { db: t.db, logger: testLogger(), clock, sliceMs: 60_000 })).rejects.toThrow(
      /database write failed while importing .*CNMSshvol20200603\.txt: disk says no/,
    );
    expect(t.db.$client.inTransaction).toBe(false);
    expect(all('SELECT * FROM short_volume')).toEqual([]);
  });

  it('keeps the good files of a commit group when one file in it is rejected', async () => {
    write('CNMSshvol20200602.txt', GOOD_0602);
    write('CNMSshvol20200603.txt', GOOD_0602.replaceAll('20200602', '20200603').replace(/\r\n\d+\r\n$/, '\r\n99\r\n'));
    write('CNMSshvol20200604.txt', GOOD_0602.replaceAll('20200602', '20200604'));
    const lines: string[] = [];
    const report = await importPaths([dir], {
      db: t.db,
      logger: testLogger(),
      clock,
      sliceMs: 60_000,
      onFile: (r) => lines.push(r.status),
    });
    expect(report.files.map((f) => f.status)).toEqual(['imported', 'rejected', 'imported']);
    expect(lines).toEqual(['imported', 'rejected', 'imported']);
    const dates = t.db.$client.prepare('SELECT DISTINCT date FROM short_volume ORDER BY date').pluck().all();
    expect(dates).toEqual(['2020-06-02', '2020-06-04']);
  });
});
