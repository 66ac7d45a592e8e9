import { ParseError } from '../../shared/errors';
import type { OtcWeeklyRecord } from '../../domain/market-data';
import type { LineFormat } from '../../domain/line-format';
import { otcWeekPublicationDate } from '../../market/finra-calendar';
import { tableFormat, validateRow } from './delimited';
import { SOURCE_FINRA_OTC_FILE, tierOf } from './map';
import { finraDate, finraOptionalNumber, finraQuantity } from './schemas';
import { z } from 'zod';

// FINRA OTC-transparency weekly download, per symbol and firm (the layout of
// ryansmccoy/spine-core's data/finra/finra_otc_weekly_*.csv, PROVENANCE §6):
//   tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate
// Quirks: the last column, named lastUpdateDate, holds the week's start (a Monday); the file carries
// no summary type. We record its rows as ATS_W_SMBL_FIRM: every firm in the real files is an ATS
// (OTC Link ECN ATS, OTC Link NQB, Global OTC, North Capital PPEX, tZERO, ...), none of the non-ATS
// wholesalers that OTC_W_SMBL_FIRM rows name, and PROVENANCE §6 identifies the files as a projection
// of ATS_W_SMBL_FIRM rows (the source repo's own docs calling the OTC file "non-ATS" disagree with its
// contents). Per-firm rows must never be added to symbol totals (double counting).
// A row with an empty symbol (the 2025-12-29 file ends with one) is skipped with a reason.

export const OTC_WEEKLY_HEADER =
  'tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate';
export const OTC_FILE_SUMMARY_TYPE = 'ATS_W_SMBL_FIRM';

const rowSchema = z.object({
  tierDescription: z.string().nullable(),
  issueSymbolIdentifier: z.string().nullable(),
  issueName: z.string().nullable(),
  marketParticipantName: z.string().nullable(),
  MPID: z.string().nullable(),
  totalWeeklyShareQuantity: finraQuantity,
  totalWeeklyTradeCount: finraOptionalNumber,
  lastUpdateDate: finraDate,
});

const COLUMNS = OTC_WEEKLY_HEADER.split('|');

function createFormat(): LineFormat<OtcWeeklyRecord> {
  const base = tableFormat<OtcWeeklyRecord>({
    kind: 'finra-otc-weekly',
    dataset: 'otc',
    required: COLUMNS,
    row(raw, { fileName, lineNo }) {
      const row = validateRow(rowSchema, raw, fileName, lineNo);
      if (!row.issueSymbolIdentifier) return { skip: 'row without a symbol (cannot be attributed to a security)' };
      const tier = tierOf(null, row.tierDescription);
      if (!tier)
        throw new ParseError(fileName, lineNo, `unknown tierDescription ${JSON.stringify(row.tierDescription ?? '')}`);
      if (!row.MPID) throw new ParseError(fileName, lineNo, 'MPID is empty on a per-firm row');
      const weekStart = row.lastUpdateDate;
      return {
        record: {
          symbol: row.issueSymbolIdentifier,
          weekStart,
          tier,
          summaryType: OTC_FILE_SUMMARY_TYPE,
          mpid: row.MPID,
          firmName: row.marketParticipantName,
          issueName: row.issueName,
          shares: row.totalWeeklyShareQuantity,
          trades: row.totalWeeklyTradeCount,
          notional: null,
          source: SOURCE_FINRA_OTC_FILE,
          publishedOn: otcWeekPublicationDate(weekStart, tier),
        },
      };
    },
  });
  return {
    ...base,
    // Exact header only: the Query API's weeklySummary CSV has its own format (api-csv.ts).
    recognise: (_fileName, firstLine) => firstLine.trim().replace(/^\uFEFF/, '') === OTC_WEEKLY_HEADER,
    begin(fileName, header) {
      const parser = base.begin(fileName, header);
      let week: string | null = null;
      return {
        line(text, lineNo) {
          const r = parser.line(text, lineNo);
          if (r && 'record' in r) {
            // One file is one week; a second week means a concatenation or a broken export.
            week ??= r.record.weekStart;
            if (r.record.weekStart !== week) {
              throw new ParseError(fileName, lineNo, `week ${r.record.weekStart} differs from the file's week ${week}`);
            }
          }
          return r;
        },
        end: (n) => parser.end(n),
      };
    },
  };
}

export const finraOtcWeeklyFileFormat: LineFormat<OtcWeeklyRecord> = createFormat();
