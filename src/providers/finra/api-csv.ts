import type { OtcWeeklyRecord, ShortInterestRecord, ShortVolumeRecord } from '../../domain/market-data';
import type { LineFormat } from '../../domain/line-format';
import { FacilitySums } from './consolidate';
import { tableFormat, validateRow } from './delimited';
import { mapRegShoDaily, mapWeeklySummary } from './map';
import { regShoDailyRowSchema, weeklySummaryRowSchema } from './schemas';
import { finraShortInterestFileFormat } from './short-interest-file';

// CSV exports of the FINRA Query API (`Accept: text/plain`, the API's default): a header of API field
// names, comma separated, values quoted. Recognised by the header: each format requires the columns
// it maps and ignores any others, so exports with extra columns joined on (SuperstonkQuants' SHO.csv
// adds Yahoo `YF_*` prices to regShoDaily) still import. The `fields` request option can drop
// optional columns; a missing required one is reported at the header.

const regShoFacilityRows: LineFormat<ShortVolumeRecord> = tableFormat<ShortVolumeRecord>({
  kind: 'finra-api-regshodaily',
  dataset: 'shortvol',
  required: [
    'tradeReportDate',
    'securitiesInformationProcessorSymbolIdentifier',
    'shortParQuantity',
    'totalParQuantity',
    'reportingFacilityCode',
  ],
  row(raw, { fileName, lineNo }) {
    return mapRegShoDaily(validateRow(regShoDailyRowSchema, raw, fileName, lineNo));
  },
});

/**
 * otcMarket/regShoDaily: one row per symbol, day and reporting facility, each kept as read, and at the
 * end one consolidated (CNMS) row per symbol and day summed from them (consolidate.ts).
 */
export const finraApiRegShoCsvFormat: LineFormat<ShortVolumeRecord> = {
  ...regShoFacilityRows,
  begin(fileName, header) {
    const rows = regShoFacilityRows.begin(fileName, header);
    const sums = new FacilitySums();
    return {
      line(text, lineNo) {
        const r = rows.line(text, lineNo);
        if (r && 'record' in r) sums.add(r.record);
        return r;
      },
      end(lastLineNo) {
        rows.end(lastLineNo);
        return sums.rows();
      },
    };
  },
};

/** otcMarket/weeklySummary and weeklySummaryHistoric. */
export const finraApiWeeklySummaryCsvFormat: LineFormat<OtcWeeklyRecord> = tableFormat<OtcWeeklyRecord>({
  kind: 'finra-api-weeklysummary',
  dataset: 'otc',
  required: ['issueSymbolIdentifier', 'weekStartDate', 'totalWeeklyShareQuantity', 'summaryTypeCode', 'tierIdentifier'],
  row(raw, { fileName, lineNo }) {
    return mapWeeklySummary(validateRow(weeklySummaryRowSchema, raw, fileName, lineNo));
  },
});

/** otcMarket/consolidatedShortInterest: the same table as the `shrt{date}.csv` file, one parser. */
export const finraApiShortInterestCsvFormat: LineFormat<ShortInterestRecord> = finraShortInterestFileFormat;

export type FinraApiCsvFormat =
  LineFormat<ShortInterestRecord> | LineFormat<ShortVolumeRecord> | LineFormat<OtcWeeklyRecord>;

/** Every Query API CSV layout; each format's `dataset` names the table its records go to. */
export const finraApiCsvFormats: readonly FinraApiCsvFormat[] = [
  finraApiShortInterestCsvFormat,
  finraApiRegShoCsvFormat,
  finraApiWeeklySummaryCsvFormat,
];
