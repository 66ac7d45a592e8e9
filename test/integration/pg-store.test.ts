import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { openPgDb } from '../../src/db/pg/open-pg';
import { createSettingsRepo } from '../../src/db/repos/settings.repo';
import { scratchDatabase, SKIP_POSTGRES } from '../support/postgres';

// The PostgreSQL store in better-sqlite3's shape: the same repo code, through the same drizzle driver,
// answers on PostgreSQL as on SQLite.

describe.skipIf(SKIP_POSTGRES)('the PostgreSQL store', () => {
  let s: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: Db;
  beforeAll(async () => {
    s = await scratchDatabase();
    db = openPgDb(s.url);
  });
  afterAll(async () => {
    db?.$client.close();
    await s?.drop();
  });

  it('migrates once: a second open applies nothing and keeps the rows', () => {
    createSettingsRepo(db).put({ key: 'keep.me', value: 1, setBy: 't', setAt: '2026-01-01T00:00:00.000Z' });
    openPgDb(s.url).$client.close();
    expect(createSettingsRepo(db).get('keep.me')?.value).toBe(1);
    createSettingsRepo(db).remove('keep.me');
  });

  it('runs a repo unchanged: upsert, read back JSON, remove', () => {
    const settings = createSettingsRepo(db);
    settings.put({ key: 'alerting.cooldown', value: { hours: 4 }, setBy: 'admin', setAt: '2026-01-02T00:00:00.000Z' });
    settings.put({ key: 'alerting.cooldown', value: { hours: 6 }, setBy: 'admin', setAt: '2026-01-03T00:00:00.000Z' });
    expect(settings.all()).toEqual([
      { key: 'alerting.cooldown', value: { hours: 6 }, setBy: 'admin', setAt: '2026-01-03T00:00:00.000Z' },
    ]);
    expect(settings.remove('alerting.cooldown')).toBe(true);
    expect(settings.remove('alerting.cooldown')).toBe(false);
  });

  it('binds positional and named parameters, plucks, returns raw rows and RETURNING ids', () => {
    const c = db.$client;
    const insert = c.prepare(
      "INSERT INTO job_runs (job, trigger, for_date, started_at, status) VALUES (?, 'schedule', ?, ?, 'running') RETURNING id",
    );
    const first = insert.run('daily', '2026-01-05', '2026-01-05T22:00:00.000Z');
    const second = insert.run('daily', '2026-01-06', '2026-01-06T22:00:00.000Z');
    expect(second.lastInsertRowid).toBe(Number(first.lastInsertRowid) + 1);
    expect(c.prepare('SELECT count(*) FROM job_runs WHERE job = @job').pluck().get({ job: 'daily' })).toBe(2);
    expect(c.prepare('SELECT for_date, status FROM job_runs ORDER BY id').raw().all()).toEqual([
      ['2026-01-05', 'running'],
      ['2026-01-06', 'running'],
    ]);
  });

  it('rolls a transaction back whole on a throw, and a nested one to its savepoint', () => {
    const c = db.$client;
    const put = c.prepare("INSERT INTO bot_flags (key, value, set_by, set_at) VALUES (?, '1', 't', 'now')");
    const count = () => c.prepare('SELECT count(*) FROM bot_flags').pluck().get();
    expect(() =>
      c.transaction(() => {
        put.run('a');
        throw new Error('no');
      })(),
    ).toThrow('no');
    expect(count()).toBe(0);
    expect(c.inTransaction).toBe(false);
    c.transaction(() => {
      put.run('b');
      try {
        c.transaction(() => {
          put.run('c');
          throw new Error('inner');
        })();
      } catch {
        // the inner part alone is undone
      }
    })();
    expect(c.prepare('SELECT key FROM bot_flags').pluck().all()).toEqual(['b']);
  });
});
