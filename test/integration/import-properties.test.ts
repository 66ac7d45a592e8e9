import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/importers/import-files';
import { fakeClock } from '../../src/shared/clock';
import {
  barLine,
  barsArb,
  cnmsLine,
  cnmsRowsArb,
  duplicateRow,
  HUGE,
  regShoLine,
  regShoRowsArb,
  REGSHO_HEADER,
  replaceRow,
  SV_HEADER,
  YAHOO_HEADER,
  shortInterestLine,
  shortInterestRowsArb,
  SI_HEADER,
  addDays,
  type BarRow,
  type CnmsRow,
  type RegShoRow,
  type ShortInterestRow,
} from '../support/import-arbitraries';
import { testLogger } from '../support/logger';
import { tempDb } from '../support/temp-db';

// Through the real importer (recognition, parser, row checks, writes): any generated valid file is stored
// as exactly its rows; any one corrupted line rejects the whole file, naming that line and the rule, and
// stores nothing; a repeated line is rejected naming both lines. The import's today is 2021-06-07.

const clock = fakeClock('2021-06-07T22:00:00Z');
const RUNS = 50;
let dir: string;
let t: ReturnType<typeof tempDb>;
let n = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-import-prop-'));
  t = tempDb();
});
afterAll(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => t.db.$client.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
const clear = () =>
  t.db.$client.exec(
    'DELETE FROM short_volume; DELETE FROM daily_bars; DELETE FROM short_interest; DELETE FROM dataset_status',
  );

/** Imports `text` as a fresh file named `name` (in its own folder, so names may repeat) and returns its result. */
async function importText(name: string, text: string) {
  const sub = join(dir, String(n++));
  const path = join(sub, name);
  mkdirSync(sub, { recursive: true });
  writeFileSync(path, text);
  const report = await importPaths([path], { db: t.db, logger: testLogger(), clock });
  return report.files[0]!;
}
async function expectRejected(name: string, text: string, table: string, line: number, rule: string | RegExp) {
  clear();
  const f = await importText(name, text);
  expect(f.status).toBe('rejected');
  expect(f.line).toBe(line);
  if (typeof rule === 'string') expect(f.error).toContain(rule);
  else expect(f.error).toMatch(rule);
  expect(f.rows).toBe(0);
  expect(count(table)).toBe(0);
}

const crlf = (lines: string[]) => lines.map((l) => `${l}\r\n`).join('');
const cnmsFile = (rows: string[]) => crlf([SV_HEADER, ...rows, String(rows.length)]);
const CNMS_NAME = 'CNMSshvol20210104.txt';

/** an index into a generated list, drawn with it */
const withIndex = <T>(arb: fc.Arbitrary<T[]>) =>
  arb.chain((rows) => fc.tuple(fc.constant(rows), fc.nat(rows.length - 1)));
const withTwoIndexes = <T>(arb: fc.Arbitrary<T[]>) =>
  arb.chain((rows) =>
    fc.tuple(fc.constant(rows), fc.nat(rows.length - 1), fc.nat(rows.length - 1)).map(([r, a, b]) => ({
      rows: r,
      from: Math.min(a, b),
      after: Math.max(a, b),
    })),
  );

describe('FINRA daily short-volume files through the importer', () => {
  it('stores any valid file as exactly its rows', async () => {
    await fc.assert(
      fc.asyncProperty(cnmsRowsArb, async (rows) => {
        clear();
        const f = await importText(CNMS_NAME, cnmsFile(rows.map((r) => cnmsLine('20210104', r))));
        expect(f).toMatchObject({ status: 'imported', rows: rows.length });
        const stored = t.db.$client
          .prepare(
            'SELECT symbol, short_volume AS s, short_exempt_volume AS e, total_volume AS t FROM short_volume ORDER BY symbol',
          )
          .all();
        const want = [...rows]
          .sort((a, b) => (a.symbol < b.symbol ? -1 : 1))
          .map((r) => ({ symbol: r.symbol, s: Number(r.v.short), e: Number(r.v.exempt), t: Number(r.v.total) }));
        expect(stored).toEqual(want);
        clear();
      }),
      { numRuns: RUNS },
    );
  });

  const corruptions: [string, (r: CnmsRow) => CnmsRow, string | RegExp][] = [
    [
      'exempt above short',
      (r) => ({ ...r, v: { ...r.v, exempt: String(Number(r.v.short) + 1) } }),
      /ShortExemptVolume .* is above ShortVolume/,
    ],
    [
      'short above total',
      (r) => ({ ...r, v: { ...r.v, short: String(Number(r.v.total) + 1) } }),
      /ShortVolume .* is above TotalVolume/,
    ],
    ['a 400-digit volume', (r) => ({ ...r, v: { ...r.v, total: HUGE } }), 'TotalVolume is not a finite number'],
    ['a word for a volume', (r) => ({ ...r, v: { ...r.v, short: '12a' } }), 'ShortVolume is not a number'],
  ];
  it.each(corruptions)('rejects any file with one row of %s, naming that line', async (_what, corrupt, rule) => {
    await fc.assert(
      fc.asyncProperty(withIndex(cnmsRowsArb), async ([rows, at]) => {
        const lines = rows.map((r) => cnmsLine('20210104', r));
        const bad = replaceRow(lines, at, cnmsLine('20210104', corrupt(rows[at]!)));
        await expectRejected(CNMS_NAME, cnmsFile(bad.lines), 'short_volume', bad.line, rule);
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects any file with a line repeated, naming both lines', async () => {
    await fc.assert(
      fc.asyncProperty(withTwoIndexes(cnmsRowsArb), async ({ rows, from, after }) => {
        const dup = duplicateRow(
          rows.map((r) => cnmsLine('20210104', r)),
          from,
          after,
        );
        await expectRejected(
          CNMS_NAME,
          cnmsFile(dup.lines),
          'short_volume',
          dup.line,
          `duplicate of line ${dup.original}`,
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe('regShoDaily exports through the importer', () => {
  const file = (lines: string[]) => [REGSHO_HEADER, ...lines, ''].join('\n');
  const corruptions: [string, (r: RegShoRow) => RegShoRow, string | RegExp][] = [
    ['a day not on the calendar', (r) => ({ ...r, date: '2021-02-30' }), '"2021-02-30" is not a calendar date'],
    ['a future day', (r) => ({ ...r, date: '2021-06-08' }), 'date 2021-06-08 is after today (2021-06-07)'],
    [
      'exempt above short',
      (r) => ({ ...r, v: { ...r.v, exempt: String(Number(r.v.short) + 1) } }),
      /ShortExemptVolume .* is above ShortVolume/,
    ],
    ['a 400-digit volume', (r) => ({ ...r, v: { ...r.v, short: HUGE } }), 'ShortVolume is not a finite number'],
    ['a negative volume', (r) => ({ ...r, v: { ...r.v, total: '-5' } }), 'is negative'],
  ];
  it.each(corruptions)('rejects any export with one row of %s, naming that line', async (_what, corrupt, rule) => {
    await fc.assert(
      fc.asyncProperty(withIndex(regShoRowsArb), async ([rows, at]) => {
        const bad = replaceRow(rows.map(regShoLine), at, regShoLine(corrupt(rows[at]!)));
        await expectRejected('SHO.csv', file(bad.lines), 'short_volume', bad.line, rule);
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects any export with a facility row repeated, naming both lines', async () => {
    await fc.assert(
      fc.asyncProperty(withTwoIndexes(regShoRowsArb), async ({ rows, from, after }) => {
        const dup = duplicateRow(rows.map(regShoLine), from, after);
        await expectRejected('SHO.csv', file(dup.lines), 'short_volume', dup.line, `duplicate of line ${dup.original}`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Yahoo daily CSVs through the importer', () => {
  const file = (lines: string[]) => [YAHOO_HEADER, ...lines].join('\n');
  it('stores any valid file as exactly its bars', async () => {
    await fc.assert(
      fc.asyncProperty(barsArb, async (bars) => {
        clear();
        const f = await importText('ZZT.csv', file(bars.map(barLine)));
        expect(f).toMatchObject({ status: 'imported', rows: bars.length });
        const stored = t.db.$client
          .prepare("SELECT date, open, close, volume FROM daily_bars WHERE symbol = 'ZZT' ORDER BY date")
          .all();
        expect(stored).toEqual(
          [...bars]
            .sort((a, b) => (a.date < b.date ? -1 : 1))
            .map((b) => ({ date: b.date, open: Number(b.open), close: Number(b.close), volume: b.volume })),
        );
        clear();
      }),
      { numRuns: RUNS },
    );
  });

  const corruptions: [string, (b: BarRow) => BarRow, string][] = [
    ['a day not on the calendar', (b) => ({ ...b, date: '2021-02-30' }), '"2021-02-30" is not a calendar date'],
    ['a future day', (b) => ({ ...b, date: '2021-06-08' }), 'date 2021-06-08 is after today (2021-06-07)'],
    ['a negative price', (b) => ({ ...b, low: `-${b.low}` }), 'Low must be a positive price'],
    ['a 400-digit volume', (b) => ({ ...b, volume: HUGE as unknown as number }), 'Volume is not a finite number'],
  ];
  it.each(corruptions)('rejects any file with one row of %s, naming that line', async (_what, corrupt, rule) => {
    await fc.assert(
      fc.asyncProperty(withIndex(barsArb), async ([bars, at]) => {
        const bad = replaceRow(bars.map(barLine), at, barLine(corrupt(bars[at]!)));
        await expectRejected('ZZT.csv', file(bad.lines), 'daily_bars', bad.line, rule);
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects any file with a line repeated, naming both lines', async () => {
    await fc.assert(
      fc.asyncProperty(withTwoIndexes(barsArb), async ({ rows, from, after }) => {
        const dup = duplicateRow(rows.map(barLine), from, after);
        await expectRejected('ZZT.csv', file(dup.lines), 'daily_bars', dup.line, `duplicate of line ${dup.original}`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('short-interest exports through the importer', () => {
  const file = (lines: string[]) => [SI_HEADER, ...lines, ''].join('\n');
  it('stores any valid export as exactly its rows, with the publication day it states', async () => {
    await fc.assert(
      fc.asyncProperty(shortInterestRowsArb, async (rows) => {
        clear();
        const f = await importText('si.csv', file(rows.map(shortInterestLine)));
        expect(f).toMatchObject({ status: 'imported', rows: rows.length });
        const stored = t.db.$client
          .prepare(
            'SELECT symbol, settlement_date AS settlement, short_interest AS shares, published_on AS published FROM short_interest ORDER BY symbol, settlement_date',
          )
          .all();
        const key = (r: ShortInterestRow) => `${r.symbol} ${r.settlement}`;
        expect(stored).toEqual([...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
        clear();
      }),
      { numRuns: RUNS },
    );
  });

  const corruptions: [string, (r: ShortInterestRow) => ShortInterestRow, (r: ShortInterestRow) => string][] = [
    [
      'published after today',
      (r) => ({ ...r, published: '2021-06-08' }),
      () => 'publication date 2021-06-08 is after today (2021-06-07)',
    ],
    [
      'published before its settlement',
      (r) => ({ ...r, published: addDays(r.settlement, -1) }),
      (r) => `publication date ${addDays(r.settlement, -1)} is before settlement date ${r.settlement}`,
    ],
    [
      'settled on no calendar day',
      (r) => ({ ...r, settlement: '2021-02-30', published: '2021-03-15' }),
      () => '"2021-02-30" is not a calendar date',
    ],
  ];
  it.each(corruptions)('rejects any export with one row %s, naming that line', async (_what, corrupt, rule) => {
    await fc.assert(
      fc.asyncProperty(withIndex(shortInterestRowsArb), async ([rows, at]) => {
        const bad = replaceRow(rows.map(shortInterestLine), at, shortInterestLine(corrupt(rows[at]!)));
        await expectRejected('si.csv', file(bad.lines), 'short_interest', bad.line, rule(rows[at]!));
      }),
      { numRuns: RUNS },
    );
  });
});
