import { sql } from 'drizzle-orm';

// Defaults shared by tables of several areas.

/** now as ISO-8601 UTC text with milliseconds, the format every instant is stored in */
export const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** The same default in PostgreSQL's words (the store for replicas, schema-pg/). */
export const pgNow = sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
