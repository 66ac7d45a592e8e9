import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/domain/line-format';
import { cboeThresholdFormat } from '../../src/providers/regsho/cboe-threshold-file';
import { nasdaqThresholdFormat } from '../../src/providers/regsho/nasdaq-threshold-file';
import { nyseThresholdFormat } from '../../src/providers/regsho/nyse-threshold-file';
import { listDateFromName, listDateFromTrailer, parseTimestampRow } from '../../src/providers/regsho/threshold-file';
import { ParseError } from '../../src/shared/errors';

// NO REAL THRESHOLD-LIST FILE EXISTS HERE (FORMATS-keyless.md §4, "Not found"): every fixture below and in
// test/fixtures/regsho is constructed from the layouts Nasdaq's definitions page and third-party clients
// describe [3P]. The real files may differ; these tests pin what the parser does with the stated layout.

const fixture = (name: string) => readFileSync(new URL(`../fixtures/regsho/${name}`, import.meta.url), 'utf8');
const NASDAQ_HEADER = 'Symbol|Security Name|Market Category|Reg SHO Threshold Flag|Rule 3210|Filler';

function rejection(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('Nasdaq threshold list (constructed from the published layout; no real file)', () => {
  it('reads the rows flagged Y with the name cut as published, skips flag N, and ends at the timestamp row', () => {
    const { records, skipped } = parseText(
      nasdaqThresholdFormat,
      'nasdaqth20230203.txt',
      fixture('nasdaqth20230203.txt'),
    );
    expect(records.map((r) => r.symbol)).toEqual(['AEHL', 'BBBY', 'KOSS']);
    expect(records[1]).toEqual({
      symbol: 'BBBY',
      date: '2023-02-03',
      market: 'nasdaq',
      name: 'BED BATH & BEYOND INC',
      source: 'nasdaq-file',
      // posted about 23:00 ET on the Friday: first usable on Monday
      publishedOn: '2023-02-06',
    });
    expect([...skipped.values()]).toEqual([1]);
  });

  it('rejects a download cut before the timestamp row as truncated, naming the last line', () => {
    const cut = fixture('nasdaqth20230203.txt').split('\r\n').slice(0, 3).join('\r\n');
    const err = rejection(() => parseText(nasdaqThresholdFormat, 'nasdaqth20230203.txt', cut));
    expect(err.line).toBe(3);
    expect(err.reason).toMatch(/no yyyymmddhhmmss row at the end: the file is truncated \(2 rows read\)/);
  });

  it.each([
    [
      'a row after the timestamp',
      `${NASDAQ_HEADER}\nKOSS|KOSS CORP|G|Y|N|\n20230203230007\nGME|GAMESTOP|N|Y|N|\n`,
      4,
      /data after the timestamp/,
    ],
    ['a missing field', `${NASDAQ_HEADER}\nKOSS|KOSS CORP|G|Y|N\n20230203230007\n`, 2, /expected 6 fields, found 5/],
    [
      'a flag that is neither Y nor N',
      `${NASDAQ_HEADER}\nKOSS|KOSS CORP|G|X|N|\n20230203230007\n`,
      2,
      /Flag is not Y or N: "X"/,
    ],
    ['a digit symbol', `${NASDAQ_HEADER}\n1234|KOSS CORP|G|Y|N|\n20230203230007\n`, 2, /Symbol is not a ticker/],
    ['a symbol twice', `${NASDAQ_HEADER}\nKOSS|A|G|Y|N|\nKOSS|B|G|Y|N|\n20230203230007\n`, 3, /KOSS is listed twice/],
    ['another header', 'Symbol|Name\nKOSS|KOSS\n', 1, /header is not the nasdaq-threshold layout/],
    ['an HTML block page', '<html><head><title>Incapsula</title></head></html>', 1, /an HTML page/],
  ])('rejects the whole file for %s, with its line', (_what, text, line, reason) => {
    const err = rejection(() => parseText(nasdaqThresholdFormat, 'nasdaqth20230203.txt', text));
    expect(err.line).toBe(line);
    expect(err.reason).toMatch(reason);
  });

  it('accepts the trailer spelt "File Creation Time: …" with trailing pipes, as some copies show it', () => {
    const text = `${NASDAQ_HEADER}\nKOSS|KOSS CORP|G|Y|N|\nFile Creation Time: 20230203230007|||||\n`;
    expect(parseText(nasdaqThresholdFormat, 'nasdaqth20230203.txt', text).records).toHaveLength(1);
  });

  it('dates a renamed file by its timestamp row: created after midnight means the previous session', () => {
    const text = `${NASDAQ_HEADER}\nKOSS|KOSS CORP|G|Y|N|\n20230204001502\n`;
    const { records } = parseText(nasdaqThresholdFormat, 'list.txt', text);
    expect(records[0]).toMatchObject({ date: '2023-02-03', publishedOn: '2023-02-06' });
  });
});

describe('NYSE threshold list (constructed from client code [3P]; no real file)', () => {
  it('reads its rows, class suffixes included, with the bare timestamp row', () => {
    const { records } = parseText(
      nyseThresholdFormat,
      'nyse_threshold_nyse_20230203.txt',
      fixture('nyse_threshold_nyse_20230203.txt'),
    );
    expect(records.map((r) => [r.symbol, r.market, r.date])).toEqual([
      ['AMC', 'nyse', '2023-02-03'],
      ['BRK.B', 'nyse', '2023-02-03'],
    ]);
  });

  it('reads the header and placeholder timestamp of an empty day (or today, not out yet) as no rows', () => {
    expect(
      parseText(nyseThresholdFormat, 'x.txt', fixture('nyse_threshold_nyse_arca_placeholder.txt')).records,
    ).toEqual([]);
  });

  it('does not take a Nasdaq file, nor a Nasdaq parser an NYSE one', () => {
    expect(nyseThresholdFormat.recognise('nasdaqth20230203.txt', NASDAQ_HEADER)).toBe(false);
    expect(nasdaqThresholdFormat.recognise('x.txt', fixture('nyse_threshold_nyse_20230203.txt').split('\n')[0]!)).toBe(
      false,
    );
  });

  it('rejects a file with no timestamp row', () => {
    const text = 'Symbol|Security Name|Market Category|Reg SHO Threshold Flag|Filler|Filler\nAMC|AMC|A|Y||\n';
    expect(rejection(() => parseText(nyseThresholdFormat, 'nyse_20230203.txt', text)).reason).toMatch(/truncated/);
  });
});

describe('Cboe BZX threshold list (constructed from client code [3P]; no real file)', () => {
  it('reads Symbol|CompanyName rows without a timestamp row', () => {
    const name = 'bzx_equities_reg_sho_threshold_20230203.txt';
    const { records } = parseText(cboeThresholdFormat, name, fixture(name));
    expect(records.map((r) => [r.symbol, r.name, r.market, r.publishedOn])).toEqual([
      ['TQQQ', 'ProShares UltraPro QQQ', 'cboe', '2023-02-06'],
      ['UVXY', 'ProShares Ultra VIX Short-Term Futures ETF', 'cboe', '2023-02-06'],
    ]);
  });

  it('rejects a renamed file that gives no list date at all', () => {
    expect(rejection(() => parseText(cboeThresholdFormat, 'list.txt', 'Symbol|CompanyName\nTQQQ|X\n')).reason).toMatch(
      /neither the file name nor a timestamp row/,
    );
  });
});

describe('threshold-list dates', () => {
  it.each([
    ['nasdaqth20230203.txt', '2023-02-03'],
    ['bzx_equities_reg_sho_threshold_20230203.txt', '2023-02-03'],
    ['nyse-03-Feb-2023.txt', '2023-02-03'],
    ['nyse 2023-02-03.txt', '2023-02-03'],
    ['list.txt', null],
  ])('%s → %s', (name, date) => expect(listDateFromName(name)).toBe(date));

  it('reads a timestamp row and refuses an impossible one', () => {
    expect(parseTimestampRow('20230203230007')).toEqual({ date: '2023-02-03', minutes: 23 * 60 });
    expect(parseTimestampRow('20231399230007')).toBeNull();
    expect(listDateFromTrailer({ date: '2023-02-06', minutes: 30 })).toBe('2023-02-03');
  });
});
