import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sqliteSchema from '../../src/db/schema';
import * as pgSchema from '../../src/db/schema-pg';
import { fromPackageRoot } from '../../src/shared/package-root';
import { scratchDatabase, SKIP_POSTGRES } from '../support/postgres';
import { tempDb } from '../support/temp-db';

// One schema description, two stores: the PostgreSQL migrations (migrations-pg/, generated from the
// tables src/db/schema-pg/ derives from the SQLite ones) must build the same tables as the SQLite
// migrations do — names, columns, NOT NULL, primary keys, indexes — or a repo's SQL would read one
// store differently from the other. Columns compare by name, not position: SQLite's ALTER TABLE ADD
// COLUMN appends (symbols.industry came later), and no SQL of ours depends on column order.

interface Shape {
  columns: { name: string; notNull: boolean }[];
  primaryKey: string[];
  indexes: string[];
}

const byName = <T extends { name: string }>(xs: T[]): T[] => [...xs].sort((a, b) => a.name.localeCompare(b.name));

function sqliteShapes(): Record<string, Shape> {
  const t = tempDb();
  try {
    const s = t.db.$client;
    const tables = s
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const out: Record<string, Shape> = {};
    for (const name of tables) {
      const cols = s.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; notnull: number; pk: number }[];
      const indexes = (s.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; origin: string }[])
        .filter((i) => i.origin === 'c')
        .map((i) => i.name)
        .sort();
      out[name] = {
        // a primary-key column is NOT NULL in PostgreSQL whatever SQLite's table_info says
        columns: byName(cols.map((c) => ({ name: c.name, notNull: c.notnull === 1 || c.pk > 0 }))),
        primaryKey: cols
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        indexes,
      };
    }
    return out;
  } finally {
    t.cleanup();
  }
}

async function pgShapes(c: pg.Client): Promise<Record<string, Shape>> {
  const tables = (
    await c.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    )
  ).rows.map((r) => r.name);
  const out: Record<string, Shape> = {};
  for (const name of tables) {
    const cols = await c.query<{ name: string; nullable: string }>(
      `SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [name],
    );
    const pk = await c.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
       WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.n`,
      [`public."${name}"`],
    );
    const idx = await c.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE i.indrelid = $1::regclass AND NOT i.indisprimary ORDER BY c.relname`,
      [`public."${name}"`],
    );
    out[name] = {
      columns: byName(cols.rows.map((r) => ({ name: r.name, notNull: r.nullable === 'NO' }))),
      primaryKey: pk.rows.map((r) => r.name),
      indexes: idx.rows.map((r) => r.name).sort(),
    };
  }
  return out;
}

describe('the schema in both dialects', () => {
  it('derives a PostgreSQL twin for every SQLite table', () => {
    const tables = Object.entries(sqliteSchema)
      .filter(([, v]) => is(v, SQLiteTable))
      .map(([k]) => k)
      .sort();
    expect(Object.keys(pgSchema).sort()).toEqual(tables);
  });

  describe.skipIf(SKIP_POSTGRES)('on PostgreSQL', () => {
    let s: Awaited<ReturnType<typeof scratchDatabase>>;
    let client: pg.Client;
    beforeAll(async () => {
      s = await scratchDatabase();
      client = new pg.Client({ connectionString: s.url });
      await client.connect();
      await migrate(drizzle(client), { migrationsFolder: fromPackageRoot('migrations-pg') });
    });
    afterAll(async () => {
      await client?.end();
      await s?.drop();
    });

    it('builds the same tables, columns, keys and indexes as the SQLite migrations', async () => {
      expect(await pgShapes(client)).toEqual(sqliteShapes());
    });

    it('stores JSON as text and booleans as 0/1, and stamps ISO-8601 UTC instants, as SQLite does', async () => {
      await client.query("INSERT INTO symbols (symbol, source, as_of) VALUES ('GME', 'test', '2021-01-27')");
      const row = await client.query<{ is_etf: number; is_active: number; updated_at: string }>(
        "SELECT is_etf, is_active, updated_at FROM symbols WHERE symbol = 'GME'",
      );
      expect(row.rows[0]).toMatchObject({ is_etf: 0, is_active: 1 });
      expect(row.rows[0]!.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const prefs = await client.query<{ type: string }>(
        "SELECT data_type AS type FROM information_schema.columns WHERE table_name = 'user_prefs' AND column_name = 'notify'",
      );
      expect(prefs.rows[0]!.type).toBe('text');
    });
  });
});
