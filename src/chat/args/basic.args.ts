import { z } from 'zod';
import { readChoice, readDays, readInteger, readSymbol, type Read } from './grammar';

// Arguments are parsed with zod, one schema per command over the words after the command. A failed
// parse becomes a UsageError whose message is the first issue; the chat core adds the usage line and
// the example. Helpers below build those schemas from the one word grammar (./grammar.ts), so every command
// reads its words the same way.

/** A zod schema over one word, reading it with a token kind of the grammar (./grammar.ts). */
export const wordArg = <T>(read: (word: string) => Read<T>) =>
  z.string().transform((raw, ctx) => {
    const r = read(raw);
    if (!r.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.message });
      return z.NEVER;
    }
    return r.value;
  });

/** `$gme` → GME, `brk.b` → BRK/B, `R007`; junk (`12345`, `GME!!`, `TOOLONGTICKER`) rejected. */
export const tickerArg = wordArg(readSymbol);

export const intArg = (name: string, min: number, max: number) => wordArg((w) => readInteger(w, name, min, max));

/** `7`, `7d`, `2w`, `1mo`, `1y` → days */
export const daysArg = (name: string, max = 365) => wordArg((w) => readDays(w, name, max));

export const choiceArg = <T extends string>(name: string, choices: readonly [T, ...T[]]) =>
  wordArg((w) => readChoice(w, name, choices));

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

/** zod's own wording ("Expected string, received number", "Invalid enum value"), never shown to a user */
const ZOD_WORDING = /Expected .* received|Invalid (input|enum|type)|(String|Array|Number) must/;

/**
 * The first zod issue as a sentence for the user. The schemas here carry their own messages; one that
 * does not (a bare z.number() added later) gets plain words from its issue code instead of zod's.
 */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'those arguments do not fit';
  if (!ZOD_WORDING.test(issue.message)) return issue.message;
  if (issue.code === 'too_small') return 'an argument is missing';
  if (issue.code === 'too_big') return 'too many arguments';
  if (issue.code === 'invalid_enum_value') return `use one of ${issue.options.join(', ')}`;
  return 'those arguments do not fit';
}
