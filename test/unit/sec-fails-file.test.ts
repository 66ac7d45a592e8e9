import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/domain/line-format';
import { failsFormat, secFailsExcerptFormat, secFailsFormat } from '../../src/providers/sec/fails-file';
import { estimatedFailsPublication, failsPeriodFromName } from '../../src/market/sec-fails-calendar';
import { ParseError } from '../../src/shared/errors';
import { hasSharedData, sharedPath, SHARED_SKIP_MESSAGE } from '../support/shared-data';

const FTD_DIR = sharedPath('failedtodeliver-failedtodeliver.com/src/data');
const hasFtd = hasSharedData && existsSync(FTD_DIR);
const SKIP = hasFtd ? 'present' : `${SHARED_SKIP_MESSAGE}; or ${FTD_DIR} is missing`;
const HEADER = 'SETTLEMENT DATE|CUSIP|SYMBOL|QUANTITY (FAILS)|DESCRIPTION|PRICE';
const fixture = () => readFileSync(new URL('../fixtures/sec/cnsfails202402a.txt', import.meta.url), 'utf8');

function rejection(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('SEC fails-to-deliver file (own fixture, written from FORMATS-keyless.md §3)', () => {
  it('reads every row, the lone "." price as null, descriptions trimmed, file id and estimated publication', () => {
    const { records } = parseText(secFailsFormat, 'cnsfails202402a.txt', fixture());
    expect(records).toHaveLength(6);
    expect(records[3]).toEqual({
      symbol: 'SQZB',
      settlementDate: '2024-02-05',
      cusip: '12345A109',
      quantity: 65000,
      price: null,
      description: 'SQUEEZEBOT TEST CORP CL A',
      file: 'cnsfails202402a',
      source: 'sec-fails',
      // the a-half ends on Feb 14; + 14 days = Feb 28 2024, a Wednesday and a trading day
      publishedOn: '2024-02-28',
    });
  });

  it('reads CRLF line endings the same', () => {
    const crlf = fixture().replaceAll('\n', '\r\n');
    expect(parseText(secFailsFormat, 'cnsfails202402a.txt', crlf).records).toHaveLength(6);
  });

  it('takes the publication day it is given (a download: the fetch day)', () => {
    const f = failsFormat({ publishedOn: '2024-02-20' });
    expect(parseText(f, 'cnsfails202402a.txt', fixture()).records.every((r) => r.publishedOn === '2024-02-20')).toBe(
      true,
    );
  });

  it('names the period from the settlement dates when the file name does not', () => {
    const { records } = parseText(secFailsFormat, 'download.txt', fixture());
    expect(records[0]!.file).toBe('cnsfails202402a');
  });

  it('rejects a file without trailers as truncated, and accepts it as an excerpt with a warning', () => {
    const cut = fixture().split('\n').slice(0, 5).join('\n');
    const err = rejection(() => parseText(secFailsFormat, 'cnsfails202402a.txt', cut));
    expect(err.line).toBe(5);
    expect(err.reason).toMatch(/download is truncated \(4 rows read\)/);
    const warnings: string[] = [];
    const excerpt = failsFormat({ excerpt: true, onWarning: (w) => warnings.push(w) });
    expect(parseText(excerpt, 'cnsfails202402a.meme-symbols.txt', cut).records).toHaveLength(4);
    expect(warnings[0]).toMatch(/excerpt without trailers: its 4 rows are not checked/);
  });

  it.each([
    ['a wrong header', 'SETTLEMENT DATE|CUSIP|SYMBOL|QUANTITY|PRICE\n', 1, /header is not the SEC/],
    ['an HTML page', '<html><body>Request Rate Threshold Exceeded</body></html>\n', 1, /an HTML page/],
    ['5 fields', `${HEADER}\n20240201|12345A109|SQZB|50000|SQUEEZEBOT\n`, 2, /expected 6 fields, found 5/],
    ['a bad date', `${HEADER}\n2024-02-01|12345A109|SQZB|5|X|1.00\n`, 2, /SETTLEMENT DATE is not YYYYMMDD/],
    ['an impossible date', `${HEADER}\n20240231|12345A109|SQZB|5|X|1.00\n`, 2, /SETTLEMENT DATE/],
    ['a short CUSIP', `${HEADER}\n20240201|12345A10|SQZB|5|X|1.00\n`, 2, /CUSIP is not 9/],
    ['a decimal quantity', `${HEADER}\n20240201|12345A109|SQZB|5.5|X|1.00\n`, 2, /QUANTITY is not a whole/],
    ['a text price', `${HEADER}\n20240201|12345A109|SQZB|5|X|n/a\n`, 2, /PRICE is not a number/],
    [
      'a duplicate (date, CUSIP)',
      `${HEADER}\n20240201|12345A109|SQZB|5|X|1.00\n20240202|12345A109|SQZB|5|X|1.00\n20240201|12345A109|SQZB|7|X|1.00\n`,
      4,
      /20240201 12345A109 is listed twice \(first on line 2\)/,
    ],
    [
      'a count that does not match',
      `${HEADER}\n20240201|12345A109|SQZB|5|X|1.00\nTrailer record count 2\nTrailer total quantity of shares 5\n`,
      3,
      /trailer says 2 records, the file has 1/,
    ],
    [
      'a sum that does not match',
      `${HEADER}\n20240201|12345A109|SQZB|5|X|1.00\nTrailer record count 1\nTrailer total quantity of shares 6\n`,
      4,
      /trailer says 6 shares in total, the rows sum to 5/,
    ],
    [
      'data after the trailers',
      `${HEADER}\n20240201|12345A109|SQZB|5|X|1.00\nTrailer record count 1\n20240202|12345A109|SQZB|5|X|1.00\n`,
      4,
      /data after the trailer/,
    ],
  ])('rejects %s whole, naming the line', (_what, text, line, reason) => {
    const err = rejection(() => parseText(secFailsFormat, 'cnsfails202402a.txt', text));
    expect(err.line).toBe(line);
    expect(err.reason).toMatch(reason);
  });

  it('recognises the full file and the excerpt by header and name', () => {
    expect(secFailsFormat.recognise('cnsfails202402a.txt', HEADER)).toBe(true);
    expect(secFailsFormat.recognise('cnsfails202402a.meme-symbols.txt', HEADER)).toBe(false);
    expect(secFailsExcerptFormat.recognise('cnsfails202402a.meme-symbols.txt', HEADER)).toBe(true);
    expect(secFailsFormat.recognise('cnsfails202402a.txt', 'Symbol|Security Name')).toBe(false);
  });
});

describe.skipIf(!hasFtd)(`the real SEC files (${SKIP})`, () => {
  it('cnsfails202101b.txt: trailers match, the meme names as FORMATS quotes them', () => {
    const text = readFileSync(`${FTD_DIR}/cnsfails202101b.txt`, 'utf8');
    const trailerCount = Number(/Trailer record count (\d+)/.exec(text)![1]);
    const trailerSum = Number(/Trailer total quantity of shares (\d+)/.exec(text)![1]);
    const { records, skipped } = parseText(secFailsFormat, 'cnsfails202101b.txt', text);
    expect(skipped.size).toBe(0);
    expect(records).toHaveLength(trailerCount);
    expect(trailerCount).toBe(55972);
    expect(records.reduce((s, r) => s + r.quantity, 0)).toBe(trailerSum);
    const at = (symbol: string, date: string) =>
      records.find((r) => r.symbol === symbol && r.settlementDate === date)?.quantity;
    expect(at('GME', '2021-01-27')).toBe(1_972_862);
    expect(at('GME', '2021-01-28')).toBe(1_032_986);
    expect(at('AMC', '2021-01-27')).toBe(27_693_649);
    // the lone "." prices, counted in the raw text
    const dots = text.split('\n').filter((l) => /\|\.\r?$/.test(l)).length;
    expect(dots).toBe(735);
    expect(records.filter((r) => r.price === null)).toHaveLength(dots);
    expect(new Set(records.map((r) => r.file))).toEqual(new Set(['cnsfails202101b']));
    // 2021-01-31 + 14 = 02-14 (Sunday), 02-15 Presidents' Day: first trading day 02-16
    expect(records[0]!.publishedOn).toBe(estimatedFailsPublication(failsPeriodFromName('cnsfails202101b')!));
    expect(records[0]!.publishedOn).toBe('2021-02-16');
    expect(records.every((r) => r.description === r.description?.trim())).toBe(true);
  });

  it('the real file cut before its trailers is rejected as truncated', () => {
    const text = readFileSync(`${FTD_DIR}/cnsfails202101b.txt`, 'utf8');
    const cut = text.slice(0, text.indexOf('Trailer record count'));
    const err = rejection(() => parseText(secFailsFormat, 'cnsfails202101b.txt', cut));
    expect(err.reason).toMatch(/truncated \(55972 rows read\)/);
  });

  const excerpts = hasFtd ? readdirSync(`${FTD_DIR}/meme-excerpts`).filter((f) => f.endsWith('.txt')) : [];
  it.each(excerpts)('%s: every line read as an excerpt, rejected as a full file', (name) => {
    const text = readFileSync(`${FTD_DIR}/meme-excerpts/${name}`, 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '').length - 1;
    const warnings: string[] = [];
    const { records } = parseText(failsFormat({ excerpt: true, onWarning: (w) => warnings.push(w) }), name, text);
    expect(records).toHaveLength(lines);
    expect(warnings).toHaveLength(1);
    expect(records.every((r) => r.file === name.slice(0, 'cnsfailsYYYYMMx'.length))).toBe(true);
    expect(new Set(records.map((r) => r.symbol)).has('GME')).toBe(true);
    expect(() => parseText(secFailsFormat, name.replace('.meme-symbols', ''), text)).toThrow(/truncated/);
  });
});

describe('half-month periods as the real files split them', () => {
  it('puts the 14th in a and the 15th in b', async () => {
    const { failsPeriodOf, failsFileId } = await import('../../src/market/sec-fails-calendar');
    expect(failsFileId(failsPeriodOf('2021-01-14'))).toBe('cnsfails202101a');
    expect(failsFileId(failsPeriodOf('2021-01-15'))).toBe('cnsfails202101b');
    expect(failsFileId(failsPeriodOf('2021-01-29'))).toBe('cnsfails202101b');
  });
});
