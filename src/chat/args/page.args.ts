import { z } from 'zod';

// A `p2` word anywhere asks for page 2 of a paged list (Prev/Next buttons send it); the other words
// go to the command's own schema unchanged, so its existing arguments keep working.

const PAGE_WORD = /^p(\d{1,3})$/i;

export function paged<A extends object>(schema: z.ZodType<A, z.ZodTypeDef, string[]>) {
  return z.array(z.string()).transform((words, ctx) => {
    let page: number | undefined;
    const rest: string[] = [];
    for (const w of words) {
      const m = PAGE_WORD.exec(w);
      if (m) page = Math.max(1, Number(m[1]));
      else rest.push(w);
    }
    const r = schema.safeParse(rest);
    if (!r.success) {
      for (const issue of r.error.issues) ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue.message });
      return z.NEVER;
    }
    return { ...r.data, page };
  });
}
