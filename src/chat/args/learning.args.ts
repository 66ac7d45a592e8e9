import { z } from 'zod';
import type { Origin } from '../../learning/learning-reads';

// The words /performance, /missed and /suggest read: an origin and a number of days, both optional.

/** `/performance [live|backtest] [days]`: both optional, in either order. */
export const originDaysArgs = z
  .array(z.string())
  .max(2, 'at most an origin (live or backtest) and a number of days')
  .transform((words, ctx) => {
    let origin: Origin | undefined;
    let days: number | undefined;
    for (const w of words) {
      const lw = w.toLowerCase();
      if ((lw === 'live' || lw === 'backtest') && !origin) origin = lw;
      else if (/^\d{1,4}d?$/.test(lw) && !days && Number.parseInt(lw, 10) >= 1) days = Number.parseInt(lw, 10);
      else {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${w}" is neither live, backtest nor a number of days` });
        return z.NEVER;
      }
    }
    return { origin: origin ?? 'live', days };
  });
