import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlicedWrites } from '../../src/db/sliced-writes';
import { isInTransaction } from '../../src/db/transaction';
import { askForTurn, turnAskedSince } from '../../src/db/write-turns';
import { tempDb } from '../support/temp-db';

// A long writer holds SQLite's write lock for its whole slice unless another writer asks for a turn:
// then it commits at its next step, and the writer that asked gets in within a fraction of a second
// instead of waiting out the slice.

describe('turns at the write lock', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  it('a sliced writer commits at its next step once a turn is asked for, not at its time bound', async () => {
    t = tempDb();
    const slices = createSlicedWrites(t.db, { sliceMs: 60_000, pauseMs: 0 });
    const insert = t.db.$client.prepare(
      "INSERT INTO settings (key, value, set_by, set_at) VALUES (?, '1', 'test', 'now')",
    );
    await slices.step(() => insert.run('a'));
    expect(isInTransaction(t.db)).toBe(true);
    await slices.step(() => insert.run('b'));
    expect(isInTransaction(t.db)).toBe(true);
    await new Promise((ok) => setTimeout(ok, 5));
    askForTurn(t.path);
    expect(turnAskedSince(t.path, Date.now() - 1000)).toBe(true);
    await slices.step(() => insert.run('c'));
    expect(isInTransaction(t.db)).toBe(false);
    // the next slice began after the ask: it runs on until its bound or the next ask
    await slices.step(() => insert.run('d'));
    expect(isInTransaction(t.db)).toBe(true);
    slices.commit();
  });

  it("another process's write gets in while a long writer holds the lock, in far less than the writer's slice", async () => {
    t = tempDb();
    // the long writer: takes the lock, then steps every 5 ms for up to 8 s, ending its slice only when asked
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
        const { openDb } = await import('./src/db/client.ts');
        const { createSlicedWrites } = await import('./src/db/sliced-writes.ts');
        const db = openDb(${JSON.stringify(t.path)});
        const slices = createSlicedWrites(db, { sliceMs: 8000, pauseMs: 0 });
        const put = db.$client.prepare("INSERT OR REPLACE INTO settings (key, value, set_by, set_at) VALUES ('holder', ?, 'test', 'now')");
        const t0 = performance.now();
        await slices.step(() => put.run('0'));
        process.stdout.write('locked\\n');
        let i = 0;
        while (db.$client.inTransaction && performance.now() - t0 < 8000) {
          await slices.step(() => put.run(String(++i)));
          await new Promise((ok) => setTimeout(ok, 5));
        }
        slices.commit();
        process.stdout.write('yielded after ' + Math.round(performance.now() - t0) + ' ms\\n');
        `,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    holder.stdout.on('data', (b: Buffer) => (out += b.toString()));
    while (!out.includes('locked')) await once(holder.stdout, 'data');
    const t0 = performance.now();
    // blocks this process until the holder gives the lock up
    t.db.$client
      .prepare("INSERT INTO settings (key, value, set_by, set_at) VALUES ('waiter', '1', 'test', 'now')")
      .run();
    const waitedMs = performance.now() - t0;
    await once(holder, 'exit');
    expect(out).toMatch(/yielded after \d+ ms/);
    // without a turn the holder would keep the lock for its 8 s slice
    expect(waitedMs).toBeLessThan(2000);
    expect(Number(/yielded after (\d+)/.exec(out)![1])).toBeLessThan(4000);
    expect(t.db.$client.prepare("SELECT value FROM settings WHERE key = 'waiter'").pluck().get()).toBe('1');
  }, 30_000);
});
