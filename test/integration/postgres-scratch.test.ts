import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase, SKIP_POSTGRES } from '../support/postgres';

// What the scheduler leader stands on (issue 17): a session-level advisory lock is held by one session
// only, and is freed when that session's connection dies — a killed leader frees it without a timeout.

describe.skipIf(SKIP_POSTGRES)('the test PostgreSQL', () => {
  let s: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    s = await scratchDatabase();
  });
  afterAll(async () => s?.drop());

  const connect = async () => {
    const c = new pg.Client({ connectionString: s.url });
    await c.connect();
    return c;
  };
  const tryLock = async (c: pg.Client) =>
    (await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(4242) AS ok')).rows[0]!.ok;

  it('connects to a database of its own', async () => {
    const c = await connect();
    const db = await c.query<{ db: string }>('SELECT current_database() AS db');
    expect(db.rows[0]!.db).toBe(s.name);
    await c.end();
  });

  it('gives an advisory lock to one session at a time, and frees it when that session dies', async () => {
    const leader = await connect();
    const other = await connect();
    expect(await tryLock(leader)).toBe(true);
    expect(await tryLock(other)).toBe(false);
    // the leader's backend is killed, as a kill -9 of its process ends its connection
    const pid = (await leader.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    leader.on('error', () => undefined);
    await other.query('SELECT pg_terminate_backend($1)', [pid]);
    let got = false;
    for (let i = 0; i < 50 && !got; i++) {
      got = await tryLock(other);
      if (!got) await new Promise((ok) => setTimeout(ok, 20));
    }
    expect(got).toBe(true);
    await other.end();
  });
});
