import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDb, openDb, type Db } from '../../src/db/client';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram-server';
import { parseEcho, postUpdate, textUpdate } from '../support/webhook-updates';

// Bot replicas as child processes on one SQLite file, each the real telegraf bot in webhook mode over
// the shared inbox, replying to the fake Bot API: every update handled once whichever replica Telegram
// posts it to, one chat's updates in order across processes, and a replica killed with an update in
// hand leaves it to the other once its lease has run out.

const CHILD = resolve(import.meta.dirname, '../support/inbox-child.ts');
const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'replica-secret-7';
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Replica {
  child: ChildProcess;
  port: number;
  owner: string;
  exited: Promise<NodeJS.Signals | null>;
}

async function replica(fake: FakeTelegram, dbPath: string, leaseMs: number, maxInFlight: number, hang = false) {
  const args = [CHILD, dbPath, fake.apiRoot, fake.token, SECRET, String(leaseMs), String(maxInFlight)];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args, ...(hang ? ['hang'] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
  cleanups.push(() => void child.kill('SIGKILL'));
  const line = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout }).once('line', res);
    child.once('exit', () => rej(new Error(`replica exited before it started: ${stderr}`)));
  });
  const { port, owner } = JSON.parse(line) as { port: number; owner: string };
  return { child, port, owner, exited } satisfies Replica;
}

/** A store the replicas share, migrated before any of them opens it. */
function sharedStore(): { path: string; db: Db } {
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-replicas-'));
  const path = join(dir, 'bot.db');
  const db = openDb(path);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => closeDb(db));
  return { path, db };
}

const echoesTo = (fake: FakeTelegram, chat: number) =>
  fake
    .delivered(chat)
    .map((m) => ({ ...parseEcho(String((m as { text?: string }).text ?? ''))!, at: m.at }))
    .filter((e) => e.words !== undefined);

async function until(check: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('telegram inbox shared by bot replicas', () => {
  it('handles each update once, posted to both replicas, and each chat in update_id order across them', async () => {
    const fake = await startFakeTelegram();
    cleanups.push(() => fake.close());
    const store = sharedStore();
    // one update at a time per replica, so four busy chats keep both at work and chats move between them
    const [a, b] = await Promise.all([replica(fake, store.path, 10_000, 1), replica(fake, store.path, 10_000, 1)]);
    const chats = [301, 302, 303, 304];
    const perChat = 10;
    await Promise.all(
      chats.map(async (chat, c) => {
        for (let i = 0; i < perChat; i++) {
          const u = textUpdate(10_000 + i * chats.length + c, chat, `/echo ${chat}-${i} wait=30`);
          // Telegram redelivering to another replica: both get every update
          expect(await Promise.all([postUpdate(a.port, u, SECRET), postUpdate(b.port, u, SECRET)])).toEqual([200, 200]);
        }
      }),
    );
    const total = () => chats.reduce((n, chat) => n + echoesTo(fake, chat).length, 0);
    await until(
      () => total() >= chats.length * perChat,
      30_000,
      () => `${total()} replies`,
    );
    // a duplicate would land a moment later: give it the time one more handling takes
    await new Promise((r) => setTimeout(r, 300));
    const pids = new Set<number>();
    for (const chat of chats) {
      const got = echoesTo(fake, chat);
      expect(got.map((e) => e.words)).toEqual(Array.from({ length: perChat }, (_, i) => `${chat}-${i}`));
      got.forEach((e) => pids.add(e.pid));
    }
    expect([...pids].sort()).toEqual([a.child.pid, b.child.pid].sort());
    const rows = store.db.$client
      .prepare(`SELECT status, attempts, count(*) AS n FROM telegram_inbox GROUP BY status, attempts`)
      .all();
    expect(rows).toEqual([{ status: 'done', attempts: 1, n: chats.length * perChat }]);
  }, 60_000);

  it('hands an update claimed by a replica killed with SIGKILL to the other once the lease has run out', async () => {
    const fake = await startFakeTelegram();
    cleanups.push(() => fake.close());
    const store = sharedStore();
    const leaseMs = 1_500;
    const doomed = await replica(fake, store.path, leaseMs, 4, true);
    const chat = 401;
    expect(await postUpdate(doomed.port, textUpdate(20_001, chat, '/echo hang'), SECRET)).toBe(200);
    expect(await postUpdate(doomed.port, textUpdate(20_002, chat, '/echo next'), SECRET)).toBe(200);
    const row = (id: number) =>
      store.db.$client
        .prepare(
          `SELECT status, claimed_by AS claimedBy, lease_until AS leaseUntil, attempts FROM telegram_inbox WHERE update_id = ?`,
        )
        .get(id) as { status: string; claimedBy: string | null; leaseUntil: string | null; attempts: number };
    await until(
      () => row(20_001).claimedBy === doomed.owner,
      10_000,
      () => JSON.stringify(row(20_001)),
    );
    // held past several renewals: the lease is kept alive while the handler runs
    await new Promise((r) => setTimeout(r, leaseMs * 1.5));
    expect(row(20_001)).toMatchObject({ status: 'claimed', claimedBy: doomed.owner, attempts: 1 });
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');
    const leaseEnd = Date.parse(row(20_001).leaseUntil!);
    const heir = await replica(fake, store.path, leaseMs, 4);
    await until(
      () => echoesTo(fake, chat).length >= 2,
      20_000,
      () => JSON.stringify(echoesTo(fake, chat)),
    );
    const got = echoesTo(fake, chat);
    expect(got.map((e) => [e.words, e.pid])).toEqual([
      ['hang', heir.child.pid],
      ['next', heir.child.pid],
    ]);
    expect(got[0]!.at).toBeGreaterThanOrEqual(leaseEnd);
    expect(row(20_001)).toMatchObject({ status: 'done', claimedBy: heir.owner, attempts: 2 });
    expect(row(20_002)).toMatchObject({ status: 'done', claimedBy: heir.owner, attempts: 1 });
  }, 60_000);
});
