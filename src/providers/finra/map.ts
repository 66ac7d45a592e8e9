import type {
  Facility,
  OtcTier,
  OtcWeeklyRecord,
  ShortInterestRecord,
  ShortVolumeRecord,
} from '../../domain/market-data';
import { otcWeekPublicationDate, shortInterestPublicationDate } from '../../market/finra-calendar';
import type { RegShoDailyRow, ShortInterestRow, WeeklySummaryRow } from './schemas';

// FINRA raw rows (validated by schemas.ts) → domain records. Pure: the same mapping serves the
// Query API's JSON, its CSV exports and the files.

export const SOURCE_FINRA_API = 'finra-api';
export const SOURCE_FINRA_OTC_FILE = 'finra-otc-file';

/** Short interest as FINRA reported it. Days to cover is kept only as reported: FINRA floors it at
 *  1.00 and caps it at 999.99 (FORMATS.md), so the signals recompute it from SI and ADV. */
export function mapShortInterest(row: ShortInterestRow): ShortInterestRecord {
  return {
    symbol: row.symbolCode,
    settlementDate: row.settlementDate,
    source: 'finra',
    shortInterest: row.currentShortPositionQuantity,
    previousShortInterest: row.previousShortPositionQuantity,
    avgDailyVolume: row.averageDailyVolumeQuantity,
    daysToCoverReported: row.daysToCoverQuantity,
    changePercent: row.changePercent,
    changeShares: row.changePreviousNumber,
    shortPercentFloat: null,
    floatShares: null,
    issueName: row.issueName,
    marketClass: row.marketClassCode,
    exchangeCode: row.issuerServicesGroupExchangeCode,
    revisionFlag: row.revisionFlag?.toUpperCase() === 'R',
    splitFlag: row.stockSplitFlag?.toUpperCase() === 'S',
    // a stated publication day wins over FINRA's calendar (checked at import: not before settlement, not future)
    publishedOn: row.publishedOn ?? shortInterestPublicationDate(row.settlementDate),
  };
}

// regShoDaily names the trade reporting facility; the daily files name it by file prefix and by
// the one-letter market code (B, Q, N, D, O). The ADF's code in the API is not documented in
// FORMATS.md: 'ADF' is assumed, and the market code `D` decides when the facility code is unknown.
const FACILITY_BY_CODE: Readonly<Record<string, Facility>> = {
  NCTRF: 'FNQC',
  NQTRF: 'FNSQ',
  NYTRF: 'FNYX',
  ADF: 'FNRA',
  ORF: 'FORF',
};
const FACILITY_BY_MARKET: Readonly<Record<string, Facility>> = {
  B: 'FNQC',
  Q: 'FNSQ',
  N: 'FNYX',
  D: 'FNRA',
  O: 'FORF',
};

export function facilityOf(reportingFacilityCode: string | null, marketCode: string | null): Facility | null {
  const byCode = reportingFacilityCode ? FACILITY_BY_CODE[reportingFacilityCode.toUpperCase()] : undefined;
  return byCode ?? (marketCode ? (FACILITY_BY_MARKET[marketCode.toUpperCase()] ?? null) : null);
}

/** One facility's row, or a reason when the facility cannot be told (never guessed). */
export function mapRegShoDaily(
  row: RegShoDailyRow,
  source = SOURCE_FINRA_API,
): { record: ShortVolumeRecord } | { skip: string } {
  const facility = facilityOf(row.reportingFacilityCode, row.marketCode);
  if (!facility) {
    return { skip: `unknown reporting facility ${JSON.stringify(row.reportingFacilityCode ?? row.marketCode ?? '')}` };
  }
  return {
    record: {
      symbol: row.securitiesInformationProcessorSymbolIdentifier,
      date: row.tradeReportDate,
      facility,
      shortVolume: row.shortParQuantity,
      shortExemptVolume: row.shortExemptParQuantity,
      totalVolume: row.totalParQuantity,
      markets: row.marketCode,
      source,
      publishedOn: row.tradeReportDate,
    },
  };
}

/** FINRA's tier identifiers and descriptions (`T1`, `NMS Tier 1`, `OTC`, `OTCE`) → the domain tier. */
export function tierOf(
  identifier: string | null | undefined,
  description: string | null | undefined = null,
): OtcTier | null {
  for (const v of [identifier, description]) {
    if (!v) continue;
    const s = v.trim().toUpperCase();
    if (s === 'T1' || s === 'NMS TIER 1' || s === 'TIER 1') return 'T1';
    if (s === 'T2' || s === 'NMS TIER 2' || s === 'TIER 2') return 'T2';
    if (s === 'OTC' || s === 'OTCE' || s.startsWith('OTC ')) return 'OTC';
  }
  return null;
}

/** A symbol total (`ATS_W_SMBL`, `OTC_W_SMBL`, ...) as opposed to a per-firm row. */
export function isSymbolTotal(summaryType: string): boolean {
  return summaryType.toUpperCase().endsWith('_SMBL');
}

export function mapWeeklySummary(
  row: WeeklySummaryRow,
  source = SOURCE_FINRA_API,
): { record: OtcWeeklyRecord } | { skip: string } {
  if (!row.issueSymbolIdentifier)
    return { skip: `${row.summaryTypeCode} row without a symbol (a firm or market total)` };
  const tier = tierOf(row.tierIdentifier, row.tierDescription);
  if (!tier) return { skip: `unknown tier ${JSON.stringify(row.tierIdentifier ?? row.tierDescription ?? '')}` };
  return {
    record: {
      symbol: row.issueSymbolIdentifier,
      weekStart: row.weekStartDate,
      tier,
      summaryType: row.summaryTypeCode,
      mpid: isSymbolTotal(row.summaryTypeCode) ? '' : (row.MPID ?? ''),
      firmName: isSymbolTotal(row.summaryTypeCode) ? null : row.marketParticipantName,
      issueName: row.issueName,
      shares: row.totalWeeklyShareQuantity,
      trades: row.totalWeeklyTradeCount,
      notional: row.totalNotionalSum,
      source,
      publishedOn: row.initialPublishedDate ?? otcWeekPublicationDate(row.weekStartDate, tier),
    },
  };
}
