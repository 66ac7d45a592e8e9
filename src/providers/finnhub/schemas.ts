import { z } from 'zod';

// Raw Finnhub shapes (finnhub.io/api/v1). Social sentiment has come in two layouts: the current one
// with one `data` array, and an older one with `reddit` and `twitter` arrays. Both are accepted.

export const finnhubSentimentPointSchema = z
  .object({
    atTime: z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?/),
    mention: z.number().nonnegative(),
    positiveMention: z.number().nonnegative(),
    negativeMention: z.number().nonnegative(),
    positiveScore: z.number().optional(),
    negativeScore: z.number().optional(),
    score: z.number(),
  })
  .passthrough();
export type FinnhubSentimentPoint = z.infer<typeof finnhubSentimentPointSchema>;

export const finnhubSocialSentimentSchema = z
  .object({
    symbol: z.string().optional(),
    data: z.array(finnhubSentimentPointSchema).optional(),
    reddit: z.array(finnhubSentimentPointSchema).optional(),
    twitter: z.array(finnhubSentimentPointSchema).optional(),
  })
  .passthrough();
export type FinnhubSocialSentiment = z.infer<typeof finnhubSocialSentimentSchema>;

/** /quote: the cheap call ping() makes (`c` current price, `t` epoch seconds). */
export const finnhubQuoteSchema = z.object({ c: z.number(), t: z.number() }).passthrough();
