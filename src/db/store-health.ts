import type { Db } from './client';
import { dialectOf, storeLabel } from './open-store';

// Which store a process runs on and whether it answers: one description for `doctor` (with SQLite's
// integrity check, which reads the whole file) and `/status` (without it: a phone waits for /status).

export interface StoreHealth {
  kind: 'SQLite' | 'PostgreSQL';
  /** the file, or the URL without its password */
  where: string;
  ok: boolean;
  /** e.g. "wal, integrity ok" or "15.4, 3 connections, 12 MB, answered in 0.4 ms" */
  detail: string;
}

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

export function storeHealth(db: Db, location: string, options: { integrity?: boolean } = {}): StoreHealth {
  const where = storeLabel(location);
  if (dialectOf(db) === 'postgres') {
    try {
      const t0 = performance.now();
      const row = db.$client
        .prepare(
          `SELECT current_setting('server_version') AS version, pg_database_size(current_database()) AS size,
             (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) AS connections`,
        )
        .get() as { version: string; size: number; connections: number };
      const ms = performance.now() - t0;
      return {
        kind: 'PostgreSQL',
        where,
        ok: true,
        detail: `${row.version}, ${row.connections} connection(s), ${mb(row.size)}, answered in ${ms.toFixed(1)} ms`,
      };
    } catch (err) {
      return { kind: 'PostgreSQL', where, ok: false, detail: `not answering: ${(err as Error).message}` };
    }
  }
  const sqlite = db.$client;
  const mode = String(sqlite.pragma('journal_mode', { simple: true }));
  if (!options.integrity) return { kind: 'SQLite', where, ok: true, detail: mode };
  const check = String(sqlite.pragma('quick_check', { simple: true }));
  return {
    kind: 'SQLite',
    where,
    ok: check === 'ok',
    detail: `${mode}, integrity ${check}${check === 'ok' ? '' : ' — restore from a backup or re-import'}`,
  };
}
