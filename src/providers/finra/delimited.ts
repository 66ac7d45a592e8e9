import { ParseError } from '../../shared/errors';
import type { ZodType, ZodTypeDef } from 'zod';
import type { Dataset } from '../../domain/market-data';
import type { LineFormat, LineResult } from '../../domain/line-format';

// Header-driven delimited text (FINRA's pipe files and the Query API's CSV exports): one line is one
// row, fields may be double-quoted ("AIA Group, Ltd."), a doubled quote inside quotes is a literal
// quote. Rows are turned into objects keyed by FINRA's API field names so that the same zod schemas
// and mappers serve the JSON API, the CSV exports and the files.

export type Delimiter = ',' | '|';

/** The delimiter a header line uses: FINRA files are pipe separated even when named `.csv`. */
export function detectDelimiter(header: string): Delimiter {
  return header.includes('|') ? '|' : ',';
}

/** Splits one line; returns null when a quote is left open (the caller reports the line). */
export function splitDelimited(line: string, delimiter: Delimiter): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
    i++;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

/** Header names as written (quotes removed, trimmed). */
export function headerNames(header: string): { delimiter: Delimiter; names: string[] } {
  const delimiter = detectDelimiter(header);
  return { delimiter, names: (splitDelimited(header.trim(), delimiter) ?? []).map((n) => n.trim()) };
}

/** A row keyed by canonical field name; empty fields are null. */
export type RawRow = Record<string, string | null>;

export interface TableSpec<T> {
  kind: string;
  dataset: Dataset;
  /** header name → canonical (API) field name; names not listed keep their own name */
  aliases?: Readonly<Record<string, string>>;
  /** canonical names that must be in the header for the format to recognise and accept a file */
  required: readonly string[];
  /** extra recognition by file name (e.g. `shrt20240815.csv`) when the header alone is not enough */
  nameMatches?: (fileName: string) => boolean;
  /** a row → a record, a skip with its reason, or a ParseError thrown */
  row(raw: RawRow, ctx: { fileName: string; lineNo: number }): LineResult<T>;
}

function canonical(names: string[], aliases: Readonly<Record<string, string>> = {}): string[] {
  return names.map((n) => aliases[n] ?? n);
}

/** A LineFormat for a delimited table recognised by its header's field names. */
export function tableFormat<T>(spec: TableSpec<T>): LineFormat<T> {
  const hasRequired = (cols: string[]) => spec.required.every((r) => cols.includes(r));
  return {
    kind: spec.kind,
    dataset: spec.dataset,
    recognise(fileName, firstLine) {
      const { names } = headerNames(firstLine);
      return hasRequired(canonical(names, spec.aliases)) && (spec.nameMatches?.(fileName) ?? true);
    },
    begin(fileName, headerLine) {
      const { delimiter, names } = headerNames(headerLine);
      const cols = canonical(names, spec.aliases);
      const missing = spec.required.filter((r) => !cols.includes(r));
      if (missing.length > 0) {
        throw new ParseError(fileName, 1, `header lacks ${missing.join(', ')} (${spec.kind} layout)`);
      }
      return {
        line(text, lineNo) {
          const line = text.endsWith('\r') ? text.slice(0, -1) : text;
          if (line.trim() === '') return null;
          const fields = splitDelimited(line, delimiter);
          if (fields === null) throw new ParseError(fileName, lineNo, 'a quoted field is not closed');
          if (fields.length !== cols.length) {
            throw new ParseError(fileName, lineNo, `expected ${cols.length} fields, found ${fields.length}`);
          }
          const raw: RawRow = {};
          cols.forEach((c, i) => {
            const v = fields[i]!.trim();
            raw[c] = v === '' ? null : v;
          });
          return spec.row(raw, { fileName, lineNo });
        },
        end() {},
      };
    },
  };
}

/** Validates a row with a raw schema; a mismatch is a ParseError naming the line and the field. */
export function validateRow<R>(
  schema: ZodType<R, ZodTypeDef, unknown>,
  raw: unknown,
  fileName: string,
  lineNo: number,
): R {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ParseError(fileName, lineNo, `${issue.path.join('.') || 'row'}: ${issue.message}`);
}
