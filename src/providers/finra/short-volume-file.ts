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
        const f = text.split('|');
        if (f.length !== columns)
          throw new ParseError(fileName, lineNo, `expected ${columns} fields, found ${f.length}`);
        const d = f[0]!;
        if (!/^\d{8}$/.test(d)) throw new ParseError(fileName, lineNo, `Date is not YYYYMMDD: ${JSON.stringify(d)}`);
        if (d !== lastCompact) {
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
        const symbol = f[1]!.trim();
        if (symbol === '') throw new ParseError(fileName, lineNo, 'Symbol is empty');
        const shortVolume = volume(f[2], 'ShortVolume', fileName, lineNo);
        const shortExemptVolume = sixColumns ? volume(f[3], 'ShortExemptVolume', fileName, lineNo) : null;
        const totalVolume = volume(f[sixColumns ? 4 : 3], 'TotalVolume', fileName, lineNo);
        rows++;
        return {
          record: {
            symbol,
            date,
            facility,
            shortVolume,
            shortExemptVolume,
            totalVolume,
            markets: f[columns - 1]!.trim() || null,
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
