import type Database from 'better-sqlite3';

/**
 * A prepared INSERT ... ON CONFLICT DO UPDATE for one table, fed plain domain records.
 * Bulk paths (imports of millions of rows) go through better-sqlite3 directly: drizzle's
 * query builder costs more per row than the insert itself.
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
  const updates = names.filter((n) => !key.includes(n)).map((n) => `${n} = excluded.${n}`);
  const onConflict = updates.length
    ? `UPDATE SET ${updates.join(', ')}${keepWhen ? ` WHERE NOT (${keepWhen})` : ''}`
    : 'NOTHING';
  const stmt = sqlite.prepare(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
     ON CONFLICT (${key.join(', ')}) DO ${onConflict}`,
  );
  const values = new Array<unknown>(fields.length);
  return (rows) => {
    let n = 0;
    for (const row of rows) {
      for (let i = 0; i < fields.length; i++) {
        const v = (row as Record<string | number | symbol, unknown>)[fields[i]!];
        values[i] = typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
      }
      stmt.run(values);
      n++;
    }
    return n;
  };
}
