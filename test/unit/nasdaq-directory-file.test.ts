import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/domain/line-format';
import {
  guessType,
  nasdaqDirectoryFormat,
  otherListedSymbol,
  trailerDate,
} from '../../src/providers/nasdaq-trader/directory-file';
import { ParseError } from '../../src/shared/errors';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/nasdaq-trader/${name}`, import.meta.url), 'utf8');
const NASDAQ_HEADER = 'Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares';
const OTHER_HEADER = 'ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol';
const TRAILER = 'File Creation Time: 0127202122:01|||||||';

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ParseError);
    return err as ParseError;
  }
  throw new Error('expected a ParseError');
}

describe('nasdaqDirectoryFormat', () => {
  it('recognises both files by header or by name, but not an HTML page', () => {
    expect(nasdaqDirectoryFormat.recognise('anything.txt', NASDAQ_HEADER)).toBe(true);
    expect(nasdaqDirectoryFormat.recognise('anything.txt', OTHER_HEADER)).toBe(true);
    expect(nasdaqDirectoryFormat.recognise('/tmp/dl/otherlisted.txt', 'garbled')).toBe(true);
    expect(nasdaqDirectoryFormat.recognise('nasdaqlisted.txt', '<!DOCTYPE html>')).toBe(false);
    expect(
      nasdaqDirectoryFormat.recognise(
        'CNMSshvol20210127.txt',
        'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market',
      ),
    ).toBe(false);
  });

  it('reads nasdaqlisted.txt (CRLF): Nasdaq exchange, ETF and test flags, types from names, asOf from the trailer', () => {
    const { records } = parseText(nasdaqDirectoryFormat, 'nasdaqlisted.txt', fixture('nasdaqlisted.txt'));
    expect(records.map((r) => [r.symbol, r.type, r.isEtf, r.isTestIssue])).toEqual([
      ['AACQ', 'common', false, false],
      ['AACQU', 'unit', false, false],
      ['AACQW', 'warrant', false, false],
      ['AAPL', 'common', false, false],
      ['KOSS', 'common', false, false],
      ['QQQ', 'etf', true, false],
      ['BRPMR', 'right', false, false],
      ['ZAZZT', 'common', false, true],
    ]);
    expect(records[3]).toEqual({
      symbol: 'AAPL',
      name: 'Apple Inc. - Common Stock',
      exchange: 'NASDAQ',
      type: 'common',
      isEtf: false,
      isTestIssue: false,
      isActive: true,
      marketCap: null,
      floatShares: null,
      sharesOutstanding: null,
      sector: null,
      industry: null,
      source: 'nasdaq-trader',
      asOf: '2021-01-27',
    });
  });

  it('reads otherlisted.txt (LF): exchange codes to config names and symbols in FINRA style', () => {
    const { records } = parseText(nasdaqDirectoryFormat, 'otherlisted.txt', fixture('otherlisted.txt'));
    expect(records.map((r) => [r.symbol, r.exchange, r.type])).toEqual([
      ['ABR', 'NYSE', 'common'],
      ['ABRpA', 'NYSE', 'preferred'],
      ['ACIC/U', 'NYSE', 'unit'],
      ['ACIC/WS', 'NYSE', 'warrant'],
      ['BF/B', 'NYSE', 'common'],
      ['GME', 'NYSE', 'common'],
      ['IMO', 'AMEX', 'common'],
      ['SPY', 'ARCA', 'etf'],
      ['CBOE', 'BATS', 'common'],
      ['ZIEXT', 'IEX', 'common'],
    ]);
    expect(records.find((r) => r.symbol === 'ZIEXT')!.isTestIssue).toBe(true);
    expect(records.every((r) => r.asOf === '2021-01-27')).toBe(true);
  });

  it('rejects a file without its trailer as truncated', () => {
    const text = fixture('nasdaqlisted.txt').split('\r\n').slice(0, 5).join('\r\n');
    const err = parseError(() => parseText(nasdaqDirectoryFormat, 'nasdaqlisted.txt', text));
    expect(err.reason).toMatch(/truncated file/);
  });

  it('fills asOf only at the end, from the trailer (it is the only date in the file)', () => {
    const parser = nasdaqDirectoryFormat.begin('otherlisted.txt', OTHER_HEADER);
    const r = parser.line('GME|GameStop Corporation Common Stock|N|GME|N|100|N|GME', 2);
    expect(r && 'record' in r && r.record.asOf).toBe('');
    parser.line('File Creation Time: 0705202408:31||||||', 3);
    parser.end(3);
    expect(r && 'record' in r && r.record.asOf).toBe('2024-07-05');
  });

  it.each([
    ['a header of another layout', 'Date|Symbol|ShortVolume|TotalVolume|Market', [TRAILER], 1, /header/],
    [
      'a row with a missing field',
      NASDAQ_HEADER,
      ['AAPL|Apple Inc. - Common Stock|Q|N|N|100|N', TRAILER],
      2,
      /expected 8 fields, found 7/,
    ],
    [
      'a flag that is not Y or N',
      NASDAQ_HEADER,
      ['AAPL|Apple Inc. - Common Stock|Q|X|N|100|N|N', TRAILER],
      2,
      /Test Issue/,
    ],
    [
      'data after the trailer',
      NASDAQ_HEADER,
      [TRAILER, 'AAPL|Apple Inc. - Common Stock|Q|N|N|100|N|N'],
      3,
      /after the File Creation Time/,
    ],
    ['a trailer without a valid date', NASDAQ_HEADER, ['File Creation Time: 1332202122:01|||||||'], 2, /not a valid/],
    ['an HTML page', '<html><head><title>Error</title></head>', [], 1, /HTML/],
  ])('rejects %s, naming the line', (_what, header, lines, line, reason) => {
    const err = parseError(() => parseText(nasdaqDirectoryFormat, 'x.txt', [header, ...lines].join('\r\n')));
    expect(err.line).toBe(line);
    expect(err.reason).toMatch(reason);
  });

  it('skips, and counts, a row of an unknown exchange code instead of rejecting the universe', () => {
    const text = [
      OTHER_HEADER,
      'GME|GameStop Corporation Common Stock|N|GME|N|100|N|GME',
      'NEWX|New Venue Listing Common Stock|Q|NEWX|N|100|N|NEWX',
      TRAILER,
    ].join('\n');
    const { records, skipped } = parseText(nasdaqDirectoryFormat, 'otherlisted.txt', text);
    expect(records.map((r) => r.symbol)).toEqual(['GME']);
    expect(skipped.get('unknown exchange code "Q"')).toBe(1);
  });
});

describe('directory helpers', () => {
  it.each([
    ['BRK.B', 'BRK.B', 'BRK/B'],
    ['ABR$D', 'ABRpD', 'ABRpD'],
    ['TDW.WS.A', 'TDW.WS.A', 'TDW/WS/A'],
    ['AAC.U', 'AAC.U', 'AAC/U'],
    ['ABR$D', '', 'ABRpD'],
    ['BF.A', '', 'BF/A'],
  ])('otherlisted %s (CQS %s) → %s', (act, cqs, finra) => {
    expect(otherListedSymbol(act, cqs)).toBe(finra);
  });

  it.each([
    ['UNT', 'Unit Corporation Common Stock', false, 'common'],
    ['DNAAU', 'Social Capital Suvretta Holdings Corp. I - Unit', false, 'unit'],
    ['XYZW', 'Example Acquisition Corp - Warrants expiring 6/30/2027', false, 'warrant'],
    ['XYZ/U', 'Example Corp Units, each consisting of one share and one Warrant', false, 'unit'],
    ['ABRpA', 'Arbor Realty Trust Preferred Series A', false, 'preferred'],
    ['XYZN', 'Example Corp 5.50% Senior Notes due 2030', false, 'other'],
    ['SPY', 'SPDR S&P 500 ETF Trust', true, 'etf'],
  ])('guessType(%s, %s) → %s', (symbol, name, etf, type) => {
    expect(guessType(symbol, name, etf)).toBe(type);
  });

  it.each([
    ['File Creation Time: 0127202122:01|||||||', '2021-01-27'],
    ['File Creation Time: 07292026 18:00||||||||', '2026-07-29'],
    ['File Creation Time: 0230202110:00|||||||', null],
    ['Symbol|Security Name', null],
  ])('trailerDate(%s) → %s', (line, date) => {
    expect(trailerDate(line)).toBe(date);
  });
});
