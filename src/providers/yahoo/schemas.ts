import { z } from 'zod';

// Raw Yahoo Finance shapes (query1.finance.yahoo.com): unofficial, undocumented, so every field we
// do not strictly need is optional and every array entry may be null.

const yahooErrorSchema = z.object({ code: z.string(), description: z.string().optional() }).passthrough();
export type YahooError = z.infer<typeof yahooErrorSchema>;

const holes = z.array(z.number().nullable());

export const yahooChartResultSchema = z
  .object({
    meta: z
      .object({
        symbol: z.string().optional(),
        exchangeTimezoneName: z.string().optional(),
        gmtoffset: z.number().optional(),
      })
      .passthrough(),
    // absent when the range holds no trading day
    timestamp: z.array(z.number().int()).optional(),
    indicators: z
      .object({
        quote: z
          .array(
            z
              .object({
                open: holes.optional(),
                high: holes.optional(),
                low: holes.optional(),
                close: holes.optional(),
                volume: holes.optional(),
              })
              .passthrough(),
          )
          .min(1),
        adjclose: z.array(z.object({ adjclose: holes.optional() }).passthrough()).optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type YahooChartResult = z.infer<typeof yahooChartResultSchema>;

/** `chart.error` is set (and `result` null) for an unknown symbol, with HTTP 404. */
export const yahooChartSchema = z.object({
  chart: z
    .object({ result: z.array(yahooChartResultSchema).nullable(), error: yahooErrorSchema.nullable() })
    .passthrough(),
});

/** A quoteSummary field: `{raw, fmt}` when known, `{}` when Yahoo has nothing. */
const rawField = z
  .object({ raw: z.number().optional(), fmt: z.string().nullable().optional() })
  .passthrough()
  .optional();

export const yahooKeyStatisticsSchema = z
  .object({
    sharesShort: rawField,
    sharesShortPriorMonth: rawField,
    sharesShortPreviousMonthDate: rawField,
    shortRatio: rawField,
    shortPercentOfFloat: rawField,
    floatShares: rawField,
    sharesOutstanding: rawField,
    dateShortInterest: rawField,
  })
  .passthrough();
export type YahooKeyStatistics = z.infer<typeof yahooKeyStatisticsSchema>;

export const yahooQuoteSummarySchema = z.object({
  quoteSummary: z
    .object({
      result: z.array(z.object({ defaultKeyStatistics: yahooKeyStatisticsSchema.optional() }).passthrough()).nullable(),
      error: yahooErrorSchema.nullable(),
    })
    .passthrough(),
});

/**
 * 401 from quoteSummary: `{"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid
 * Crumb"}}}`.
 */
export const yahooFinanceErrorSchema = z.object({
  finance: z.object({ error: yahooErrorSchema.nullable() }).passthrough(),
});
