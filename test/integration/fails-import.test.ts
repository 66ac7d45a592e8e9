import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFailsRepo } from '../../src/db/repos/fails.repo';
import { formatImportLine, importPaths } from '../../src/ingest/importers/import-files';
import { collectSupplyMetrics } from '../../src/pipeline/supply-metrics';
import { fakeClock } from '../../src/shared/clock';
import { testLogger } from '../support/logger';
import { hasSharedData, sharedPath, SHARED_SKIP_MESSAGE } from '../support/shared-data';
import { supplySource } from '../support/supply-source';
import { tempDb } from '../support/temp-db';

// `squeezebot import` on SEC fails-to-deliver files, then the pipeline's point-in-time read of them. Our
// fixture is written from FORMATS-keyless.md §3; the real files are copied to a temp folder when present.

const FTD_DIR = sharedPath('failedtodeliver-failedtodeliver.com/src/data');
const hasFtd = hasSharedData && existsSync(FTD_DIR);
const fixture = new URL('../fixtures/sec/cnsfails202402a.txt', import.meta.url).pathname;
let t: ReturnType<typeof tempDb>;
let dir: string;
beforeEach(() => {
  t = tempDb();
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-import-fails-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});
const run = () => importPaths([dir], { db: t.db, logger: testLogger(), clock: fakeClock('2026-07-27T12:00:00Z') });
const count = (sql: string) => t.db.$client.prepare(sql).pluck().get();

describe('import of fails-to-deliver files', () => {
  it('stores a full file with its estimated publication day; the pipeline sees it only from that day', async () => {
    copyFileSync(fixture, join(dir, 'cnsfails202402a.txt'));
    const report = await run();
    expect(report.files[0]).toMatchObject({ kind: 'sec-fails', dataset: 'fails', status: 'imported', rows: 6 });
    expect(count('SELECT count(*) FROM fails_to_deliver')).toBe(6);
    expect(count('SELECT DISTINCT published_on FROM fails_to_deliver')).toBe('2024-02-28');
    expect(count("SELECT max(date) FROM dataset_status WHERE dataset = 'fails' AND status = 'ok'")).toBe('2024-02-06');

    const ctx = { floatShares: 2_000_000, adv20: 100_000 };
    expect(collectSupplyMetrics('SQZB', supplySource(t.db, '2024-02-27'), ctx).supply.fails).toBeNull();
    const { supply, flags } = collectSupplyMetrics('SQZB', supplySource(t.db, '2024-02-28'), ctx);
    expect(supply.fails).toEqual({
      settlementDate: '2024-02-06',
      quantity: 70_000,
      shareOfFloat: 0.035,
      shareOfAdv: 0.7,
      // Feb 1, 2, 5, 6 in a row
      persistenceDays: 4,
      daysWithFails20: 4,
      // +35: Mar 7, 8, 11 (Mar 10 is a Sunday), 12
      closeOutDates: ['2024-03-07', '2024-03-08', '2024-03-11', '2024-03-12'],
      publishedOn: '2024-02-28',
    });
    // Feb 1 is the file's first trading day: January's b-half is not held
    expect(flags.map((f) => f.code)).toContain('fails_persistence_partial');
    expect(createFailsRepo(t.db).newestFile('2024-03-01')).toEqual({
      file: 'cnsfails202402a',
      publishedOn: '2024-02-28',
    });
  });

  it('rejects a cut full file whole and writes nothing; takes a named excerpt with a warning', async () => {
    const cut = 'SETTLEMENT DATE|CUSIP|SYMBOL|QUANTITY (FAILS)|DESCRIPTION|PRICE\n20240201|12345A109|SQZB|5|X|1.00\n';
    writeFileSync(join(dir, 'cnsfails202402a.txt'), cut);
    writeFileSync(join(dir, 'cnsfails202402b.meme-symbols.txt'), cut.replace('20240201', '20240215'));
    const report = await run();
    const full = report.files.find((f) => f.kind === 'sec-fails');
    const excerpt = report.files.find((f) => f.kind === 'sec-fails-excerpt');
    expect(full).toMatchObject({ status: 'rejected', kind: 'sec-fails', line: 2 });
    expect(full!.error).toMatch(/truncated/);
    expect(excerpt).toMatchObject({ status: 'imported', kind: 'sec-fails-excerpt', rows: 1 });
    expect(formatImportLine(excerpt!)).toMatch(/warning: an excerpt without trailers/);
    expect(count('SELECT count(*) FROM fails_to_deliver')).toBe(1);
  });
});

describe.skipIf(!hasFtd)(`import of the real SEC files (${hasFtd ? 'present' : SHARED_SKIP_MESSAGE})`, () => {
  it('the full January file and every excerpt; GME as of 2021-02-16 sees the late-January fails', async () => {
    copyFileSync(join(FTD_DIR, 'cnsfails202101b.txt'), join(dir, 'cnsfails202101b.txt'));
    for (const f of readdirSync(join(FTD_DIR, 'meme-excerpts')))
      copyFileSync(join(FTD_DIR, 'meme-excerpts', f), join(dir, f));
    const report = await run();
    expect(report.rejected).toBe(0);
    expect(report.files.find((f) => f.path.endsWith('cnsfails202101b.txt'))).toMatchObject({
      rows: 55972,
      kind: 'sec-fails',
    });
    const gme = collectSupplyMetrics('GME', supplySource(t.db, '2021-02-16'), { floatShares: 50_000_000, adv20: null });
    expect(gme.supply.fails).toMatchObject({ settlementDate: '2021-01-29', publishedOn: '2021-02-16' });
    const amc = collectSupplyMetrics('AMC', supplySource(t.db, '2021-02-16'), { floatShares: null, adv20: null });
    expect(amc.supply.fails?.settlementDate).toBe('2021-01-29');
    expect(
      t.db.$client
        .prepare("SELECT quantity FROM fails_to_deliver WHERE symbol='AMC' AND settlement_date='2021-01-27'")
        .pluck()
        .get(),
    ).toBe(27_693_649);
  });
});
