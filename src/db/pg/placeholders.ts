// SQLite's parameter forms in PostgreSQL's: the repos' SQL (and drizzle's SQLite dialect) write `?`,
// `?NNN`, `@name`, `:name` and `$name`; PostgreSQL takes `$1, $2, …` only. Quoted strings, quoted
// identifiers and comments are copied as they are, so a `?` or `:x` inside them is left alone, and a
// PostgreSQL cast (`x::text`) is not taken for a parameter.

export interface PgStatementText {
  text: string;
  /** positional: how many parameters; named: each $n's name, in order */
  params: { kind: 'positional'; count: number } | { kind: 'named'; names: string[] } | { kind: 'none' };
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const DIGITS = /[0-9]+/y;

export function toPgPlaceholders(sql: string): PgStatementText {
  let out = '';
  let positional = 0;
  let maxNumbered = 0;
  const names: string[] = [];
  let i = 0;
  const copyUntil = (end: string, from: number) => {
    const j = sql.indexOf(end, from);
    const stop = j < 0 ? sql.length : j + end.length;
    out += sql.slice(i, stop);
    i = stop;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      // a doubled quote inside is an escaped one: the scan resumes after it either way
      copyUntil(c, i + 1);
    } else if (c === '-' && next === '-') copyUntil('\n', i + 2);
    else if (c === '/' && next === '*') copyUntil('*/', i + 2);
    else if (c === '?') {
      DIGITS.lastIndex = i + 1;
      const m = DIGITS.exec(sql);
      if (m) {
        const n = Number(m[0]);
        maxNumbered = Math.max(maxNumbered, n);
        out += `$${n}`;
        i += 1 + m[0].length;
      } else {
        out += `$${++positional}`;
        i++;
      }
    } else if (
      (c === '@' || c === '$' || (c === ':' && next !== ':' && sql[i - 1] !== ':')) &&
      next &&
      /[A-Za-z_]/.test(next)
    ) {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(sql)![0];
      let k = names.indexOf(name);
      if (k < 0) k = names.push(name) - 1;
      out += `$${k + 1}`;
      i += 1 + name.length;
    } else {
      out += c;
      i++;
    }
  }
  if (names.length > 0 && (positional > 0 || maxNumbered > 0))
    throw new Error('a statement mixes named and positional parameters');
  if (names.length > 0) return { text: out, params: { kind: 'named', names } };
  const count = Math.max(positional, maxNumbered);
  return { text: out, params: count > 0 ? { kind: 'positional', count } : { kind: 'none' } };
}
