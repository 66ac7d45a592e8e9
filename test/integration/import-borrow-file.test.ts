import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/importers/import-files';
import { fakeClock } from '../../src/shared/clock';
import { testLogger } from '../support/logger';
import { hasSharedData, SHARED_SKIP_MESSAGE, sharedPath } from '../support/shared-data';
import { tempDb } from '../support/temp-db';

// `squeezebot import` on IBKR stock-loan files, recognised by their #BOF line whatever they are called: our
// own constructed fixtures (test/fixtures/ibkr), and the real usa.txt of 2022-08-06 when ../shared is
// present (copied to a temp folder under another name, never into the project).

const fixture = (name: string) => new URL(`../fixtures/ibkr/${name}`, import.meta.url).pathname;
let t: ReturnType<typeof tempDb>;
let dir: string;
beforeEach(() => {
  t = tempDb();
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-import-borrow-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});
const run = () => importPaths([dir], { db: t.db, logger: testLogger(), clock: fakeClock('2026-07-27T12:00:00Z') });
const count = (sql: string) => t.db.$client.prepare(sql).pluck().get();

describe('import of IBKR stock-loan files', () => {
  it('recognises 8- and 9-column files by content and stores each as a snapshot of its own date', async () => {
    copyFileSync(fixture('usa-8col.txt'), join(dir, 'saved-2026-03-02.txt'));
    copyFileSync(fixture('usa-9col.txt'), join(dir, 'usa.txt'));
    const report = await run();
    expect(report.files.map((f) => [f.kind, f.status, f.rows, f.lastDate])).toEqual([
      ['ibkr-stockloan', 'imported', 4, '2026-03-02'],
      // GME changed, AMC is new, AAPL/J&J/ABRpD left the file: 2 changes + 3 departures stored
      ['ibkr-stockloan', 'imported', 5, '2026-07-01'],
    ]);
    expect(count("SELECT published_on FROM borrow_snapshots WHERE symbol = 'ABRpD'")).toBe('2026-03-02');
    // GME moved between the two files (a change), the symbols absent from the later file are marked gone
    expect(count("SELECT count(*) FROM borrow_snapshots WHERE symbol = 'GME'")).toBe(2);
    expect(count("SELECT count(*) FROM borrow_snapshots WHERE symbol = 'AAPL' AND available IS NULL")).toBe(1);
  });

  it('importing the same file twice stores nothing the second time', async () => {
    copyFileSync(fixture('usa-8col.txt'), join(dir, 'usa.txt'));
    await run();
    const again = await run();
    expect(again.files[0]).toMatchObject({ rows: 0 });
    expect(count("SELECT count(*) FROM borrow_snapshots WHERE symbol <> '#FILE'")).toBe(4);
  });

  it('rejects a truncated file whole, naming its line, and writes none of it', async () => {
    writeFileSync(
      join(dir, 'usa.txt'),
      '#BOF|2026.03.02|10:15:00\r\n#SYM|CUR|NAME|CON|ISIN|REBATERATE|FEERATE|AVAILABLE|\r\nGME|USD|G|1|X|1.0|1.0|5|\r\n',
    );
    const [file] = (await run()).files;
    expect(file).toMatchObject({ status: 'rejected', kind: 'ibkr-stockloan' });
    expect(file!.error).toMatch(/truncated/);
    expect(count('SELECT count(*) FROM borrow_snapshots')).toBe(0);
  });

  it.skipIf(!hasSharedData)('the real usa.txt loads one snapshot published on 2022-08-06', async () => {
    if (!hasSharedData) console.warn(SHARED_SKIP_MESSAGE);
    copyFileSync(sharedPath('vriesdejelmer-tradingAppsIB/data/usa.txt'), join(dir, 'stockloan-download.txt'));
    const t0 = performance.now();
    const [file] = (await run()).files;
    console.info(`import of the real usa.txt: ${file!.rows} rows in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(file).toMatchObject({ status: 'imported', kind: 'ibkr-stockloan', rows: 17_461, lastDate: '2022-08-06' });
    expect(count('SELECT count(DISTINCT published_on) FROM borrow_snapshots')).toBe(1);
    expect(count("SELECT fee_rate FROM borrow_snapshots WHERE symbol = 'GME'")).toBe(30.3849);
    expect(count("SELECT taken_at FROM borrow_snapshots WHERE symbol = '#FILE'")).toBe('2022-08-07T02:30:03Z');
  });
});
