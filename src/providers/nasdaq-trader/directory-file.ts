import { ParseError } from '../../shared/errors';
import type { SymbolRecord } from '../../domain/market-data';
import type { LineFormat, LineParser } from '../../domain/line-format';
import { fromPolygon, symbolKind } from '../../market/symbol-map';

// Nasdaq Trader symbol directory (www.nasdaqtrader.com/dynamic/SymDir/), two pipe files:
//   nasdaqlisted.txt  Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares
//   otherlisted.txt   ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol
// each closed by a `File Creation Time: mmddyyyyhh:mm|||...` line. That trailer is the only proof the
// download is complete and the only date in the file, so it is required.
//
// Every record's `asOf` is the trailer's date, known only at the end: records carry '' until the
// parser's end() fills them in. Nothing may be stored before end() has passed (which a whole-file
// import does anyway: a file without its trailer is rejected whole).

export const NASDAQ_LISTED_HEADER =
  'Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares';
export const OTHER_LISTED_HEADER =
  'ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol';
export const SOURCE_NASDAQ_TRADER = 'nasdaq-trader';

const FILE_NAMES = /(^|[\\/])(nasdaqlisted|otherlisted)\.txt$/i;
const TRAILER = /^File Creation Time:\s*(\d{2})(\d{2})(\d{4})\s*(\d{2}):(\d{2})/;

/** The ISO date of a `File Creation Time` trailer line, or null when the line is not a valid one. */
export function trailerDate(line: string): string | null {
  const m = TRAILER.exec(line.trim());
  if (!m) return null;
  const [, mm, dd, yyyy] = m;
  const date = `${yyyy}-${mm}-${dd}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}

/** otherlisted.txt `Exchange` codes → the config's exchange names. */
export const OTHER_EXCHANGES: Readonly<Record<string, string>> = {
  A: 'AMEX', // NYSE American
  N: 'NYSE',
  P: 'ARCA', // NYSE Arca
  Z: 'BATS', // Cboe BZX
  V: 'IEX',
};

/**
 * otherlisted.txt's own symbol in FINRA/CMS style, the style the rest of the bot keys on. The CQS
 * column is FINRA style with `.` for `/` (`BRK.B`, `ABRpD`, `ACIC.WS`, `AAC.U`, rights `r`); when it
 * is blank the ACT column is used (`BRK.B`, `ABR$D`: `$` marks a preferred).
 */
export function otherListedSymbol(act: string, cqs: string): string {
  if (cqs !== '') return fromPolygon(cqs);
  return act.replace(/\$/g, 'p').replace(/\./g, '/');
}

/** A best guess at the instrument type: the flags, then the symbol's suffix, then the name. */
export function guessType(
  symbol: string,
  name: string,
  etf: boolean,
  nextShares = false,
): NonNullable<SymbolRecord['type']> {
  if (etf) return 'etf';
  if (nextShares) return 'fund';
  const bySuffix = symbolKind(symbol);
  if (bySuffix !== 'common') return bySuffix;
  // Nasdaq's fifth-letter codes (`DNAAW`, `DNAAU`) look like plain roots: the name tells
  const n = name.toLowerCase();
  // the word must describe the security, not be part of the company's name ("Unit Corporation Common
  // Stock"): it ends the name or is followed by a comma, "each", "to", "expiring", ... The first such
  // word decides: "Units, each consisting of one share and one-third of one Warrant" is a unit.
  const first = /\b(warrant|unit|right)s?\b(?=\s*(?:$|[,;(]|each\b|to\b|expir|exercisable\b|for\b|\d))/.exec(n)?.[1];
  if (first) return first as 'warrant' | 'unit' | 'right';
  if (/\bpreferred\b|\bpfd\b/.test(n)) return 'preferred';
  if (/\bnotes? due\b|\bdebentures?\b|\bsenior notes\b|\bsubordinated notes\b/.test(n)) return 'other';
  return 'common';
}

function flag(value: string, column: string, fileName: string, lineNo: number): boolean {
  const v = value.trim();
  if (v === 'Y') return true;
  if (v === 'N' || v === '') return false;
  throw new ParseError(fileName, lineNo, `${column} is not Y or N: ${JSON.stringify(v)}`);
}

type Layout = 'nasdaq' | 'other';

/** A record, or the reason the row is skipped. */
function record(layout: Layout, f: string[], fileName: string, lineNo: number): SymbolRecord | string {
  const name = f[1]!.trim();
  const act = f[0]!.trim();
  let symbol: string;
  let exchange: string;
  let etf: boolean;
  let test: boolean;
  let nextShares = false;
  if (layout === 'nasdaq') {
    symbol = act;
    exchange = 'NASDAQ';
    test = flag(f[3]!, 'Test Issue', fileName, lineNo);
    etf = flag(f[6]!, 'ETF', fileName, lineNo);
    nextShares = flag(f[7]!, 'NextShares', fileName, lineNo);
  } else {
    symbol = otherListedSymbol(act, f[3]!.trim());
    const code = f[2]!.trim();
    const mapped = OTHER_EXCHANGES[code];
    // a new venue code should not sink the whole universe: the row is skipped and counted
    if (!mapped) return `unknown exchange code ${JSON.stringify(code)}`;
    exchange = mapped;
    etf = flag(f[4]!, 'ETF', fileName, lineNo);
    test = flag(f[6]!, 'Test Issue', fileName, lineNo);
  }
  if (act === '') return 'empty symbol';
  return {
    symbol,
    name: name || null,
    exchange,
    type: guessType(symbol, name, etf, nextShares),
    isEtf: etf,
    isTestIssue: test,
    isActive: true,
    marketCap: null,
    floatShares: null,
    sharesOutstanding: null,
    sector: null,
    industry: null,
    source: SOURCE_NASDAQ_TRADER,
    asOf: '',
  };
}

export const nasdaqDirectoryFormat: LineFormat<SymbolRecord> = {
  kind: 'nasdaq-directory',
  dataset: 'universe',
  recognise(fileName, firstLine) {
    const header = firstLine.trim();
    return (
      header === NASDAQ_LISTED_HEADER ||
      header === OTHER_LISTED_HEADER ||
      (FILE_NAMES.test(fileName) && !header.startsWith('<'))
    );
  },
  begin(fileName, headerLine): LineParser<SymbolRecord> {
    const header = headerLine.trim();
    if (header.startsWith('<')) throw new ParseError(fileName, 1, 'an HTML page, not a Nasdaq Trader symbol file');
    const layout: Layout | null =
      header === NASDAQ_LISTED_HEADER ? 'nasdaq' : header === OTHER_LISTED_HEADER ? 'other' : null;
    if (!layout)
      throw new ParseError(
        fileName,
        1,
        `header is not a Nasdaq Trader directory layout: expected "${NASDAQ_LISTED_HEADER}" or "${OTHER_LISTED_HEADER}"`,
      );
    const emitted: SymbolRecord[] = [];
    let asOf: string | null = null;
    return {
      line(raw, lineNo) {
        const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (text.trim() === '') return null;
        if (asOf !== null) throw new ParseError(fileName, lineNo, 'data after the File Creation Time trailer');
        if (text.startsWith('File Creation Time')) {
          const date = trailerDate(text);
          if (!date)
            throw new ParseError(
              fileName,
              lineNo,
              `File Creation Time is not a valid mmddyyyyhh:mm: ${JSON.stringify(text.slice(0, 50))}`,
            );
          asOf = date;
          return null;
        }
        const f = text.split('|');
        if (f.length !== 8) throw new ParseError(fileName, lineNo, `expected 8 fields, found ${f.length}`);
        const r = record(layout, f, fileName, lineNo);
        if (typeof r === 'string') return { skip: r };
        emitted.push(r);
        return { record: r };
      },
      end(lastLineNo) {
        if (asOf === null) {
          throw new ParseError(
            fileName,
            lastLineNo,
            `truncated file: no "File Creation Time" trailer (${emitted.length} rows read)`,
          );
        }
        for (const r of emitted) r.asOf = asOf;
      },
    };
  },
};
