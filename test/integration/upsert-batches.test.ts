import { afterEach, describe, expect, it } from 'vitest';
import { createMarketDataRepo } from '../../src/db/repos/market-data.repo';
import { ROWS_PER_STATEMENT } from '../../src/db/repos/upsert';
import { SOURCE_FINRA_FACILITY_SUM, type ShortVolumeRecord } from '../../src/domain/market-data';
import { tempDb } from '../support/temp-db';

// The bulk upsert writes many rows per statement (db/repos/upsert.ts). What it stores must be what one
// statement per row stores: later rows of a batch replace earlier ones of the same key, in order, and the
// keep-condition (a facility sum never replaces a row FINRA reported) holds inside a statement too.

const row = (i: number, source: string, shortVolume: number): ShortVolumeRecord => ({
  symbol: `S${i % 40}`,
  date: `2021-01-${String(10 + (i % 3)).padStart(2, '0')}`,
  facility: 'CNMS',
  shortVolume,
  shortExemptVolume: i % 4 === 0 ? null : 1,
  totalVolume: 10_000,
  markets: i % 5 === 0 ? null : 'B,Q,N',
  source,
  publishedOn: '2021-01-12',
});

/** More than two statements' worth, with keys repeated inside one statement and across statements. */
function batch(): ShortVolumeRecord[] {
  const out: ShortVolumeRecord[] = [];
  for (let i = 0; i < 2 * ROWS_PER_STATEMENT + 7; i++) {
    const source = i % 7 === 3 ? SOURCE_FINRA_FACILITY_SUM : 'finra-file';
    out.push(row(i, source, 100 + i));
  }
  return out;
}

function stored(rows: ShortVolumeRecord[], oneByOne: boolean) {
  const t = tempDb();
  cleanups.push(() => t.cleanup());
  const repo = createMarketDataRepo(t.db);
  repo.transaction(() => {
    if (oneByOne) for (const r of rows) repo.upsertShortVolume([r]);
    else expect(repo.upsertShortVolume(rows)).toBe(rows.length);
  });
  return t.db.$client.prepare('SELECT * FROM short_volume ORDER BY symbol, date, facility').all();
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the bulk upsert, many rows to a statement', () => {
  it('stores what one statement per row stores, repeated keys and the keep-condition included', () => {
    const rows = batch();
    const batched = stored(rows, false);
    expect(batched).toEqual(stored(rows, true));
    // keys repeat 120 rows apart: rows 0..14 come back in the third statement
    expect(batched.length).toBe(new Set(rows.map((r) => `${r.symbol} ${r.date}`)).size);
    expect(batched.length).toBe(120);
    // i = 3 (a sum) replaced by i = 123 (a FINRA row); i = 2 (FINRA) kept over i = 122 (a sum)
    expect(batched).toContainEqual(expect.objectContaining({ symbol: 'S3', date: '2021-01-10', short_volume: 223 }));
    expect(batched).toContainEqual(expect.objectContaining({ symbol: 'S2', date: '2021-01-12', short_volume: 102 }));
  });

  it('keeps a FINRA-reported row over a facility sum that follows it in the same statement', () => {
    const first = row(1, 'finra-file', 111);
    const sum = { ...row(1, SOURCE_FINRA_FACILITY_SUM, 999) };
    const filler = Array.from({ length: ROWS_PER_STATEMENT - 2 }, (_, k) => ({
      ...row(1, 'finra-file', 1),
      symbol: `F${k}`,
    }));
    const got = stored([first, ...filler, sum], false);
    expect(got.find((r) => (r as { symbol: string }).symbol === 'S1')).toMatchObject({
      short_volume: 111,
      source: 'finra-file',
    });
  });
});
