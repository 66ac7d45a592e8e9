import type { LineFormat } from '../../domain/line-format';
import type { ThresholdMarket, ThresholdRow } from '../../domain/short-supply';
import { isIsoDate } from '../../market/iso-date';
import { isTradingDay, nextTradingDay, previousTradingDay } from '../../market/trading-calendar';
import { ParseError } from '../../shared/errors';

// The Reg SHO threshold lists (FORMATS-keyless.md §4): pipe-separated, one security a line, a header of
// named columns and (Nasdaq, NYSE) a final `yyyymmddhhmmss` row that marks the file complete. NO REAL
// FILE of any of the three was available when this was written: the layouts are the publishers' own
// definitions and third-party client code [3P], so this parser is strict where the layout is stated
// (header, field count, flag, trailer) and says so on every line it refuses.
//
// Point in time: Nasdaq posts the list of trade date D at about 23:00 ET on D, NYSE about 22:00 ET, Cboe
// about 03:00 ET on D+1, so no scan of D (18:45 ET) could have read it: a list of D is `publishedOn`
// the next trading day, for a live run and a backtest alike.

export interface ThresholdLayout {
  kind: string;
  market: ThresholdMarket;
  source: string;
  /** the header exactly as published (compared case- and space-insensitively) */
  header: readonly string[];
  /** column index of the Reg SHO Threshold Flag, when the layout has one */
  flagColumn: number | null;
  /** Nasdaq and NYSE end with a timestamp row: without it the file is cut short */
  trailer: 'required' | 'optional';
  /** does a file name belong to this publisher (the header alone tells Nasdaq and NYSE apart) */
  nameMatches?: (fileName: string) => boolean;
}

const TIMESTAMP = /^(?:file creation time:?\s*)?(\d{14})\|*$/i;
// Letters, and one class suffix as exchanges print it (BRK.B, BF/B, BRK B, PBR-A); the NYSE download
// puts a placeholder timestamp where an empty day has no rows, so a symbol must never be digits
const SYMBOL = /^[A-Z]+(?:[./ -][A-Z]+)?$/;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function normalise(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function headerMatches(line: string, header: readonly string[]): boolean {
  const names = line.replace(/\r$/, '').split('|').map(normalise);
  return names.length === header.length && names.every((n, i) => n === normalise(header[i]!));
}

/** A `yyyymmddhhmmss` trailer (optionally `File Creation Time: …` with trailing pipes) → its date and minutes. */
export function parseTimestampRow(line: string): { date: string; minutes: number } | null {
  const m = TIMESTAMP.exec(line.trim());
  if (!m) return null;
  const s = m[1]!;
  const date = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  const hh = Number(s.slice(8, 10));
  const mi = Number(s.slice(10, 12));
  if (!isIsoDate(date) || hh > 23 || mi > 59 || Number(s.slice(12, 14)) > 59) return null;
  return { date, minutes: hh * 60 + mi };
}

/** The list date a file name carries: `nasdaqth20230203.txt`, `…_20230203.txt`, `03-Feb-2023`, `2023-02-03`. */
export function listDateFromName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const compact = /(?:^|\D)(\d{4})(\d{2})(\d{2})(?:\D|$)/.exec(base);
  if (compact) {
    const d = `${compact[1]}-${compact[2]}-${compact[3]}`;
    if (isIsoDate(d)) return d;
  }
  const iso = /(\d{4}-\d{2}-\d{2})/.exec(base);
  if (iso && isIsoDate(iso[1]!)) return iso[1]!;
  const mon = /(\d{2})-([A-Za-z]{3})-(\d{4})/.exec(base);
  if (mon) {
    const month = MONTHS.indexOf(mon[2]!.toUpperCase()) + 1;
    const d = `${mon[3]}-${String(month).padStart(2, '0')}-${mon[1]}`;
    if (month > 0 && isIsoDate(d)) return d;
  }
  return null;
}

/**
 * Without a date in the file name, the trailer's creation time: Nasdaq warns it "could indicate a different
 * date if posted after midnight", so a list created before noon is the previous session's.
 */
export function listDateFromTrailer(t: { date: string; minutes: number }): string {
  if (t.minutes < 12 * 60 || !isTradingDay(t.date)) return previousTradingDay(t.date);
  return t.date;
}

export function publishedOnFor(listDate: string): string {
  return nextTradingDay(listDate);
}

/** A LineFormat for one publisher's threshold list. */
export function thresholdFormat(layout: ThresholdLayout): LineFormat<ThresholdRow> {
  const columns = layout.header.length;
  return {
    kind: layout.kind,
    dataset: 'threshold',
    recognise(fileName, firstLine) {
      return headerMatches(firstLine, layout.header) && (layout.nameMatches?.(fileName) ?? true);
    },
    begin(fileName, headerLine) {
      if (headerLine.trimStart().startsWith('<')) {
        throw new ParseError(fileName, 1, 'an HTML page, not a threshold list (a block or error page)');
      }
      if (!headerMatches(headerLine, layout.header)) {
        throw new ParseError(
          fileName,
          1,
          `header is not the ${layout.kind} layout: expected "${layout.header.join('|')}"`,
        );
      }
      const named = listDateFromName(fileName);
      const rows: ThresholdRow[] = [];
      const seen = new Set<string>();
      let trailer: { date: string; minutes: number } | null = null;
      return {
        line(raw, lineNo) {
          const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
          if (text.trim() === '') return null;
          if (trailer) throw new ParseError(fileName, lineNo, 'data after the timestamp row that ends the file');
          const stamp = parseTimestampRow(text);
          if (stamp) {
            trailer = stamp;
            return null;
          }
          const f = text.split('|');
          if (f.length !== columns) {
            throw new ParseError(fileName, lineNo, `expected ${columns} fields, found ${f.length}`);
          }
          const symbol = f[0]!.trim().toUpperCase();
          if (!SYMBOL.test(symbol)) {
            throw new ParseError(fileName, lineNo, `Symbol is not a ticker: ${JSON.stringify(f[0]!.slice(0, 20))}`);
          }
          if (layout.flagColumn !== null) {
            const flag = f[layout.flagColumn]!.trim().toUpperCase();
            if (flag === 'N') return { skip: 'Reg SHO Threshold Flag N (not a threshold security)' };
            if (flag !== 'Y') {
              throw new ParseError(fileName, lineNo, `Reg SHO Threshold Flag is not Y or N: ${JSON.stringify(flag)}`);
            }
          }
          if (seen.has(symbol)) throw new ParseError(fileName, lineNo, `${symbol} is listed twice`);
          seen.add(symbol);
          const row: ThresholdRow = {
            symbol,
            // filled in at the end when only the trailer knows the date
            date: named ?? '',
            market: layout.market,
            name: f[1]!.trim() || null,
            source: layout.source,
            publishedOn: named ? publishedOnFor(named) : '',
          };
          rows.push(row);
          return { record: row };
        },
        end(lastLineNo) {
          if (!trailer && layout.trailer === 'required') {
            throw new ParseError(
              fileName,
              lastLineNo,
              `no yyyymmddhhmmss row at the end: the file is truncated (${rows.length} rows read)`,
            );
          }
          if (named) return;
          if (!trailer) {
            throw new ParseError(fileName, lastLineNo, 'neither the file name nor a timestamp row gives the list date');
          }
          const date = listDateFromTrailer(trailer);
          for (const r of rows) {
            r.date = date;
            r.publishedOn = publishedOnFor(date);
          }
        },
      };
    },
  };
}

/** The list's timestamp row, if any (the client tells NYSE's placeholder from a real empty list by it). */
export function trailerOf(text: string): { date: string; minutes: number } | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.length ? parseTimestampRow(lines.at(-1)!) : null;
}
