import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/importers/import-files';
import { createApp, type App } from '../../src/main';
import { htmlToText } from '../../src/present/html';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { testLogger } from '../support/logger';

// A FINRA Query API regShoDaily export (FORMATS.md: one row per symbol, day and reporting facility, a
// marketCode per facility; SHO.csv adds Yahoo columns) imported through the real app, then read by
// /shortvol, which reads consolidated (CNMS) days. Figures are made up; only the layout is FINRA's.

const HEADER =
  'tradeReportDate,securitiesInformationProcessorSymbolIdentifier,shortParQuantity,shortExemptParQuantity,totalParQuantity,marketCode,reportingFacilityCode,YF_Close';
const EXPORT = [
  HEADER,
  '2021-01-13,GME,1000,10,4000,B,NCTRF,31.4',
  '2021-01-13,GME,200000,1000,500000,Q,NQTRF,31.4',
  '2021-01-13,GME,90000,0,300000,N,NYTRF,31.4',
  '2021-01-14,GME,2000,0,5000,B,NCTRF,39.9',
  '2021-01-14,GME,300000,2000,600000,Q,NQTRF,39.9',
  '2021-01-14,GME,100000,0,400000,N,NYTRF,39.9',
  '2021-01-14,AMC,5000,0,9000,Q,NQTRF,3.1',
  // the OTC facility is not part of the consolidated figure
  '2021-01-14,AMC,777,0,1000,O,ORF,3.1',
  '',
].join('\n');
const CNMS_0114 = [
  'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market',
  '20210114|GME|402500|2000|1005000|B,Q,N',
  '1',
  '',
].join('\r\n');

let dir: string;
let app: App;
const clock = fakeClock('2021-01-15T14:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-regsho-'));
  app = createApp({ dbPath: join(dir, 'r.db'), env: { TELEGRAM_ADMIN_IDS: '1' }, clock, logLevel: 'silent' });
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const load = (...paths: string[]) => importPaths(paths, { db: app.db, logger: testLogger(), clock });
const cnmsRows = () =>
  app.db.$client
    .prepare(
      "SELECT symbol, date, short_volume AS s, short_exempt_volume AS e, total_volume AS t, markets, source FROM short_volume WHERE facility = 'CNMS' ORDER BY symbol, date",
    )
    .all();
async function say(text: string) {
  const said = await sayTo(app, text, { userId: '1', userName: 'user1', chatType: 'private' });
  return htmlToText(said.text);
}

describe('importing a regShoDaily export', () => {
  it('sums the facility rows into one consolidated day, which /shortvol shows', async () => {
    const report = await load(file('SHO.csv', EXPORT));
    expect(report.files[0]).toMatchObject({ kind: 'finra-api-regshodaily', status: 'imported' });
    expect(cnmsRows()).toEqual([
      { symbol: 'AMC', date: '2021-01-14', s: 5000, e: 0, t: 9000, markets: 'Q', source: 'finra-api-sum' },
      { symbol: 'GME', date: '2021-01-13', s: 291000, e: 1010, t: 804000, markets: 'B,Q,N', source: 'finra-api-sum' },
      { symbol: 'GME', date: '2021-01-14', s: 402000, e: 2000, t: 1005000, markets: 'B,Q,N', source: 'finra-api-sum' },
    ]);
    // the facility rows are kept too, for the split
    expect(app.db.$client.prepare("SELECT count(*) AS n FROM short_volume WHERE facility <> 'CNMS'").get()).toEqual({
      n: 8,
    });
    const text = await say('/shortvol GME');
    expect(text).not.toContain('No FINRA daily short volume held');
    const days = text.split('\n').filter((l) => /^\d\d-\d\d\s/.test(l));
    expect(days).toHaveLength(2);
    expect(days[0]).toMatch(/^01-14\s+402k\s+40\.0%/);
  });

  it('keeps the CNMS file of a day over the sum of an export of the same day, in either order', async () => {
    const cnms = file('CNMSshvol20210114.txt', CNMS_0114);
    const sho = file('SHO.csv', EXPORT);
    const gme0114 = () =>
      cnmsRows().filter(
        (r) =>
          (r as { date: string; symbol: string }).date === '2021-01-14' && (r as { symbol: string }).symbol === 'GME',
      );
    const fromFile = [
      { symbol: 'GME', date: '2021-01-14', s: 402500, e: 2000, t: 1005000, markets: 'B,Q,N', source: 'finra-file' },
    ];
    await load(cnms);
    await load(sho);
    expect(gme0114()).toEqual(fromFile);
    // reported the other way round: the file replaces the sum
    app.db.$client.prepare('DELETE FROM short_volume').run();
    await load(sho);
    await load(cnms);
    expect(gme0114()).toEqual(fromFile);
  });

  it('takes two facilities of one symbol and day as two rows, and one facility twice as a duplicate', async () => {
    const dup = [
      HEADER,
      '2021-01-14,GME,2000,0,5000,B,NCTRF,1',
      '2021-01-14,GME,3000,0,6000,Q,NQTRF,1',
      '2021-01-14,GME,2000,0,5000,B,NCTRF,1',
      '',
    ].join('\n');
    const report = await load(file('dup.csv', dup));
    expect(report.files[0]!.status).toBe('rejected');
    expect(report.files[0]!.error).toContain('line 4');
    expect(report.files[0]!.error).toContain('duplicate of line 2');
  });
});
