import { describe, expect, it } from 'vitest';
import { toPgPlaceholders } from '../../src/db/pg/placeholders';
import { sqliteToPg } from '../../src/db/pg/sqlite-to-pg';

describe("SQLite's parameters in PostgreSQL's words", () => {
  it('numbers ? in order and keeps ?NNN', () => {
    expect(toPgPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
      params: { kind: 'positional', count: 3 },
    });
    expect(toPgPlaceholders('SELECT ?2, ?1').text).toBe('SELECT $2, $1');
  });

  it('names @x, :x and $x once each, in order of first use', () => {
    expect(toPgPlaceholders('SELECT * FROM t WHERE d <= @d AND s = :s AND e >= @d')).toEqual({
      text: 'SELECT * FROM t WHERE d <= $1 AND s = $2 AND e >= $1',
      params: { kind: 'named', names: ['d', 's'] },
    });
  });

  it('leaves strings, quoted names, comments and casts alone', () => {
    const sql = `SELECT '?', "a?b", x::text -- what?\n FROM t /* :no */ WHERE y = ? AND z = 'it''s ?'`;
    expect(toPgPlaceholders(sql).text).toBe(
      `SELECT '?', "a?b", x::text -- what?\n FROM t /* :no */ WHERE y = $1 AND z = 'it''s ?'`,
    );
  });

  it('refuses a statement that mixes named and positional parameters', () => {
    expect(() => toPgPlaceholders('SELECT ? , @x')).toThrow(/mixes/);
  });

  it("unqualifies drizzle's SQLite conflict target", () => {
    expect(sqliteToPg('insert into "s" ("k") values (?) on conflict ("s"."k", "s"."d") do nothing')).toBe(
      'insert into "s" ("k") values (?) on conflict ("k", "d") do nothing',
    );
  });

  it("gives an identity column left out of drizzle's insert its default, and only that column", () => {
    expect(
      sqliteToPg('insert into "a" ("id", "n", "note") values (null, ?, null), (null, ?, \'(x, y)\') returning "id"'),
    ).toBe('insert into "a" ("id", "n", "note") values (default, ?, null), (default, ?, \'(x, y)\') returning "id"');
    expect(sqliteToPg('insert into "a" ("n", "id") values ((coalesce(?, \'it\'\'s, )\')), null)')).toBe(
      'insert into "a" ("n", "id") values ((coalesce(?, \'it\'\'s, )\')), default)',
    );
    expect(sqliteToPg('insert into "a" ("id", "n") values (?, null)')).toBe(
      'insert into "a" ("id", "n") values (?, null)',
    );
    expect(sqliteToPg('INSERT INTO a (id, n) VALUES (NULL, ?)')).toBe('INSERT INTO a (id, n) VALUES (NULL, ?)');
  });

  it("puts SQLite's now default, inlined by drizzle, in PostgreSQL's words", () => {
    const out = sqliteToPg(`insert into "t" ("at") values ((strftime('%Y-%m-%dT%H:%M:%fZ','now')))`);
    expect(out).toBe(
      `insert into "t" ("at") values ((to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))`,
    );
  });
});
