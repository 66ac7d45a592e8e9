import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/importers/import-files';
import { fakeClock } from '../../src/shared/clock';
import { testLogger } from '../support/logger';
import { tempDb } from '../support/temp-db';

// A short-interest row's publication day (stated in a publishedOn / published_on column, or else FINRA's
// calendar: 7 NYSE business days after settlement) must be on or after its settlement and not in the
// future: a backtest reads a figure from that day on. Constructed files in the Query API export layout.

const clock = fakeClock('2021-06-07T22:00:00Z'); // the import's today: 2021-06-07
let dir: string;
let t: ReturnType<typeof tempDb>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-si-dates-'));
  t = tempDb();
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function importRows(publishedColumn: string | null, rows: string[][]) {
  const header = ['symbolCode', 'currentShortPositionQuantity', 'settlementDate'];
  if (publishedColumn) header.push(publishedColumn);
  const path = join(dir, 'si-export.csv');
  writeFileSync(path, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  const report = await importPaths([path], { db: t.db, logger: testLogger(), clock });
  return report.files[0]!;
}
const stored = () =>
  t.db.$client.prepare('SELECT symbol, settlement_date AS s, published_on AS p FROM short_interest ORDER BY 1').all();

describe('short-interest publication dates at import', () => {
  it('keeps a stated publication day that lies between settlement and today', async () => {
    const f = await importRows('publishedOn', [
      ['GME', '61782730', '2021-01-15', '2021-01-27'],
      ['AMC', '1000', '2021-05-14', '2021-05-25'],
    ]);
    expect(f.status).toBe('imported');
    expect(stored()).toEqual([
      { symbol: 'AMC', s: '2021-05-14', p: '2021-05-25' },
      { symbol: 'GME', s: '2021-01-15', p: '2021-01-27' },
    ]);
  });

  it.each([
    ['publishedOn', '2021-06-08', 'publication date 2021-06-08 is after today (2021-06-07)'],
    ['published_on', '2022-01-03', 'publication date 2022-01-03 is after today'],
    ['publishedOn', '2021-01-14', 'publication date 2021-01-14 is before settlement date 2021-01-15'],
    ['published_on', '2020-12-31', 'publication date 2020-12-31 is before settlement date 2021-01-15'],
  ])('rejects the whole file when a row is published (%s) %s, naming the line', async (column, published, rule) => {
    const f = await importRows(column, [
      ['AMC', '1000', '2021-01-15', '2021-01-27'],
      ['GME', '61782730', '2021-01-15', published],
    ]);
    expect(f).toMatchObject({ status: 'rejected', line: 3, rows: 0 });
    expect(f.error).toContain(rule);
    expect(stored()).toEqual([]);
  });

  it('rejects a settlement whose calendar publication day is still ahead', async () => {
    // settled 2021-05-28: FINRA publishes 7 business days later, 2021-06-09, after the import's today
    const f = await importRows(null, [
      ['AMC', '1000', '2021-05-14'],
      ['GME', '1000', '2021-05-28'],
    ]);
    expect(f).toMatchObject({ status: 'rejected', line: 3 });
    expect(f.error).toContain('publication date 2021-06-09 is after today (2021-06-07)');
  });
});
