import { z } from 'zod';

// Quantities and prices as traders type them (/buy, /sell).

/** `100`, `2.5`, `$43.03`, `1,000` → a positive number */
export const positiveNumberArg = (name: string) =>
  z.string().transform((raw, ctx) => {
    const cleaned = raw.replace(/^\$/, '').replace(/,/g, '');
    const n = Number(cleaned);
    if (!/^\d*\.?\d+$/.test(cleaned) || !Number.isFinite(n) || n <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} must be a positive number, not "${raw}"` });
      return z.NEVER;
    }
    return n;
  });
