import { z } from 'zod';
import type { Origin } from '../../learning/learning-reads';
import { isDurationWord, readChoice, readDays } from './grammar';

const ORIGINS: readonly Origin[] = ['live', 'backtest'];

// The words /performance, /missed and /suggest read: an origin and a number of days, both optional.

/** ten years: a backtest can reach that far back */
const MAX_DAYS = 3650;

/** `/performance [live|backtest] [days]` (`30`, `30d`, `2w`, `3mo`, `1y`): both optional, in either order. */
export const originDaysArgs = z
  .array(z.string())
  .max(2, 'at most an origin (live or backtest) and a number of days')
  .transform((words, ctx) => {
    let origin: Origin | undefined;
    let days: number | undefined;
    for (const w of words) {
      const asOrigin = readChoice(w, 'the origin', ORIGINS);
      if (asOrigin.ok && !origin) origin = asOrigin.value;
      else if (isDurationWord(w) && !days) {
        const r = readDays(w, 'the number of days', MAX_DAYS);
        if (!r.ok) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.message });
          return z.NEVER;
        }
        days = r.value;
      } else {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${w}" is neither live, backtest nor a number of days` });
        return z.NEVER;
      }
    }
    return { origin: origin ?? 'live', days };
  });
