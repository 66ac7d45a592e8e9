import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/importers/import-files';
import type { FileResult } from '../../src/ingest/importers/import-report';
import { fakeClock } from '../../src/shared/clock';
import { testLogger } from '../support/logger';
import { hasSharedData, sharedPath } from '../support/shared-data';
import { tempDb } from '../support/temp-db';

// `squeezebot import` on threshold lists and Cboe chains, recognised by content. The threshold files are
// constructed (NO REAL FILE EXISTS, FORMATS-keyless.md §4); the chain is our own fixture in Cboe's shape,
// and the real CLX excerpt when ../shared is present (copied to a temp folder, never into the project).

const fixture = (dir: string, name: string) => new URL(`../fixtures/${dir}/${name}`, import.meta.url).pathname;
let t: ReturnType<typeof tempDb>;
let dir: string;
beforeEach(() => {
  t = tempDb();
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-import-supply-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});
const run = () => importPaths([dir], { db: t.db, logger: testLogger(), clock: fakeClock('2026-07-27T12:00:00Z') });
const count = (sql: string) => t.db.$client.prepare(sql).pluck().get();

describe('import of threshold lists and Cboe chains', () => {
  it('recognises each list by its header and each chain by its content, and stores them point in time', async () => {
    for (const f of [
      'nasdaqth20230203.txt',
      'nyse_threshold_nyse_20230203.txt',
      'bzx_equities_reg_sho_threshold_20230203.txt',
    ])
      copyFileSync(fixture('regsho', f), join(dir, f));
    copyFileSync(fixture('cboe', 'GME.json'), join(dir, 'saved-chain.json'));
    if (hasSharedData)
      copyFileSync(
        sharedPath('OpenBB-finance-OpenBB/openbb_platform/providers/cboe/tests/data/options_clx.first36.json'),
        join(dir, 'clx.json'),
      );
    const report = await run();
    const byKind: Record<string, FileResult> = Object.fromEntries(report.files.map((f) => [f.kind ?? '', f]));
    expect(byKind['nasdaq-threshold']).toMatchObject({
      status: 'imported',
      rows: 3,
      dataset: 'threshold',
      skipped: { 'Reg SHO Threshold Flag N (not a threshold security)': 1 },
    });
    expect(byKind['nyse-threshold']).toMatchObject({ status: 'imported', rows: 2 });
    expect(byKind['cboe-threshold']).toMatchObject({ status: 'imported', rows: 2 });
    expect(report.files.filter((f) => f.kind === 'cboe-options-chain').map((f) => f.rows)).toEqual(
      hasSharedData ? [1, 1] : [1],
    );
    expect(count("SELECT count(*) FROM threshold_list WHERE date = '2023-02-03' AND published_on = '2023-02-06'")).toBe(
      7,
    );
    expect(count("SELECT near_money_call_open_interest FROM options_snapshots WHERE symbol = 'GME'")).toBe(5000);
  });

  it('rejects a truncated list whole, naming its line, and writes none of it', async () => {
    const text =
      'Symbol|Security Name|Market Category|Reg SHO Threshold Flag|Rule 3210|Filler\r\nKOSS|KOSS CORP|G|Y|N|\r\nBBBY|BED BATH|Q|Y|N|\r\n';
    writeFileSync(join(dir, 'nasdaqth20230206.txt'), text);
    const [file] = (await run()).files;
    expect(file).toMatchObject({ status: 'rejected', kind: 'nasdaq-threshold', line: 3 });
    expect(file!.error).toMatch(/truncated/);
    expect(count('SELECT count(*) FROM threshold_list')).toBe(0);
  });

  it('rejects a chain whose contracts are not OCC symbols', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      '{"timestamp": "x", "data": {"options": [{"option": "GME CALL", "volume": 1.0, "open_interest": 1.0}], "symbol": "GME", "last_trade_time": "2026-07-24T15:59:59"}, "symbol": "GME"}\n',
    );
    const [file] = (await run()).files;
    expect(file).toMatchObject({ status: 'rejected', kind: 'cboe-options-chain' });
    expect(file!.error).toMatch(/not an OCC symbol/);
  });
});
