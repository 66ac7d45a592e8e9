import { z } from 'zod';

// Raw Polygon REST shapes (api.polygon.io). Only the fields we read are required; the rest pass
// through so a new field from Polygon never breaks a day's ingest.

/** One aggregate bar: grouped daily (with `T`) and per-ticker ranges (without). */
export const polygonAggSchema = z
  .object({
    T: z.string().min(1).optional(),
    o: z.number(),
    h: z.number(),
    l: z.number(),
    c: z.number(),
    // fractional share volume exists since 2021: never assume an integer
    v: z.number().nonnegative(),
    vw: z.number().optional(),
    t: z.number().int(),
    n: z.number().int().optional(),
    otc: z.boolean().optional(),
  })
  .passthrough();
export type PolygonAgg = z.infer<typeof polygonAggSchema>;

/** A holiday or a date not yet closed answers without `results` (queryCount/resultsCount 0). */
export const polygonAggsResponseSchema = z
  .object({
    status: z.string(),
    adjusted: z.boolean().optional(),
    resultsCount: z.number().optional(),
    results: z.array(polygonAggSchema).optional(),
    next_url: z.string().url().optional(),
    request_id: z.string().optional(),
  })
  .passthrough();
export type PolygonAggsResponse = z.infer<typeof polygonAggsResponseSchema>;

/**
 * Nanosecond timestamps overflow a double (19 digits); the client quotes them in the raw text before
 * JSON.parse, so they arrive here as digit strings. A number is accepted too (a replica may send one).
 */
const nanos = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]);

export const polygonTradeSchema = z
  .object({
    sip_timestamp: nanos,
    price: z.number().nonnegative(),
    size: z.number().nonnegative(),
    // Polygon omits empty and zero-valued fields
    conditions: z.array(z.number().int()).optional(),
    exchange: z.number().int().optional(),
  })
  .passthrough();
export type PolygonTrade = z.infer<typeof polygonTradeSchema>;

export const polygonQuoteSchema = z
  .object({
    sip_timestamp: nanos,
    bid_price: z.number().nonnegative().optional(),
    ask_price: z.number().nonnegative().optional(),
    bid_size: z.number().optional(),
    ask_size: z.number().optional(),
  })
  .passthrough();
export type PolygonQuote = z.infer<typeof polygonQuoteSchema>;

function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z
    .object({
      status: z.string(),
      results: z.array(item).optional(),
      next_url: z.string().url().optional(),
      request_id: z.string().optional(),
    })
    .passthrough();
}
export const polygonTradesPageSchema = pageOf(polygonTradeSchema);
export const polygonQuotesPageSchema = pageOf(polygonQuoteSchema);

/** /v1/marketstatus/now: the cheap call ping() makes. */
export const polygonMarketStatusSchema = z.object({ market: z.string() }).passthrough();

/** A snapshot aggregate (day, minute, previous day). Before the open `day` is zeros and `min` may be absent. */
const snapshotAggSchema = z
  .object({
    o: z.number().optional(),
    h: z.number().optional(),
    l: z.number().optional(),
    c: z.number().optional(),
    v: z.number().optional(),
    vw: z.number().optional(),
    t: z.number().optional(),
  })
  .passthrough();

/** One ticker of /v2/snapshot/locale/us/markets/stocks/tickers; lastTrade depends on the plan. */
export const polygonSnapshotTickerSchema = z
  .object({
    ticker: z.string().min(1),
    todaysChange: z.number().optional(),
    todaysChangePerc: z.number().optional(),
    /** epoch nanoseconds */
    updated: z.number().optional(),
    day: snapshotAggSchema.optional(),
    min: snapshotAggSchema.optional(),
    prevDay: snapshotAggSchema.optional(),
    lastTrade: z.object({ p: z.number(), s: z.number().optional(), t: z.number().optional() }).passthrough().optional(),
  })
  .passthrough();
export type PolygonSnapshotTicker = z.infer<typeof polygonSnapshotTickerSchema>;

export const polygonSnapshotSchema = z
  .object({
    status: z.string(),
    count: z.number().optional(),
    tickers: z.array(polygonSnapshotTickerSchema).optional(),
  })
  .passthrough();
