import { z } from 'zod';

// Raw Financial Modeling Prep shapes (financialmodelingprep.com, the /api/v3 and /api/v4 routes).
// FMP fills unknown values with null and sometimes "" — every optional field tolerates both.

const maybeNumber = z.number().nullable().optional();
const maybeString = z.string().nullable().optional();

/** FMP reports errors as HTTP 200 with this body (an invalid key, a plan limit, a retired route). */
export const fmpErrorSchema = z.object({ 'Error Message': z.string() }).passthrough();

export const fmpScreenerRowSchema = z
  .object({
    symbol: z.string().min(1),
    companyName: maybeString,
    marketCap: maybeNumber,
    sector: maybeString,
    industry: maybeString,
    price: maybeNumber,
    volume: maybeNumber,
    exchange: maybeString,
    exchangeShortName: maybeString,
    isEtf: z.boolean().nullable().optional(),
    isFund: z.boolean().nullable().optional(),
    isActivelyTrading: z.boolean().nullable().optional(),
  })
  .passthrough();
export type FmpScreenerRow = z.infer<typeof fmpScreenerRowSchema>;
export const fmpScreenerSchema = z.array(fmpScreenerRowSchema);

export const fmpHistoricalRowSchema = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    open: maybeNumber,
    high: maybeNumber,
    low: maybeNumber,
    close: z.number(),
    adjClose: maybeNumber,
    volume: z.number().nonnegative(),
    unadjustedVolume: maybeNumber,
    vwap: maybeNumber,
  })
  .passthrough();
export type FmpHistoricalRow = z.infer<typeof fmpHistoricalRowSchema>;

/** An unknown symbol or an empty range answers `{}`: no `historical` at all. */
export const fmpHistoricalSchema = z
  .object({ symbol: z.string().optional(), historical: z.array(fmpHistoricalRowSchema).optional() })
  .passthrough();

/** /api/v4/shares_float?symbol=: the only FMP route that carries the float (the profile does not). */
export const fmpSharesFloatRowSchema = z
  .object({
    symbol: z.string().min(1),
    date: maybeString,
    freeFloat: maybeNumber,
    floatShares: maybeNumber,
    outstandingShares: maybeNumber,
  })
  .passthrough();
export type FmpSharesFloatRow = z.infer<typeof fmpSharesFloatRowSchema>;
export const fmpSharesFloatSchema = z.array(fmpSharesFloatRowSchema);

/** /api/v3/quote/{A,B,...}: batched, used for market capitalisation. */
export const fmpQuoteRowSchema = z
  .object({ symbol: z.string().min(1), price: maybeNumber, marketCap: maybeNumber, sharesOutstanding: maybeNumber })
  .passthrough();
export type FmpQuoteRow = z.infer<typeof fmpQuoteRowSchema>;
export const fmpQuoteSchema = z.array(fmpQuoteRowSchema);

/** /api/v3/quote-short/{sym}: the cheap call ping() makes. */
export const fmpQuoteShortSchema = z.array(z.object({ symbol: z.string(), price: z.number() }).passthrough());
