import type { LineFormat } from '../../domain/line-format';
import type { BorrowSnapshot } from '../../domain/short-supply';
import { fromIbkr } from '../../market/symbol-map';
import { MARKET_TIME_ZONE, marketDateAt, zoneOffsetMs } from '../../market/market-time';
import { ParseError } from '../../shared/errors';

// IBKR's stock-loan file `usa.txt` (FORMATS-keyless.md §2): pipe-separated, every line ending in `|`,
// `#BOF|YYYY.MM.DD|HH:MM:SS` first, a `#SYM|…` header of 8 columns (9 with FIGI in newer files), one
// security a line, and `#EOF|N` last with N the data rows (some files print a bare `#EOF`). A file without
// #EOF was cut short in transfer and is refused whole, as is any bad line (with its number and why).
//
// The stamp carries no zone; third-party notes say US Eastern, so it is read as New York wall time.
// Point in time: a snapshot is known from the moment it was taken, so it is published on the New York
// calendar date of its stamp.

export const IBKR_SOURCE = 'ibkr';
/** the file prints more than this as `>10000000` */
export const AVAILABLE_CAP = 10_000_000;

const HEADER8 = ['#SYM', 'CUR', 'NAME', 'CON', 'ISIN', 'REBATERATE', 'FEERATE', 'AVAILABLE'] as const;
const HEADER9 = [...HEADER8, 'FIGI'] as const;
const BOF = /^#BOF\|(\d{4})\.(\d{2})\.(\d{2})\|(\d{2}):(\d{2}):(\d{2})\|?$/;
const EOF = /^#EOF(?:\|(\d*))?\|?$/;
const RATE = /^-?\d+(?:\.\d+)?$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** One line of the file: what is stored, plus the name and conid the file gives (not stored). */
export interface StockLoanRow extends BorrowSnapshot {
  /** SYM as the file prints it (`ABR PRD`); `symbol` is ours (`ABRpD`, symbol-map.ts) */
  fileSymbol: string;
  name: string;
  conid: number;
}

/** `&amp;`, `&#39;`, `&#x27;` → the characters; an unknown entity is left as printed. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

/** `2022.08.06`, `22:30:03` read as New York wall time → ISO-8601 UTC instant. */
export function easternToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // the offset at the guessed instant, then once more at the corrected one (a DST change in between)
  let t = asUtc - zoneOffsetMs(asUtc, MARKET_TIME_ZONE);
  t = asUtc - zoneOffsetMs(t, MARKET_TIME_ZONE);
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** The `#BOF` stamp → takenAt (UTC) and publishedOn (New York date); null when the line is not one. */
export function parseBof(line: string): { takenAt: string; publishedOn: string } | null {
  const m = BOF.exec(line.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const takenAt = easternToUtc(y, mo, d, h, mi, s);
  return { takenAt, publishedOn: marketDateAt(new Date(takenAt)) };
}

function rate(field: string, column: string, fileName: string, lineNo: number): number | null {
  const v = field.trim();
  if (v === 'NA') return null;
  if (!RATE.test(v)) throw new ParseError(fileName, lineNo, `${column} is not a rate or NA: ${JSON.stringify(v)}`);
  return Number(v);
}

function available(field: string, fileName: string, lineNo: number): { available: number; capped: boolean } {
  const v = field.trim();
  if (v.startsWith('>')) {
    if (v !== `>${AVAILABLE_CAP}`)
      throw new ParseError(fileName, lineNo, `AVAILABLE cap is not >${AVAILABLE_CAP}: ${v}`);
    return { available: AVAILABLE_CAP, capped: true };
  }
  if (!/^\d+$/.test(v)) throw new ParseError(fileName, lineNo, `AVAILABLE is not a share count: ${JSON.stringify(v)}`);
  return { available: Number(v), capped: false };
}

function headerOf(line: string): readonly string[] | null {
  const f = line.trim().split('|');
  if (f.at(-1) === '') f.pop();
  const names = f.map((n) => n.trim().toUpperCase());
  for (const h of [HEADER8, HEADER9]) {
    if (names.length === h.length && names.every((n, i) => n === h[i])) return h;
  }
  return null;
}

export const ibkrStockLoanFormat: LineFormat<StockLoanRow> = {
  kind: 'ibkr-stockloan',
  dataset: 'borrow',
  recognise(_fileName, firstLine) {
    return parseBof(firstLine) !== null;
  },
  begin(fileName, bofLine) {
    if (bofLine.trimStart().startsWith('<')) {
      throw new ParseError(fileName, 1, 'an HTML page, not a stock-loan file (a block or error page)');
    }
    const stamp = parseBof(bofLine);
    if (!stamp) throw new ParseError(fileName, 1, 'first line is not #BOF|YYYY.MM.DD|HH:MM:SS');
    let header: readonly string[] | null = null;
    let eof = false;
    let rows = 0;
    const seen = new Set<string>();
    return {
      line(raw, lineNo) {
        const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (text.trim() === '') return null;
        if (eof) throw new ParseError(fileName, lineNo, 'data after the #EOF line that ends the file');
        if (!header) {
          header = headerOf(text);
          if (!header) {
            throw new ParseError(fileName, lineNo, `header is not ${HEADER8.join('|')}| (optionally |FIGI|)`);
          }
          return null;
        }
        if (text.startsWith('#EOF')) {
          const m = EOF.exec(text.trim());
          if (!m) throw new ParseError(fileName, lineNo, `#EOF line is not #EOF|N: ${JSON.stringify(text)}`);
          if (m[1] && Number(m[1]) !== rows) {
            throw new ParseError(fileName, lineNo, `#EOF says ${m[1]} rows, the file holds ${rows}`);
          }
          eof = true;
          return null;
        }
        const f = text.split('|');
        // every line ends with `|`: the split gives one empty field more than the header
        if (f.length !== header.length + 1 || f.at(-1) !== '') {
          throw new ParseError(
            fileName,
            lineNo,
            `expected ${header.length} fields each ended by |, found ${f.at(-1) === '' ? f.length - 1 : f.length}`,
          );
        }
        const fileSymbol = f[0]!.trim();
        const symbol = fromIbkr(fileSymbol);
        if (fileSymbol === '' || fileSymbol.startsWith('#')) {
          throw new ParseError(fileName, lineNo, `SYM is empty or a marker: ${JSON.stringify(f[0])}`);
        }
        if (seen.has(symbol)) throw new ParseError(fileName, lineNo, `${symbol} is listed twice`);
        seen.add(symbol);
        const conid = f[3]!.trim();
        if (!/^\d+$/.test(conid))
          throw new ParseError(fileName, lineNo, `CON is not an integer: ${JSON.stringify(conid)}`);
        const avail = available(f[7]!, fileName, lineNo);
        rows++;
        return {
          record: {
            symbol,
            takenAt: stamp.takenAt,
            feeRate: rate(f[6]!, 'FEERATE', fileName, lineNo),
            rebateRate: rate(f[5]!, 'REBATERATE', fileName, lineNo),
            available: avail.available,
            availableCapped: avail.capped,
            source: IBKR_SOURCE,
            publishedOn: stamp.publishedOn,
            fileSymbol,
            name: decodeEntities(f[2]!.trim()),
            conid: Number(conid),
          },
        };
      },
      end(lastLineNo) {
        if (!header) throw new ParseError(fileName, lastLineNo, 'no #SYM header line');
        if (!eof) {
          throw new ParseError(
            fileName,
            lastLineNo,
            `no #EOF line at the end: the file is truncated (${rows} rows read)`,
          );
        }
      },
    };
  },
};
