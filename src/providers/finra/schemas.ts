import { z } from 'zod';

// Raw shapes of the FINRA Query API datasets (FORMATS.md), shared by the JSON API, its CSV exports
// and the files. FINRA sends numbers as JSON numbers, but CSV exports and some JSON payloads carry
// them as strings: both are accepted, anything else ("N/A", "1,234", "") is rejected with the value.

const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;

function numberFrom(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && DECIMAL.test(v.trim())) return Number(v.trim());
  return undefined;
}

function describe(v: unknown): string {
  return v === undefined ? 'missing' : `not a number: ${JSON.stringify(v)}`;
}

/** A required number (volumes may be fractional: 482143.150276). */
export const finraNumber = z.unknown().transform((v, ctx) => {
  const n = numberFrom(v);
  if (n === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: describe(v) });
    return z.NEVER;
  }
  return n;
});

/** A required count or volume: a number that is not negative. */
export const finraQuantity = finraNumber.refine((n) => n >= 0, { message: 'is negative' });

/** An optional number: null, absent or empty is null; junk is still an error. */
export const finraOptionalNumber = z.unknown().transform((v, ctx) => {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return null;
  const n = numberFrom(v);
  if (n === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: describe(v) });
    return z.NEVER;
  }
  return n;
});

/** `yyyy-MM-dd`, also accepted with a time part (some exports add `T00:00:00`). */
export const finraDate = z.string().transform((v, ctx) => {
  const m = ISO_DATE.exec(v.trim());
  if (!m) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a yyyy-MM-dd date: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return m[1]!;
});

const text = z.string().trim().min(1);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v == null || v.trim() === '' ? null : v.trim()));

/** otcMarket/consolidatedShortInterest: one row per symbol and settlement date. */
export const shortInterestRowSchema = z.object({
  accountingYearMonthNumber: z.union([z.number(), z.string()]).nullish(),
  symbolCode: text,
  issueName: optionalText,
  issuerServicesGroupExchangeCode: optionalText,
  marketClassCode: optionalText,
  currentShortPositionQuantity: finraQuantity,
  previousShortPositionQuantity: finraOptionalNumber,
  stockSplitFlag: optionalText,
  averageDailyVolumeQuantity: finraOptionalNumber,
  daysToCoverQuantity: finraOptionalNumber,
  revisionFlag: optionalText,
  changePercent: finraOptionalNumber,
  changePreviousNumber: finraOptionalNumber,
  settlementDate: finraDate,
  /** not a FINRA field: exports that record when a figure came out carry it (publishedOn / published_on) */
  publishedOn: finraDate.nullish(),
});
export type ShortInterestRow = z.infer<typeof shortInterestRowSchema>;

/** otcMarket/regShoDaily: one row per symbol, trade date and reporting facility (no consolidated rows). */
export const regShoDailyRowSchema = z.object({
  tradeReportDate: finraDate,
  securitiesInformationProcessorSymbolIdentifier: text,
  shortParQuantity: finraQuantity,
  shortExemptParQuantity: finraOptionalNumber,
  totalParQuantity: finraQuantity,
  marketCode: optionalText,
  reportingFacilityCode: optionalText,
});
export type RegShoDailyRow = z.infer<typeof regShoDailyRowSchema>;

/**
 * otcMarket/weeklySummary(Historic). Firm totals (`*_W_FIRM`) and volume statistics carry no symbol,
 * so the symbol is optional here and the mapper drops such rows.
 */
export const weeklySummaryRowSchema = z.object({
  issueSymbolIdentifier: optionalText,
  issueName: optionalText,
  firmCRDNumber: finraOptionalNumber,
  MPID: optionalText,
  marketParticipantName: optionalText,
  tierIdentifier: optionalText,
  tierDescription: optionalText,
  summaryStartDate: finraDate.nullish(),
  weekStartDate: finraDate,
  totalWeeklyShareQuantity: finraQuantity,
  totalWeeklyTradeCount: finraOptionalNumber,
  totalNotionalSum: finraOptionalNumber,
  summaryTypeCode: text,
  productTypeCode: optionalText,
  lastUpdateDate: finraDate.nullish(),
  initialPublishedDate: finraDate.nullish(),
  lastReportedDate: finraDate.nullish(),
});
export type WeeklySummaryRow = z.infer<typeof weeklySummaryRowSchema>;

/** The OAuth answer: FINRA's token endpoint gives `access_token` and `expires_in` (seconds). */
export const tokenSchema = z.object({
  access_token: text,
  token_type: z.string().nullish(),
  expires_in: finraOptionalNumber,
});
export type TokenResponse = z.infer<typeof tokenSchema>;
