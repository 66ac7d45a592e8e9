import { ParseError } from '../../shared/errors';
import type { ShortInterestRecord } from '../../domain/market-data';
import type { LineFormat } from '../../domain/line-format';
import { tableFormat, validateRow, type RawRow } from './delimited';
import { mapShortInterest } from './map';
import { shortInterestRowSchema } from './schemas';

// FINRA equity short interest as a file:
//  - `shrt{YYYYMMDD}.csv` (cdn.finra.org/equity/otcmarket/biweekly): pipe separated despite `.csv`,
//    header = the 14 Query API field names (FORMATS.md);
//  - the Query API's CSV export of consolidatedShortInterest (comma separated, quoted);
//  - older exports with FINRA's legacy field names, as written by tools such as
//    praveenraj-d/Equity_Short_Interest_Downloader (PROVENANCE §7): settlementDate as `15-08-2024`,
//    `percentageChangefromPreviousShort` holding the ABSOLUTE change in shares despite its name,
//    `averageShortShareNumber` holding the average daily volume.

const SHRT_NAME = /(?:^|[\\/])shrt(\d{8})\.csv$/i;

/** Legacy and alternative header names → the API field names. */
export const SHORT_INTEREST_ALIASES: Readonly<Record<string, string>> = {
  securitiesInformationProcessorSymbolIdentifier: 'symbolCode',
  issueSymbolIdentifier: 'symbolCode',
  currentShortShareNumber: 'currentShortPositionQuantity',
  previousShortShareNumber: 'previousShortPositionQuantity',
  percentageChangefromPreviousShort: 'changePreviousNumber',
  averageShortShareNumber: 'averageDailyVolumeQuantity',
  daysToCoverNumber: 'daysToCoverQuantity',
  marketCategoryCode: 'marketClassCode',
  published_on: 'publishedOn',
};

/** Settlement date from a file name `shrt20240815.csv`, or null. */
export function shortInterestFileDate(fileName: string): string | null {
  const m = SHRT_NAME.exec(fileName);
  return m ? compactToIso(m[1]!) : null;
}

function compactToIso(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

/** yyyy-MM-dd, yyyyMMdd or the legacy day-first dd-MM-yyyy; anything else is left for the schema to reject. */
export function normaliseSettlementDate(value: string, fileName: string, lineNo: number): string {
  if (/^\d{8}$/.test(value)) return compactToIso(value);
  const dayFirst = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  if (dayFirst) {
    const [, dd, mm, yyyy] = dayFirst;
    if (Number(mm) < 1 || Number(mm) > 12 || Number(dd) < 1 || Number(dd) > 31) {
      throw new ParseError(fileName, lineNo, `settlementDate is not a dd-MM-yyyy date: ${JSON.stringify(value)}`);
    }
    return `${yyyy}-${mm}-${dd}`;
  }
  return value;
}

function withSettlement(raw: RawRow, fileName: string, lineNo: number): RawRow {
  const fromName = shortInterestFileDate(fileName);
  const value = raw.settlementDate ?? fromName;
  if (value === null || value === undefined) {
    throw new ParseError(fileName, lineNo, 'settlementDate is empty and the file name does not carry one');
  }
  return { ...raw, settlementDate: normaliseSettlementDate(value, fileName, lineNo) };
}

export const finraShortInterestFileFormat: LineFormat<ShortInterestRecord> = tableFormat<ShortInterestRecord>({
  kind: 'finra-shortinterest',
  dataset: 'shortinterest',
  aliases: SHORT_INTEREST_ALIASES,
  required: ['symbolCode', 'currentShortPositionQuantity'],
  row(raw, { fileName, lineNo }) {
    const row = validateRow(shortInterestRowSchema, withSettlement(raw, fileName, lineNo), fileName, lineNo);
    return { record: mapShortInterest(row) };
  },
});
