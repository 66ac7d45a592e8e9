import type { OtcTier } from '../../domain/market-data';

// Request bodies of the FINRA Query API (POST /data/group/{group}/name/{dataset}, FORMATS.md).
// Dates are matched on each dataset's partition field; several symbols go in one domain filter.

export type CompareType = 'EQUAL' | 'GREATER' | 'LESSER' | 'GTE' | 'LTE' | 'NOT_EQUAL';
export interface CompareFilter {
  fieldName: string;
  fieldValue: string;
  compareType: CompareType;
}
export interface DateRangeFilter {
  fieldName: string;
  startDate: string;
  endDate: string;
}
export interface DomainFilter {
  fieldName: string;
  values: string[];
}

export interface QueryBody {
  fields?: string[];
  compareFilters: CompareFilter[];
  dateRangeFilters: DateRangeFilter[];
  domainFilters: DomainFilter[];
  limit: number;
  offset: number;
}
export type QueryFilters = Omit<QueryBody, 'limit' | 'offset'>;

/** FINRA's hard cap on `limit`. */
export const MAX_PAGE_SIZE = 5000;
/** Symbols per domain filter: keeps request bodies small; more symbols means more requests. */
export const SYMBOLS_PER_REQUEST = 500;

export interface DateQuery {
  /** one date (settlement, trade or week start) */
  on?: string;
  from?: string;
  to?: string;
}

/**
 * The date part of a query: `on` is an EQUAL filter; `from`/`to` a range where a missing `to` means
 * up to `today` and a lone `to` means that one day.
 */
export function dateFilters(
  field: string,
  q: DateQuery,
  today: string,
): Pick<QueryFilters, 'compareFilters' | 'dateRangeFilters'> {
  const compareFilters: CompareFilter[] = [];
  const dateRangeFilters: DateRangeFilter[] = [];
  if (q.on) compareFilters.push({ fieldName: field, fieldValue: q.on, compareType: 'EQUAL' });
  if (q.from || q.to) dateRangeFilters.push({ fieldName: field, startDate: q.from ?? q.to!, endDate: q.to ?? today });
  return { compareFilters, dateRangeFilters };
}

/** Splits a symbol list into request-sized domain filters; no symbols = one unfiltered request. */
export function symbolBatches(field: string, symbols: string[] | undefined): DomainFilter[][] {
  if (!symbols || symbols.length === 0) return [[]];
  const unique = [...new Set(symbols.map((s) => s.trim()).filter(Boolean))];
  const out: DomainFilter[][] = [];
  for (let i = 0; i < unique.length; i += SYMBOLS_PER_REQUEST) {
    out.push([{ fieldName: field, values: unique.slice(i, i + SYMBOLS_PER_REQUEST) }]);
  }
  return out;
}

/**
 * tierIdentifier values for a tier. FORMATS.md gives `OTC`; other clients of the same API send
 * `OTCE` for OTC equities, so both are asked for (a value with no rows matches nothing).
 */
export function tierIdentifiers(tier: OtcTier): string[] {
  return tier === 'OTC' ? ['OTC', 'OTCE'] : [tier];
}

export function parseRecordTotal(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}
