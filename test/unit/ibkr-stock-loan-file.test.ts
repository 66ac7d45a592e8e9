import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/domain/line-format';
import { decodeEntities, ibkrStockLoanFormat, parseBof } from '../../src/providers/ibkr/stock-loan-file';
import { ParseError } from '../../src/shared/errors';
import { hasSharedData, SHARED_SKIP_MESSAGE, sharedPath } from '../support/shared-data';

// Fixtures in test/fixtures/ibkr are constructed from FORMATS-keyless.md §2 (8 columns with CRLF; 9 with
// FIGI, LF and a bare #EOF); the real file of 2022-08-06 is read from ../shared/data when present.

const fixture = (name: string) => readFileSync(new URL(`../fixtures/ibkr/${name}`, import.meta.url), 'utf8');
const parse = (text: string) => parseText(ibkrStockLoanFormat, 'usa.txt', text).records;
const HEAD = '#BOF|2026.03.02|10:15:00\n#SYM|CUR|NAME|CON|ISIN|REBATERATE|FEERATE|AVAILABLE|\n';

function rejection(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('IBKR stock-loan file (constructed fixtures)', () => {
  it('reads 8 columns with CRLF: stamp as ET → UTC, NA rates, the >10000000 cap, entities, spaces in SYM', () => {
    const rows = parse(fixture('usa-8col.txt'));
    expect(rows.map((r) => r.symbol)).toEqual(['GME', 'AAPL', 'J&amp;J', 'ABRpD']);
    // the file's spelling is kept beside ours (a space before a Nasdaq-style suffix)
    expect(rows[3]!.fileSymbol).toBe('ABR PRD');
    const [gme, aapl, jj] = rows;
    // 10:15 EST (March 2, before DST) = 15:15 UTC
    expect(gme).toMatchObject({
      takenAt: '2026-03-02T15:15:00Z',
      publishedOn: '2026-03-02',
      feeRate: 30.3849,
      rebateRate: -28.0649,
      available: 250000,
      availableCapped: false,
      source: 'ibkr',
      conid: 36285627,
    });
    expect(aapl).toMatchObject({ available: 10_000_000, availableCapped: true });
    expect(jj).toMatchObject({ feeRate: null, rebateRate: null, available: 0, name: "JOHNSON & JOHNSON 'X" });
  });

  it('reads 9 columns with FIGI (empty too), LF, and a bare #EOF; summer stamps are EDT', () => {
    const rows = parse(fixture('usa-9col.txt'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ symbol: 'GME', takenAt: '2026-07-01T20:30:00Z', feeRate: 12.5, available: 0 });
    expect(rows[1]).toMatchObject({ symbol: 'AMC', available: 45000 });
  });

  it('an evening stamp after 20:00 ET is still published on its New York date', () => {
    expect(parseBof('#BOF|2022.08.06|22:30:03')).toEqual({
      takenAt: '2022-08-07T02:30:03Z',
      publishedOn: '2022-08-06',
    });
    expect(parseBof('#BOF|2022.13.06|22:30:03')).toBeNull();
    expect(decodeEntities('A &amp; B &lt;C&gt; &#x27;D&#39; &bogus;')).toBe("A & B <C> 'D' &bogus;");
  });

  it.each([
    ['a bad fee rate', `${HEAD}GME|USD|G|1|X|1.0|abc|5|\n#EOF|1\n`, 3, 'FEERATE is not a rate'],
    ['a bad available', `${HEAD}A|USD|A|1|X|1.0|1.0|5|\nGME|USD|G|1|X|1.0|1.0|lots|\n#EOF|2\n`, 4, 'AVAILABLE'],
    ['a different cap', `${HEAD}GME|USD|G|1|X|1.0|1.0|>5000|\n#EOF|1\n`, 3, 'cap'],
    ['a missing field', `${HEAD}GME|USD|G|1|X|1.0|1.0|\n#EOF|1\n`, 3, 'expected 8 fields'],
    ['no trailing |', `${HEAD}GME|USD|G|1|X|1.0|1.0|5\n#EOF|1\n`, 3, 'expected 8 fields'],
    ['a bad conid', `${HEAD}GME|USD|G|x1|X|1.0|1.0|5|\n#EOF|1\n`, 3, 'CON is not an integer'],
    ['a duplicate', `${HEAD}GME|USD|G|1|X|1.0|1.0|5|\nGME|USD|G|1|X|1.0|1.0|5|\n#EOF|2\n`, 4, 'listed twice'],
    ['a count mismatch', `${HEAD}GME|USD|G|1|X|1.0|1.0|5|\n#EOF|2\n`, 4, '#EOF says 2 rows, the file holds 1'],
    ['data after #EOF', `${HEAD}GME|USD|G|1|X|1.0|1.0|5|\n#EOF|1\nA|USD|A|1|X|1|1|1|\n`, 5, 'after the #EOF'],
    ['a wrong header', '#BOF|2026.03.02|10:15:00\n#SYM|CUR|NAME|FEE|\n#EOF|0\n', 2, 'header is not'],
    ['no #BOF', '#SYM|CUR|NAME|CON|ISIN|REBATERATE|FEERATE|AVAILABLE|\n#EOF|0\n', 1, 'not #BOF'],
    ['an HTML page', '<html><body>403</body></html>\n', 1, 'HTML page'],
  ])('rejects %s whole with its line and reason', (_what, text, line, reason) => {
    const err = rejection(() => parse(text));
    expect(err.line).toBe(line);
    expect(err.reason).toContain(reason);
  });

  it('rejects a file without #EOF as truncated', () => {
    const err = rejection(() => parse(`${HEAD}GME|USD|G|1|X|1.0|1.0|5|\nAMC|USD|A|2|X|1.0|1.0|5|\n`));
    expect(err.reason).toContain('truncated (2 rows read)');
  });

  it('recognises the file by its #BOF line', () => {
    expect(ibkrStockLoanFormat.recognise('usa.txt', '#BOF|2022.08.06|22:30:03')).toBe(true);
    expect(ibkrStockLoanFormat.recognise('usa.txt', 'Symbol|Security Name')).toBe(false);
  });
});

describe.skipIf(!hasSharedData)('the real usa.txt of 2022-08-06 in ../shared/data', () => {
  if (!hasSharedData) console.warn(SHARED_SKIP_MESSAGE);
  it('holds 17,461 rows (= #EOF), GME at 30.3849% with 250,000, 791 capped, 35 NA', () => {
    const text = readFileSync(sharedPath('vriesdejelmer-tradingAppsIB/data/usa.txt'), 'utf8');
    const started = performance.now();
    const rows = parse(text);
    const ms = performance.now() - started;
    console.info(`usa.txt: ${rows.length} rows parsed in ${ms.toFixed(0)} ms`);
    expect(rows).toHaveLength(17_461);
    expect(rows[0]!.takenAt).toBe('2022-08-07T02:30:03Z');
    expect(rows.find((r) => r.symbol === 'GME')).toMatchObject({ feeRate: 30.3849, available: 250000 });
    expect(rows.filter((r) => r.availableCapped)).toHaveLength(791);
    expect(rows.filter((r) => r.feeRate === null)).toHaveLength(35);
    expect(rows.filter((r) => r.fileSymbol.includes(' ')).length).toBe(647);
    expect(rows.filter((r) => r.symbol.includes(' ')).length).toBe(0);
    expect(rows.some((r) => r.name.includes('&amp;'))).toBe(false);
    expect(text.split('\r\n').filter((l) => !l.startsWith('#') && l.includes('&amp;'))).toHaveLength(669);
    expect(rows.filter((r) => r.name.includes('&'))).toHaveLength(669);
    // spaces map to our spelling, dotted lines (renamed, restricted) are kept as printed
    expect(rows.find((r) => r.fileSymbol === 'BF B')!.symbol).toBe('BF/B');
    expect(rows.find((r) => r.fileSymbol === 'AAC U')!.symbol).toBe('AAC/U');
    expect(rows.find((r) => r.fileSymbol === 'AADI.OLD1')!.symbol).toBe('AADI.OLD1');
    expect(new Set(rows.map((r) => r.symbol)).size).toBe(17_461);
  });
});
