import { ParseError } from '../../shared/errors';
import type { DailyBar } from '../../domain/market-data';
import type { LineFormat } from '../../domain/line-format';

// Daily bars in Yahoo Finance's CSV layouts, as users download or export them (FORMATS.md):
//   Date,Open,High,Low,Close,Adj Close,Volume                        (the download button)
//   Date;Open;High;Low;Close;Volume;Dividends;Stock Splits            (yfinance history().to_csv(sep=';'))
// Columns are found by name, so extra ones (an index, author columns) are ignored. The symbol is
// not in the file: it comes from the name, `GME.csv` or `GME_2000-01-01_2021-06-04_1d.csv`.

export const SOURCE_YAHOO_CSV = 'yahoo-csv';
export const NULL_ROW = 'null values (a hole in Yahoo data)';

const NAME = /^([A-Za-z0-9^][A-Za-z0-9.\-=^]*?)(?:_[^/\\]*)?\.csv$/i;
const REQUIRED = ['Date', 'Open', 'High', 'Low', 'Close', 'Volume'] as const;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
// `2021-01-04`, or with a time and zone as yfinance writes an index: `2021-01-04 00:00:00-05:00`
const DATE = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[-+]\d{2}:?\d{2})?)?$/;

/** The symbol a file name carries, upper-cased, or null. */
export function yahooSymbolFromFileName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const m = NAME.exec(base);
  return m ? m[1]!.toUpperCase() : null;
}

function headerColumns(header: string): { delimiter: string; index: Map<string, number> } | null {
  const delimiter = header.includes(';') && !header.includes(',') ? ';' : ',';
  const names = header.split(delimiter).map((n) => n.trim().replace(/^"(.*)"$/, '$1'));
  if (names[0] !== 'Date') return null;
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (!index.has(n)) index.set(n, i);
  });
  return REQUIRED.every((c) => index.has(c)) ? { delimiter, index } : null;
}

export const yahooDailyCsvFormat: LineFormat<DailyBar> = {
  kind: 'yahoo-daily',
  dataset: 'bars',
  recognise(fileName, firstLine) {
    return /\.csv$/i.test(fileName) && headerColumns(firstLine.trim()) !== null;
  },
  begin(fileName, headerLine) {
    const cols = headerColumns(headerLine.trim());
    if (!cols)
      throw new ParseError(
        fileName,
        1,
        `header is not Yahoo's daily layout: expected "Date,Open,High,Low,Close,Adj Close,Volume"`,
      );
    const symbol = yahooSymbolFromFileName(fileName);
    if (!symbol)
      throw new ParseError(
        fileName,
        null,
        'the file name does not give the symbol: name it SYMBOL.csv or SYMBOL_anything.csv',
      );
    const { delimiter, index } = cols;
    const iDate = index.get('Date')!;
    const iOpen = index.get('Open')!;
    const iHigh = index.get('High')!;
    const iLow = index.get('Low')!;
    const iClose = index.get('Close')!;
    const iVolume = index.get('Volume')!;
    const iAdj = index.get('Adj Close') ?? -1;
    const need = Math.max(iDate, iOpen, iHigh, iLow, iClose, iVolume, iAdj) + 1;

    function num(f: string[], i: number, name: string, lineNo: number): number {
      const v = f[i]!.trim();
      if (!NUMBER.test(v)) throw new ParseError(fileName, lineNo, `${name} is not a number: ${JSON.stringify(v)}`);
      return Number(v);
    }

    return {
      line(text, lineNo) {
        if (text.trim() === '') return null;
        const f = text.split(delimiter);
        if (f.length < need)
          throw new ParseError(fileName, lineNo, `expected at least ${need} fields, found ${f.length}`);
        const d = DATE.exec(f[iDate]!.trim());
        if (!d) throw new ParseError(fileName, lineNo, `Date is not YYYY-MM-DD: ${JSON.stringify(f[iDate])}`);
        const date = d[1]!;
        for (const i of [iOpen, iHigh, iLow, iClose, iVolume]) {
          const v = f[i]!.trim();
          if (v === 'null' || v === '') return { skip: NULL_ROW };
        }
        const adjRaw = iAdj >= 0 ? f[iAdj]!.trim() : '';
        return {
          record: {
            symbol,
            date,
            open: num(f, iOpen, 'Open', lineNo),
            high: num(f, iHigh, 'High', lineNo),
            low: num(f, iLow, 'Low', lineNo),
            close: num(f, iClose, 'Close', lineNo),
            adjClose: adjRaw === '' || adjRaw === 'null' ? null : num(f, iAdj, 'Adj Close', lineNo),
            volume: num(f, iVolume, 'Volume', lineNo),
            vwap: null,
            trades: null,
            source: SOURCE_YAHOO_CSV,
            // a downloaded daily bar is known at the close of its own day
            publishedOn: date,
          },
        };
      },
      end() {
        // No trailer in Yahoo files: a truncated download is indistinguishable from a short one.
      },
    };
  },
};
