import { ParseError } from '../../shared/errors';
import type { Facility, ShortVolumeRecord } from '../../domain/market-data';
import type { LineFormat } from '../../domain/line-format';

// FINRA Reg SHO daily short-sale volume files, `{P}shvol{YYYYMMDD}.txt` (FORMATS.md):
//   Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market      (since 2011-02-28)
//   Date|Symbol|ShortVolume|TotalVolume|Market                        (before)
// CRLF, pipe separated, the last line a bare count of the data rows. Volumes may be fractional.

const FACILITY_PREFIXES: readonly Facility[] = ['CNMS', 'FNQC', 'FNSQ', 'FNYX', 'FNRA', 'FORF'];
const NAME = /^(CNMS|FNQC|FNSQ|FNYX|FNRA|FORF)shvol(\d{8})\.txt$/i;
const HEADER_6 = 'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market';
const HEADER_5 = 'Date|Symbol|ShortVolume|TotalVolume|Market';
const NUMBER = /^\d+(\.\d+)?$/;

export const SOURCE_FINRA_FILE = 'finra-file';

export function shortVolumeFileName(facility: Facility, date: string): string {
  return `${facility}shvol${date.replaceAll('-', '')}.txt`;
}

/** The facility and trade date a file name says, or null. */
export function parseShortVolumeFileName(fileName: string): { facility: Facility; date: string } | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const m = NAME.exec(base);
  if (!m) return null;
  const facility = FACILITY_PREFIXES.find((f) => f === m[1]!.toUpperCase())!;
  return { facility, date: isoFromCompact(m[2]!) };
}

export function isoFromCompact(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

function volume(field: string | undefined, name: string, fileName: string, lineNo: number): number {
  if (field === undefined || !NUMBER.test(field)) {
    throw new ParseError(fileName, lineNo, `${name} is not a number: ${JSON.stringify(field ?? '')}`);
  }
  return Number(field);
}

/**
 * The volume in text[start, end): whole digits are read by hand (exact below 2^53, as Number would
 * read them), anything else (a fraction, junk) goes through the regex and Number, whose answer and
 * error are the reference.
 */
function volumeAt(text: string, start: number, end: number, name: string, fileName: string, lineNo: number): number {
  if (end > start && end - start <= 15) {
    let v = 0;
    let i = start;
    for (; i < end; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === end) return v;
  }
  return volume(text.slice(start, end), name, fileName, lineNo);
}

export const finraShortVolumeFormat: LineFormat<ShortVolumeRecord> = {
  kind: 'finra-shortvol',
  dataset: 'shortvol',
  recognise(fileName, firstLine) {
    const header = firstLine.trim();
    return (
      header === HEADER_6 ||
      header === HEADER_5 ||
      (parseShortVolumeFileName(fileName) !== null && !header.startsWith('<'))
    );
  },
  begin(fileName, headerLine) {
    const header = headerLine.trim();
    const named = parseShortVolumeFileName(fileName);
    if (header.startsWith('<'))
      throw new ParseError(
        fileName,
        1,
        'an HTML page, not a FINRA file (FINRA answers this way for a non-trading day)',
      );
    const sixColumns = header === HEADER_6;
    if (!sixColumns && header !== HEADER_5) {
      throw new ParseError(fileName, 1, `header is not FINRA's short-volume layout: expected "${HEADER_6}"`);
    }
    // Files without a facility prefix in their name (renamed copies) are taken as consolidated
    // unless the Market column says otherwise, which it cannot for a single facility; keep CNMS.
    const facility: Facility = named?.facility ?? 'CNMS';
    const columns = sixColumns ? 6 : 5;
    let rows = 0;
    let trailer: number | null = null;
    let trailerLine = 0;
    let fileDate: string | null = named?.date ?? null;
    // every row of a file carries the same date: converted once, not once a row
    let lastCompact = '';
    let lastIso = '';
    return {
      line(raw, lineNo) {
        const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (text === '') return null;
        if (trailer !== null) throw new ParseError(fileName, lineNo, 'data after the record-count trailer');
        if (text.indexOf('|') === -1) {
          if (!/^\d+$/.test(text.trim()))
            throw new ParseError(
              fileName,
              lineNo,
              `not a data row or a record count: ${JSON.stringify(text.slice(0, 40))}`,
            );
          trailer = Number(text.trim());
          trailerLine = lineNo;
          return null;
        }
        // fields found by indexOf rather than split: no array per row on a million-row import
        const p1 = text.indexOf('|');
        const p2 = text.indexOf('|', p1 + 1);
        const p3 = p2 === -1 ? -1 : text.indexOf('|', p2 + 1);
        const p4 = p3 === -1 ? -1 : text.indexOf('|', p3 + 1);
        const p5 = p4 === -1 || !sixColumns ? -1 : text.indexOf('|', p4 + 1);
        const lastPipe = sixColumns ? p5 : p4;
        if (lastPipe === -1 || text.indexOf('|', lastPipe + 1) !== -1)
          throw new ParseError(fileName, lineNo, `expected ${columns} fields, found ${text.split('|').length}`);
        const d = text.slice(0, p1);
        if (d !== lastCompact) {
          if (!/^\d{8}$/.test(d)) throw new ParseError(fileName, lineNo, `Date is not YYYYMMDD: ${JSON.stringify(d)}`);
          lastCompact = d;
          lastIso = isoFromCompact(d);
        }
        const date = lastIso;
        if (fileDate === null) fileDate = date;
        else if (date !== fileDate) {
          throw new ParseError(
            fileName,
            lineNo,
            named
              ? `Date ${date} differs from the trade date in the file name (${fileDate})`
              : `a second trade date (${date} after ${fileDate}): a FINRA daily file holds one day, so this is not one`,
          );
        }
        const symbol = text.slice(p1 + 1, p2).trim();
        if (symbol === '') throw new ParseError(fileName, lineNo, 'Symbol is empty');
        const shortVolume = volumeAt(text, p2 + 1, p3, 'ShortVolume', fileName, lineNo);
        const shortExemptVolume = sixColumns ? volumeAt(text, p3 + 1, p4, 'ShortExemptVolume', fileName, lineNo) : null;
        const totalVolume = sixColumns
          ? volumeAt(text, p4 + 1, p5, 'TotalVolume', fileName, lineNo)
          : volumeAt(text, p3 + 1, p4, 'TotalVolume', fileName, lineNo);
        const markets = text.slice(lastPipe + 1).trim() || null;
        rows++;
        return {
          record: {
            symbol,
            date,
            facility,
            shortVolume,
            shortExemptVolume,
            totalVolume,
            markets,
            source: SOURCE_FINRA_FILE,
            // posted by 6 pm ET on the trade date itself
            publishedOn: date,
          },
        };
      },
      end(lastLineNo) {
        if (trailer === null)
          throw new ParseError(
            fileName,
            lastLineNo,
            `no record-count trailer: the file is incomplete (${rows} rows read)`,
          );
        if (trailer !== rows)
          throw new ParseError(fileName, trailerLine, `trailer says ${trailer} rows, the file has ${rows}`);
      },
    };
  },
};
