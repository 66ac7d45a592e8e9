import { z } from 'zod';
import { normaliseTicker } from '../../market/symbol-map';

// Arguments are parsed with zod, one schema per command over the words after the command. A failed
// parse becomes a UsageError whose message is the first issue; the chat core adds the usage line and
// the example. Helpers below build those schemas so every command reads its words the same way.

/** `$gme` → GME, `brk.b` → BRK/B; junk (`12345`, `GME!!`, `TOOLONGTICKER`) rejected. */
export const tickerArg = z.string().transform((raw, ctx) => {
  const symbol = normaliseTicker(raw);
  if (!symbol) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${raw}" is not a ticker` });
    return z.NEVER;
  }
  return symbol;
});

export const intArg = (name: string, min: number, max: number) =>
  z.string().transform((raw, ctx) => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${name} must be a whole number from ${min} to ${max}, not "${raw}"`,
      });
      return z.NEVER;
    }
    return n;
  });

/** `7`, `7d`, `2w` → days */
export const daysArg = (name: string, max = 365) =>
  z.string().transform((raw, ctx) => {
    const m = /^(\d+)\s*(d|day|days|w|wk|week|weeks)?$/i.exec(raw);
    const days = m ? Number(m[1]) * (m[2]?.toLowerCase().startsWith('w') ? 7 : 1) : NaN;
    if (!Number.isInteger(days) || days < 1 || days > max) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${name} is a number of days (7, 7d, 2w) from 1 to ${max}, not "${raw}"`,
      });
      return z.NEVER;
    }
    return days;
  });

export const choiceArg = <T extends string>(name: string, choices: readonly [T, ...T[]]) =>
  z.string().transform((raw, ctx) => {
    const v = raw.toLowerCase() as T;
    if (!choices.includes(v)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} is one of ${choices.join(', ')}, not "${raw}"` });
      return z.NEVER;
    }
    return v;
  });

type Out<S> = S extends z.ZodType<infer O, z.ZodTypeDef, string> ? O : never;
type Outs<T extends readonly z.ZodType<unknown, z.ZodTypeDef, string>[]> = { [K in keyof T]: Out<T[K]> };

/**
 * Positional words: `required` first, then `optional` ones (undefined when absent); with `rest`, the
 * words left over come back joined as one string (a reason, a thesis), else extra words are an error.
 */
export function positional<
  const R extends readonly z.ZodType<unknown, z.ZodTypeDef, string>[],
  const O extends readonly z.ZodType<unknown, z.ZodTypeDef, string>[] = [],
>(required: R, optional?: O, options: { rest?: boolean; names?: string[] } = {}) {
  const opt = (optional ?? []) as unknown as O;
  return z.array(z.string()).transform((words, ctx) => {
    const names = options.names ?? [];
    if (words.length < required.length) {
      const missing = names[words.length] ?? 'an argument';
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${missing} is missing` });
      return z.NEVER;
    }
    const max = required.length + opt.length;
    if (!options.rest && words.length > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `too many arguments: "${words.slice(max).join(' ')}"` });
      return z.NEVER;
    }
    const values: unknown[] = [];
    const all = [...required, ...opt];
    for (let i = 0; i < all.length; i++) {
      const word = words[i];
      if (word === undefined) {
        values.push(undefined);
        continue;
      }
      const r = all[i]!.safeParse(word);
      if (!r.success) {
        for (const issue of r.error.issues)
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue.message, path: [i] });
        return z.NEVER;
      }
      values.push(r.data);
    }
    const rest = words.slice(max).join(' ').trim();
    return { values: values as [...Outs<R>, ...Partial<Outs<O>>], rest: rest === '' ? undefined : rest };
  });
}

/** No arguments at all. */
export const noArgs = z.array(z.string()).max(0, 'this command takes no arguments');

/** The first zod issue as a sentence for the user. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue?.message ?? 'bad arguments';
}
