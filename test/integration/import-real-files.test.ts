import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/importers/import-files';
import { systemClock } from '../../src/shared/clock';
import { testLogger } from '../support/logger';
import { hasSharedData, sharedPath } from '../support/shared-data';
import { tempDb } from '../support/temp-db';

// The importers against real public files in ../shared/data (PROVENANCE.md there). Skipped, with
// the message shared-data.ts prints, when that folder is absent.

describe.skipIf(!hasSharedData)('squeezebot import on real files', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());
  const run = (...paths: string[]) => importPaths(paths, { db: t.db, logger: testLogger(), clock: systemClock });
  const value = (sql: string) => t.db.$client.prepare(sql).pluck().get();
  const column = (sql: string) => t.db.$client.prepare(sql).pluck().all();

  it('imports meme-2020-2021 cleanly: 12 symbols, 231 short-volume days, bars for all 12', async () => {
    const report = await run(sharedPath('meme-2020-2021'));
    expect(report).toMatchObject({ rejected: 0, exitCode: 0, ok: 243 });
    expect(report.files.filter((f) => f.status === 'skipped').map((f) => f.path)).toEqual([
      sharedPath('meme-2020-2021/README.md'),
    ]);
    expect(value('SELECT count(DISTINCT symbol) FROM short_volume')).toBe(12);
    expect(value("SELECT count(DISTINCT date) FROM short_volume WHERE facility = 'CNMS'")).toBe(231);
    expect(
      column("SELECT DISTINCT substr(date, 1, 7) FROM short_volume WHERE date BETWEEN '2020-11-15' AND '2021-01-15'"),
    ).toEqual(['2020-11', '2021-01']);
    expect(value('SELECT count(DISTINCT symbol) FROM daily_bars')).toBe(12);
    const squeeze = t.db.$client
      .prepare("SELECT close, volume FROM daily_bars WHERE symbol = 'GME' AND date = '2021-01-27'")
      .get() as { close: number; volume: number };
    expect(squeeze.close).toBeCloseTo(347.51, 4);
    expect(squeeze.volume).toBe(93396700);
  });

  it('imports all six facilities of pookiemaker shortdata (36 files, FNRA empty) and CNMS equals the sum of its facilities', async () => {
    const report = await run(sharedPath('pookiemaker-shorts/python/shortdata'));
    expect(report.files).toHaveLength(36);
    expect(new Set(report.files.map((f) => f.kind))).toEqual(new Set(['finra-shortvol']));
    expect(report).toMatchObject({ ok: 36, rejected: 0, skipped: 0 });
    expect(report.files.filter((f) => f.status === 'empty').map((f) => f.path.split('/').pop())).toEqual(
      ['02', '03', '06', '07', '08', '09'].map((d) => `FNRAshvol202001${d}.txt`),
    );
    expect(column('SELECT DISTINCT facility FROM short_volume ORDER BY 1')).toEqual([
      'CNMS',
      'FNQC',
      'FNSQ',
      'FNYX',
      'FORF',
    ]);
    expect(value("SELECT count(*) FROM short_volume WHERE facility = 'CNMS' AND date = '2020-01-02'")).toBeGreaterThan(
      8000,
    );
    const mismatches = value(`
      SELECT count(*) FROM short_volume c
      JOIN (SELECT symbol, date, sum(short_volume) sv, sum(total_volume) tv FROM short_volume
            WHERE facility IN ('FNQC', 'FNSQ', 'FNYX', 'FNRA') GROUP BY symbol, date) f USING (symbol, date)
      WHERE c.facility = 'CNMS' AND (c.short_volume <> f.sv OR c.total_volume <> f.tv)`);
    expect(mismatches).toBe(0);
    expect(value("SELECT count(*) FROM dataset_status WHERE kind = 'import' AND status IN ('ok', 'empty')")).toBe(36);
  });

  it('reads the full-market 2021-06-04 files: GME as FINRA published it', async () => {
    const report = await run(sharedPath('rougewood-ShortInterest/data/20210604'));
    expect(report).toMatchObject({ ok: 6, rejected: 0 });
    expect(value("SELECT count(*) FROM short_volume WHERE facility = 'CNMS'")).toBe(9661);
    expect(
      t.db.$client
        .prepare(
          "SELECT short_volume, short_exempt_volume, total_volume, markets FROM short_volume WHERE symbol = 'GME' AND facility = 'CNMS'",
        )
        .get(),
    ).toEqual({ short_volume: 703596, short_exempt_volume: 28686, total_volume: 1295391, markets: 'B,Q,N' });
  });

  it('skips the saved 404 page for Saturday 2021-03-20 instead of rejecting it', async () => {
    const report = await run(sharedPath('tangentstorm-gme-data/raw/finra/cnms-shortvol/CNMSshvol20210320.txt'));
    expect(report.files[0]).toMatchObject({
      status: 'skipped',
      error: 'HTML page saved for a non-trading day (2021-03-20)',
    });
    expect(report.exitCode).toBe(0);
  });

  it('routes a FINRA API regShoDaily export, short-interest files and OTC weekly files to their tables', async () => {
    const report = await run(
      sharedPath('SuperstonkQuants-q3_shortInterest/SHO.csv'),
      sharedPath('praveenraj-d-Equity_Short_Interest_Downloader/data'),
      sharedPath('ryansmccoy-spine-core/data/finra'),
    );
    expect(report.files.map((f) => [f.kind, f.status])).toEqual([
      ['finra-api-regshodaily', 'imported'],
      ['finra-shortinterest', 'imported'],
      ['finra-shortinterest', 'imported'],
      ['finra-otc-weekly', 'imported'],
      ['finra-otc-weekly', 'imported'],
      ['finra-otc-weekly', 'imported'],
    ]);
    expect(value("SELECT count(*) FROM short_volume WHERE facility <> 'CNMS'")).toBe(8176);
    // one consolidated row per symbol and day, summed from the facility rows
    expect(value("SELECT count(*) FROM short_volume WHERE facility = 'CNMS'")).toBe(
      value("SELECT count(*) FROM (SELECT DISTINCT symbol, date FROM short_volume WHERE facility <> 'CNMS')"),
    );
    expect(value("SELECT count(*) FROM short_interest WHERE settlement_date = '2024-08-15'")).toBe(8678);
    expect(column('SELECT DISTINCT week_start FROM otc_weekly ORDER BY 1')).toEqual([
      '2025-12-15',
      '2025-12-22',
      '2025-12-29',
    ]);
  });

  it('imports the semicolon yfinance histories with dates from 1999', async () => {
    const report = await run(sharedPath('SuperstonkQuants-q1_correlations/data/stocks/ticker_history'));
    expect(report).toMatchObject({ ok: 6, rejected: 0 });
    expect(column('SELECT DISTINCT symbol FROM daily_bars ORDER BY 1')).toEqual([
      'AMC',
      'BBBY',
      'GME',
      'KOSS',
      'NAKD',
      'NOK',
    ]);
    expect(value("SELECT count(*) FROM daily_bars WHERE symbol = 'GME'")).toBe(4861);
  });
});
