import { is, SQL, sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { now, pgNow } from '../schema/columns';

// One schema description, two dialects: the tables are described once, in src/db/schema/ (drizzle's
// SQLite builders), and their PostgreSQL twins are derived here from drizzle's own metadata of each
// table — columns, defaults, primary and foreign keys, indexes — so the two can never drift apart.
// drizzle-kit generates each dialect's migrations from its set (drizzle.config.ts, drizzle.pg.config.ts).
//
// Storage mirrors SQLite's, so the same SQL reads the same values on both stores: text stays text
// (dates and instants are ISO-8601 strings, compared as strings), JSON is text, a boolean is an
// integer 0/1, and an integer is a 64-bit bigint (Telegram chat ids pass 2^31). REAL becomes double
// precision, SQLite's REAL being 8 bytes; an autoincrement id becomes an identity column.

/** JSON kept as text, as SQLite keeps it: drizzle reads and writes the value, raw SQL sees the text. */
const jsonText = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value) as unknown,
});

/** A boolean kept as 0/1, as SQLite keeps it, so `WHERE is_etf = 0` reads the same on both stores. */
const boolInteger = customType<{ data: boolean; driverData: number }>({
  dataType: () => 'integer',
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => Number(value) !== 0,
});

function columnOf(c: SQLiteColumn): PgColumnBuilderBase {
  const auto = (c as SQLiteColumn & { autoIncrement?: boolean }).autoIncrement === true;
  let b;
  switch (c.columnType) {
    case 'SQLiteText':
      b = text(c.name);
      break;
    case 'SQLiteTextJson':
      b = jsonText(c.name);
      break;
    case 'SQLiteBoolean':
      b = boolInteger(c.name);
      break;
    case 'SQLiteInteger':
      b = auto ? bigint(c.name, { mode: 'number' }).generatedByDefaultAsIdentity() : bigint(c.name, { mode: 'number' });
      break;
    case 'SQLiteReal':
      b = doublePrecision(c.name);
      break;
    default:
      throw new Error(`${c.name}: no PostgreSQL column for ${c.columnType}`);
  }
  if (c.notNull) b = b.notNull();
  if (c.primary) b = b.primaryKey();
  // an INTEGER PRIMARY KEY without autoincrement is SQLite's rowid alias: drizzle marks it as having a
  // default with no value (SQLite fills it in); its twin is a plain key the writer always sets
  if (c.hasDefault && !auto && !(c.primary && c.default === undefined)) {
    if (is(c.default, SQL)) {
      if (c.default !== now) throw new Error(`${c.name}: an SQL default with no PostgreSQL twin`);
      b = b.default(pgNow);
    } else b = b.default(literal(c.columnType, c.default));
  }
  return b;
}

/** A literal default as stored: a boolean as 0/1, JSON as its text (the custom types' driver values). */
function literal(columnType: string, value: unknown): SQL {
  if (columnType === 'SQLiteBoolean') return sql.raw(value ? '1' : '0');
  const stored = columnType === 'SQLiteTextJson' ? JSON.stringify(value) : value;
  if (typeof stored === 'number') return sql.raw(String(stored));
  if (typeof stored === 'string') return sql.raw(`'${stored.replaceAll("'", "''")}'`);
  throw new Error(`no literal for the default ${String(value)}`);
}

/** The PostgreSQL twin of a SQLite table: same name, columns, keys and indexes. */
export function pgTwin(
  table: SQLiteTable,
  twins: ReadonlyMap<SQLiteTable, PgTableWithColumns<never>> = new Map(),
): PgTableWithColumns<never> {
  const config = getTableConfig(table);
  const columns: Record<string, PgColumnBuilderBase> = {};
  const keyOf = new Map<string, string>();
  for (const [key, value] of Object.entries(table)) {
    const c = value as SQLiteColumn;
    if (c && typeof c === 'object' && 'columnType' in c && config.columns.includes(c)) {
      columns[key] = columnOf(c);
      keyOf.set(c.name, key);
    }
  }
  type T = Record<string, never>;
  const pick = (t: T, cols: { name: string }[]) => cols.map((c) => t[keyOf.get(c.name)!]!) as never;
  return pgTable(config.name, columns, (t) => [
    ...config.primaryKeys.map((pk) => primaryKey({ name: pk.getName(), columns: pick(t as T, pk.columns) })),
    ...config.indexes.map((i) => {
      const cols = i.config.columns as SQLiteColumn[];
      if (cols.some((c) => !('name' in c)) || i.config.where) throw new Error(`${i.config.name}: expression index`);
      const make = i.config.unique ? uniqueIndex : index;
      const [first, ...rest] = pick(t as T, cols) as unknown as Parameters<ReturnType<typeof index>['on']>;
      return make(i.config.name).on(first, ...rest);
    }),
    ...config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      const target = twins.get(ref.foreignTable);
      if (!target)
        throw new Error(
          `${config.name}: its foreign key's table ${getTableConfig(ref.foreignTable).name} has no twin yet`,
        );
      const targetKeys = new Map(
        Object.entries(target).flatMap(([k, v]) =>
          v && typeof v === 'object' && 'name' in v ? [[(v as { name: string }).name, k]] : [],
        ),
      );
      const built = foreignKey({
        name: fk.getName(),
        columns: pick(t as T, ref.columns),
        foreignColumns: ref.foreignColumns.map((c) => (target as unknown as T)[targetKeys.get(c.name)!]!) as never,
      });
      if (fk.onDelete) built.onDelete(fk.onDelete);
      if (fk.onUpdate) built.onUpdate(fk.onUpdate);
      return built;
    }),
  ]) as unknown as PgTableWithColumns<never>;
}

/** Twins of every table of a schema module, referenced tables first; keyed like the module. */
export function pgTwins(schema: Record<string, unknown>): Record<string, PgTableWithColumns<never>> {
  const tables = Object.entries(schema).filter((e): e is [string, SQLiteTable] => is(e[1], SQLiteTable));
  const twins = new Map<SQLiteTable, PgTableWithColumns<never>>();
  const out: Record<string, PgTableWithColumns<never>> = {};
  const visit = (key: string, t: SQLiteTable) => {
    if (twins.has(t)) return;
    for (const fk of getTableConfig(t).foreignKeys) {
      const target = fk.reference().foreignTable;
      const entry = tables.find(([, x]) => x === target);
      if (entry && entry[1] !== t) visit(entry[0], entry[1]);
    }
    const twin = pgTwin(t, twins);
    twins.set(t, twin);
    out[key] = twin;
  };
  for (const [key, t] of tables) visit(key, t);
  return out;
}
