import type Database from 'better-sqlite3';

/**
 * Rows per statement on the bulk path: one statement call costs about as much as binding a row, so
 * many rows to a call halve the work per row; 64 × a dozen columns stays far below SQLite's limit of
 * bound parameters.
 */
export const ROWS_PER_STATEMENT = 64;

/**
 * A prepared INSERT ... ON CONFLICT DO UPDATE for one table, fed plain domain records.
 * Bulk paths (imports of millions of rows) go through better-sqlite3 directly: drizzle's
 * query builder costs more per row than the insert itself. SQLite applies the ON CONFLICT clause to
 * each row of a multi-row VALUES in order, so a batch stores exactly what one statement per row would.
 *
 * `columns` maps each SQL column to the record field it comes from. `keepWhen`, an SQL condition over
 * the stored row (`${table}.col`) and the new one (`excluded.col`), keeps the stored row when true.
 */
export function createUpsert<T extends object>(
  sqlite: Database.Database,
  table: string,
  columns: Record<string, keyof T>,
  key: string[],
  keepWhen?: string,
): (rows: Iterable<T>) => number {
  const names = Object.keys(columns);
  const fields = names.map((n) => columns[n]!);
  const width = fields.length;
  const updates = names.filter((n) => !key.includes(n)).map((n) => `${n} = excluded.${n}`);
  const onConflict = updates.length
    ? `UPDATE SET ${updates.join(', ')}${keepWhen ? ` WHERE NOT (${keepWhen})` : ''}`
    : 'NOTHING';
  const tuple = `(${names.map(() => '?').join(', ')})`;
  const prepare = (rows: number) =>
    sqlite.prepare(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}
       ON CONFLICT (${key.join(', ')}) DO ${onConflict}`,
    );
  const one = prepare(1);
  const many = prepare(ROWS_PER_STATEMENT);
  const values = new Array<unknown>(width * ROWS_PER_STATEMENT);
  const single = new Array<unknown>(width);
  const put = (into: unknown[], at: number, row: T) => {
    for (let i = 0; i < width; i++) {
      const v = (row as Record<string | number | symbol, unknown>)[fields[i]!];
      into[at + i] = typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
    }
  };
  return (rows) => {
    const list = Array.isArray(rows) ? (rows as T[]) : [...rows];
    const whole = list.length - (list.length % ROWS_PER_STATEMENT);
    for (let r = 0; r < whole; r += ROWS_PER_STATEMENT) {
      for (let j = 0; j < ROWS_PER_STATEMENT; j++) put(values, j * width, list[r + j]!);
      many.run(values);
    }
    for (let r = whole; r < list.length; r++) {
      put(single, 0, list[r]!);
      one.run(single);
    }
    return list.length;
  };
}
