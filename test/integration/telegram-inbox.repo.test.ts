import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { openPgDb } from '../../src/db/pg/open-pg';
import { createTelegramInboxRepo, type TelegramInboxRepo } from '../../src/db/repos/telegram-inbox.repo';
import { scratchDatabase, SKIP_POSTGRES } from '../support/postgres';
import { tempDb } from '../support/temp-db';

// The inbox's SQL on a real SQLite file with the real migrations: stored once, a chat's oldest first
// and one at a time, a lease that others respect until it runs out, done rows pruned by age.

const T0 = Date.parse('2026-12-07T12:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
let db: Db;
let repo: TelegramInboxRepo;
const put = (updateId: number, chatId: string, ms = 0) =>
  repo.store({ updateId, chatId, payload: JSON.stringify({ update_id: updateId }) }, at(ms));
const offered = (ms: number, limit = 10, holdMs = 0) =>
  repo.claimable({ now: at(ms), receivedBy: at(ms - holdMs), limit }).map((r) => r.updateId);

// SQLite always; PostgreSQL when TEST_DATABASE_URL is set, the same SQL through its store
const stores = [
  {
    name: 'SQLite',
    skip: false,
    open: () => {
      const t = tempDb();
      return Promise.resolve({ db: t.db, close: () => Promise.resolve(t.cleanup()) });
    },
  },
  {
    name: 'PostgreSQL',
    skip: SKIP_POSTGRES !== false,
    open: async () => {
      const s = await scratchDatabase();
      const pg = openPgDb(s.url);
      return { db: pg, close: async () => (pg.$client.close(), await s.drop()) };
    },
  },
];

describe.each(stores)('telegram inbox repo on $name', (store) => {
  let close: () => Promise<void>;
  beforeAll(async () => {
    if (store.skip) return;
    const opened = await store.open();
    db = opened.db;
    close = opened.close;
  });
  afterAll(async () => close?.());
  beforeEach(({ skip }) => {
    if (store.skip) skip();
    db.$client.prepare('DELETE FROM telegram_inbox').run();
    repo = createTelegramInboxRepo(db);
  });

  it('stores an update_id once; a redelivery changes nothing', () => {
    expect(put(10, 'a')).toBe(true);
    expect(put(10, 'a')).toBe(false);
    expect(offered(1)).toEqual([10]);
  });

  it("offers each chat's oldest update only, oldest chats first, and nothing of a chat with one in hand", () => {
    put(12, 'a');
    put(11, 'b');
    put(10, 'a');
    put(13, 'c');
    expect(offered(1)).toEqual([10, 11, 13]);
    expect(repo.claim(10, 'p1', at(1), at(60_000))).toBe(true);
    expect(offered(2)).toEqual([11, 13]);
    expect(repo.complete(10, 'p1', at(3))).toBe(true);
    expect(offered(4)).toEqual([11, 12, 13]);
  });

  it('lets one claimer win: a second claim on the same update fails', () => {
    put(10, 'a');
    expect(repo.claim(10, 'p1', at(1), at(60_000))).toBe(true);
    expect(repo.claim(10, 'p2', at(2), at(60_000))).toBe(false);
  });

  it('offers an update again once its lease ran out, and the late owner can no longer finish it', () => {
    put(10, 'a');
    put(11, 'a');
    repo.claim(10, 'dead', at(0), at(1_000));
    expect(offered(999)).toEqual([]);
    expect(offered(1_000)).toEqual([10]);
    expect(repo.claim(10, 'alive', at(1_000), at(61_000))).toBe(true);
    expect(repo.complete(10, 'dead', at(1_001))).toBe(false);
    expect(offered(1_002)).toEqual([]);
    expect(repo.complete(10, 'alive', at(1_003))).toBe(true);
    expect(offered(1_004)).toEqual([11]);
  });

  it('keeps a claim alive while its owner extends the lease', () => {
    put(10, 'a');
    repo.claim(10, 'p1', at(0), at(1_000));
    expect(repo.extend([10], 'p1', at(2_000))).toBe(1);
    expect(repo.extend([10], 'p2', at(9_000))).toBe(0);
    expect(offered(1_500)).toEqual([]);
    expect(offered(2_000)).toEqual([10]);
  });

  it('rests updates received after receivedBy (the webhook hold)', () => {
    put(10, 'a', 0);
    put(11, 'b', 40);
    expect(offered(50, 10, 50)).toEqual([10]);
    expect(offered(90, 10, 50)).toEqual([10, 11]);
  });

  it('prunes done updates finished before the cutoff, never those still to handle', () => {
    for (let i = 0; i < 1_200; i++) put(i, `c${i % 7}`);
    for (let i = 0; i < 1_100; i++) {
      repo.claim(i, 'p', at(1), at(60_000));
      repo.complete(i, 'p', at(i < 1_050 ? 10 : 100));
    }
    expect(repo.pruneDone(at(50))).toBe(1_050);
    const left = db.$client
      .prepare(`SELECT status, count(*) AS n FROM telegram_inbox GROUP BY status ORDER BY status`)
      .all();
    expect(left).toEqual([
      { status: 'done', n: 50 },
      { status: 'queued', n: 100 },
    ]);
  });
});
