import { z } from 'zod';

// Cboe's delayed options chain, `cdn.cboe.com/api/global/delayed_quotes/options/{SYM}.json`, as checked on a
// real (trimmed) body (FORMATS-keyless.md §6): a zone-less `timestamp`, the chain under `data` with the
// underlying's fields beside `options`, and the symbol again at the top. Only what the summary reads is
// required; the rest (greeks, theo, ticks) passes through unchecked. Contract sizes, volume and open
// interest come as floats (`6.0`); `iv` per contract is a fraction, `iv30` of the underlying a percent.

const num = z.number().finite();

export const cboeOptionSchema = z
  .object({
    option: z.string().min(1),
    volume: num.nonnegative(),
    open_interest: num.nonnegative(),
    iv: num.nullish(),
    last_trade_price: num.nullish(),
    /** null when the contract never traded */
    last_trade_time: z.string().nullable().optional(),
  })
  .passthrough();

export const cboeChainSchema = z
  .object({
    timestamp: z.string().optional(),
    symbol: z.string().min(1),
    data: z
      .object({
        options: z.array(cboeOptionSchema),
        symbol: z.string().min(1),
        current_price: num.nullish(),
        close: num.nullish(),
        /** percent (38.981) */
        iv30: num.nullish(),
        /** the underlying's last trade, ET wall time without a zone: `2026-07-24T15:59:59` */
        last_trade_time: z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, 'not a YYYY-MM-DDTHH:MM time'),
      })
      .passthrough(),
  })
  .passthrough();

export type CboeOption = z.infer<typeof cboeOptionSchema>;
export type CboeChain = z.infer<typeof cboeChainSchema>;
