import { now, pgNow } from '../schema/columns';

// What drizzle's SQLite dialect writes that PostgreSQL reads otherwise. The repos build their
// statements with the SQLite schema (one description for both stores, schema-pg/from-sqlite.ts), so
// the few shapes drizzle's SQLite builder emits are put in PostgreSQL's words here, once per prepared
// statement. Hand-written SQL in the repos is written to mean the same on both stores instead.

/** The SQLite `now` default as drizzle inlines it into an INSERT's VALUES for a column left out. */
const SQLITE_NOW = new RegExp(escapeRegExp(now.queryChunks.map((c) => chunkText(c)).join('')), 'g');
const PG_NOW = pgNow.queryChunks.map((c) => chunkText(c)).join('');

function chunkText(chunk: unknown): string {
  const value = (chunk as { value?: unknown }).value;
  return Array.isArray(value) ? value.join('') : String(value);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function sqliteToPg(source: string): string {
  let out = source.replace(SQLITE_NOW, PG_NOW);
  // a conflict target qualified by its table (`on conflict ("settings"."key")`), which PostgreSQL wants bare
  out = out.replace(
    /on conflict \(([^)]*)\)/gi,
    (_, cols: string) => `on conflict (${cols.replace(/"[^"]+"\./g, '')})`,
  );
  return identityDefaults(out);
}

/**
 * drizzle's SQLite builder writes `null` for an `id` left out of an insert, which SQLite's INTEGER
 * PRIMARY KEY turns into the next id; PostgreSQL's identity column refuses a null, and takes
 * `default` instead. Only drizzle's own inserts (lower-case `insert into "t" (…) values (…)`) are
 * rewritten, and only the `id` position.
 */
function identityDefaults(source: string): string {
  const head = /^insert into "[^"]+" \(([^)]*)\) values /.exec(source);
  if (!head) return source;
  const at = head[1]!.split(', ').indexOf('"id"');
  if (at < 0) return source;
  let i = head[0].length;
  let out = source.slice(0, i);
  // one tuple after another: `(v, v, …), (v, …)`, then whatever follows (on conflict, returning)
  while (source[i] === '(') {
    const end = tupleEnd(source, i);
    const values = splitTopLevel(source.slice(i + 1, end));
    if (values[at] === 'null') values[at] = 'default';
    out += `(${values.join(', ')})`;
    i = end + 1;
    if (source.startsWith(', (', i)) {
      out += ', ';
      i += 2;
    } else break;
  }
  return out + source.slice(i);
}

/** The index of the `)` closing the tuple that opens at `start`, past nested parentheses and strings. */
function tupleEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === "'") i = skipString(s, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new SyntaxError(`unbalanced parentheses in: ${s.slice(0, 120)}`);
}

/** The index of the quote that closes the string opening at `start` ('' is an escaped quote). */
function skipString(s: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = s.indexOf("'", i);
    if (q === -1) return s.length;
    if (s[q + 1] === "'") i = q + 2;
    else return q;
  }
}

function splitTopLevel(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "'") i = skipString(inner, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(from, i).trim());
      from = i + 1;
    }
  }
  parts.push(inner.slice(from).trim());
  return parts;
}
