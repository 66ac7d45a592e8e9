import type { LineFormat } from '../../domain/line-format';
import type { FailsRow } from '../../domain/short-supply';
import { isIsoDate } from '../../market/iso-date';
import {
  estimatedFailsPublication,
  failsFileId,
  failsPeriodFromName,
  failsPeriodOf,
  type FailsPeriod,
} from '../../market/sec-fails-calendar';
import { ParseError } from '../../shared/errors';

// The SEC's fails-to-deliver half-month file `cnsfails{YYYYMM}{a|b}.txt` (FORMATS-keyless.md §3, checked
// on real files): a header, 6 pipe-separated fields a line, then two trailer lines without pipes —
// `Trailer record count N` (= data rows) and `Trailer total quantity of shares N` (= sum of QUANTITY).
// The trailers are how a complete file is told from a cut download: without them the file is rejected,
// unless the caller says it is an excerpt (the meme-symbol extracts some sites share keep the header and
// a few symbols' lines, no trailers), and then a warning says its rows were not checked against a count.
//
// Quirks kept: PRICE is the previous trading day's close, a lone `.` when missing (→ null); DESCRIPTION
// is cut at 30 characters with trailing spaces (trimmed here); rows are sorted with letters before digits
// in the CUSIP, so nothing here relies on the order. A (date, CUSIP) pair twice is a broken file.

export const FAILS_HEADER = 'SETTLEMENT DATE|CUSIP|SYMBOL|QUANTITY (FAILS)|DESCRIPTION|PRICE';
export const FAILS_SOURCE = 'sec-fails';
const FIELDS = 6;
const RECORD_COUNT = /^Trailer record count (\d+)$/;
const TOTAL_QUANTITY = /^Trailer total quantity of shares (\d+)$/;
const CUSIP = /^[0-9A-Z]{9}$/;
const QUANTITY = /^\d+$/;
const PRICE = /^\d*\.?\d+$|^\d+\.$/;

export interface FailsFileOptions {
  /** an excerpt without trailers is accepted (with a warning) instead of rejected as truncated */
  excerpt?: boolean;
  /**
   * the market date the file became known: the fetch day for a download; for an import (no fetch day
   * known) the estimate of sec-fails-calendar.ts, half-month end + 14 days
   */
  publishedOn?: string;
  /** a warning about the file as a whole (an excerpt's unchecked rows) */
  onWarning?: (message: string) => void;
}

/** What an import says beside an excerpt: it may be a cut download, and symbols left out read as no fails. */
export const EXCERPT_WARNING =
  'an excerpt without trailers: its rows are not checked against a record count, and symbols left out of it are not held';

export function failsHeaderMatches(line: string): boolean {
  return line.replace(/\r$/, '').trim().toUpperCase() === FAILS_HEADER;
}

function settlementDate(raw: string): string | null {
  if (!/^\d{8}$/.test(raw)) return null;
  const d = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  return isIsoDate(d) ? d : null;
}

export function failsFormat(options: FailsFileOptions = {}): LineFormat<FailsRow> {
  return {
    kind: options.excerpt ? 'sec-fails-excerpt' : 'sec-fails',
    dataset: 'fails',
    ...(options.excerpt && { warning: () => EXCERPT_WARNING }),
    recognise(fileName, firstLine) {
      if (!failsHeaderMatches(firstLine)) return false;
      // the excerpt format takes only files named as excerpts; the full format takes the rest
      return isExcerptName(fileName) === Boolean(options.excerpt);
    },
    begin(fileName, headerLine) {
      if (headerLine.trimStart().startsWith('<')) {
        throw new ParseError(fileName, 1, 'an HTML page, not a fails-to-deliver file (a block or error page)');
      }
      if (!failsHeaderMatches(headerLine)) {
        throw new ParseError(fileName, 1, `header is not the SEC fails-to-deliver layout: expected "${FAILS_HEADER}"`);
      }
      const named = failsPeriodFromName(fileName);
      const rows: FailsRow[] = [];
      const seen = new Map<string, number>();
      let dataRows = 0;
      let sum = 0;
      let count: { n: number; line: number } | null = null;
      let total: { n: number; line: number } | null = null;
      let newest = '';
      return {
        line(raw, lineNo) {
          const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
          if (text.trim() === '') return null;
          const c = RECORD_COUNT.exec(text.trim());
          if (c) {
            if (count) throw new ParseError(fileName, lineNo, 'a second "Trailer record count" line');
            count = { n: Number(c[1]), line: lineNo };
            return null;
          }
          const t = TOTAL_QUANTITY.exec(text.trim());
          if (t) {
            if (total) throw new ParseError(fileName, lineNo, 'a second "Trailer total quantity" line');
            total = { n: Number(t[1]), line: lineNo };
            return null;
          }
          if (count || total) throw new ParseError(fileName, lineNo, 'data after the trailer lines that end the file');
          const f = text.split('|');
          if (f.length !== FIELDS)
            throw new ParseError(fileName, lineNo, `expected ${FIELDS} fields, found ${f.length}`);
          const date = settlementDate(f[0]!.trim());
          if (!date) throw new ParseError(fileName, lineNo, `SETTLEMENT DATE is not YYYYMMDD: ${JSON.stringify(f[0])}`);
          const cusip = f[1]!.trim().toUpperCase();
          if (!CUSIP.test(cusip))
            throw new ParseError(fileName, lineNo, `CUSIP is not 9 characters: ${JSON.stringify(f[1])}`);
          const key = `${date}|${cusip}`;
          const first = seen.get(key);
          if (first !== undefined) {
            throw new ParseError(fileName, lineNo, `${f[0]} ${cusip} is listed twice (first on line ${first})`);
          }
          seen.set(key, lineNo);
          dataRows++;
          const q = f[3]!.trim();
          if (!QUANTITY.test(q))
            throw new ParseError(fileName, lineNo, `QUANTITY is not a whole number: ${JSON.stringify(f[3])}`);
          const quantity = Number(q);
          sum += quantity;
          const p = f[5]!.trim();
          let price: number | null = null;
          if (p !== '.' && p !== '') {
            if (!PRICE.test(p))
              throw new ParseError(fileName, lineNo, `PRICE is not a number or ".": ${JSON.stringify(f[5])}`);
            price = Number(p);
          }
          const symbol = f[2]!.trim().toUpperCase();
          // never empty in the files checked; a row without a symbol cannot be joined to anything
          if (symbol === '') return { skip: 'no SYMBOL' };
          if (quantity === 0) return { skip: 'zero QUANTITY' };
          if (date > newest) newest = date;
          const row: FailsRow = {
            symbol,
            settlementDate: date,
            cusip,
            quantity,
            price,
            description: f[4]!.trim() || null,
            file: '',
            source: FAILS_SOURCE,
            publishedOn: '',
          };
          rows.push(row);
          return { record: row };
        },
        end(lastLineNo) {
          if (!count || !total) {
            if (!options.excerpt) {
              throw new ParseError(
                fileName,
                lastLineNo,
                `no "Trailer record count" and "Trailer total quantity of shares" lines at the end: the download is truncated (${dataRows} rows read)`,
              );
            }
            options.onWarning?.(
              `${fileName}: an excerpt without trailers: its ${dataRows} rows are not checked against a record count, and symbols left out of it read as no fails`,
            );
          } else {
            if (count.n !== dataRows) {
              throw new ParseError(fileName, count.line, `trailer says ${count.n} records, the file has ${dataRows}`);
            }
            if (total.n !== sum) {
              throw new ParseError(
                fileName,
                total.line,
                `trailer says ${total.n} shares in total, the rows sum to ${sum}`,
              );
            }
          }
          const period: FailsPeriod | null = named ?? (newest ? failsPeriodOf(newest) : null);
          if (!period) return;
          const file = failsFileId(period);
          const publishedOn = options.publishedOn ?? estimatedFailsPublication(period);
          for (const r of rows) {
            r.file = file;
            r.publishedOn = publishedOn;
          }
        },
      };
    },
  };
}

/** Excerpts are named `cnsfails202101a.meme-symbols.txt` where they are shared. */
export function isExcerptName(fileName: string): boolean {
  return /\.meme-symbols\.txt$/i.test(fileName);
}

/** The strict format (a complete half-month file) and the excerpt one, as `squeezebot import` registers them. */
export const secFailsFormat = failsFormat();
export const secFailsExcerptFormat = failsFormat({ excerpt: true });
