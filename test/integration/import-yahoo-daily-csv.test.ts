import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/domain/line-format';
import { ParseError } from '../../src/shared/errors';
import { yahooDailyCsvFormat, yahooSymbolFromFileName } from '../../src/ingest/importers/yahoo-daily-csv';
import { recogniseFile } from '../../src/ingest/importers/recognise-file';

// Yahoo's layouts as FORMATS.md and PROVENANCE §4/§5 describe them, hand-written rows.

const COMMA = 'Date,Open,High,Low,Close,Adj Close,Volume';
const SEMI = 'Date;Open;High;Low;Close;Volume;Dividends;Stock Splits';

describe('the Yahoo daily CSV format', () => {
  it.each([
    ['GME.csv', 'GME'],
    ['GME_2000-01-01_2021-06-04_1d.csv', 'GME'],
    ['brk-b.csv', 'BRK-B'],
    ['^VIX.csv', '^VIX'],
    ['prices/AMC.CSV', 'AMC'],
    ['.csv', null],
    ['GME.txt', null],
  ])('takes the symbol from the file name %s', (name, symbol) => {
    expect(yahooSymbolFromFileName(name)).toBe(symbol);
  });

  it('is recognised by its columns in either layout, with extra columns, but not other CSVs', () => {
    expect(recogniseFile('GME.csv', COMMA)).toMatchObject({ type: 'format', format: { kind: 'yahoo-daily' } });
    expect(recogniseFile('GME.csv', `${COMMA},date_id,OC_High,OC_Low`)).toMatchObject({
      type: 'format',
      format: { kind: 'yahoo-daily' },
    });
    expect(recogniseFile('GME_x.csv', SEMI)).toMatchObject({ type: 'format', format: { kind: 'yahoo-daily' } });
    expect(
      recogniseFile('CNMS_data.csv', ',Date,Symbol,ShortVolume,ShortExemptVolume,TotalVolume,Market'),
    ).toMatchObject({ type: 'skip' });
    expect(yahooDailyCsvFormat.recognise('GME.txt', COMMA)).toBe(false);
  });

  it('maps a comma file, ignoring extra columns, with the date as the publication day', () => {
    const { records } = parseText(
      yahooDailyCsvFormat,
      'TSLA.csv',
      `${COMMA},date_id\r\n2021-01-27,870.35,891.5,858.66,864.16,864.16,27334000,270\r\n`,
    );
    expect(records).toEqual([
      {
        symbol: 'TSLA',
        date: '2021-01-27',
        open: 870.35,
        high: 891.5,
        low: 858.66,
        close: 864.16,
        adjClose: 864.16,
        volume: 27334000,
        vwap: null,
        trades: null,
        source: 'yahoo-csv',
        publishedOn: '2021-01-27',
      },
    ]);
  });

  it('reads a semicolon file without Adj Close, with a time and zone on the date', () => {
    const { records } = parseText(
      yahooDailyCsvFormat,
      'GME_2000-01-01_2021-06-04_1d.csv',
      `${SEMI}\n2021-01-27 00:00:00-05:00;354.83;380.0;249.0;347.51;93396700;0.0;0.0\n`,
    );
    expect(records).toMatchObject([
      { symbol: 'GME', date: '2021-01-27', close: 347.51, adjClose: null, volume: 93396700 },
    ]);
  });

  it('skips Yahoo null rows with a reason and keeps the rest', () => {
    const { records, skipped } = parseText(
      yahooDailyCsvFormat,
      'NOK.csv',
      `${COMMA}\n2020-03-09,null,null,null,null,null,null\n2020-03-10,3.1,3.2,3.0,3.15,3.15,100\n`,
    );
    expect(records).toHaveLength(1);
    expect([...skipped]).toEqual([['null values (a hole in Yahoo data)', 1]]);
  });

  it.each([
    ['a bad date', `${COMMA}\n27/01/2021,1,2,0.5,1.5,1.5,100\n`, 2, 'Date is not YYYY-MM-DD'],
    ['a text volume', `${COMMA}\n2021-01-27,1,2,0.5,1.5,1.5,lots\n`, 2, 'Volume is not a number: "lots"'],
    ['a short row', `${COMMA}\n2021-01-27,1,2\n`, 2, 'expected at least 7 fields, found 3'],
  ])('rejects %s, naming the line', (_what, text, line, reason) => {
    try {
      parseText(yahooDailyCsvFormat, 'GME.csv', text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      expect(err).toMatchObject({ line, reason: expect.stringContaining(reason) as string });
    }
  });

  it('rejects a file whose name gives no symbol', () => {
    expect(() => parseText(yahooDailyCsvFormat, '.csv', `${COMMA}\n`)).toThrow(/file name does not give the symbol/);
  });
});
