import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { systemClock } from '../../src/shared/clock';
import { createTelegramTransport, type TelegramTransport } from '../../src/transports/telegram/telegram.transport';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram-server';
import { testLogger } from '../support/logger';
import { echoCore, parseEcho, postUpdate, textUpdate } from '../support/webhook-updates';

// The webhook as Telegram meets it: the real telegraf bot in webhook mode over the durable inbox on a
// real SQLite file, real HTTP POSTs to its port, replies to the fake Bot API on 127.0.0.1.

const ADMIN = 111;
const SECRET = 'sekret-inbox-42';
let fake: FakeTelegram;
let app: App;
let dir: string;
let hooked: TelegramTransport;
/** handlers wait while this is closed; a test opens it */
let gate: { promise: Promise<void>; open: () => void };
const logger = testLogger();

const newGate = () => {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
};
const echoes = (chat: number) =>
  fake
    .delivered(chat)
    .map((m) => parseEcho(String((m as { text?: string }).text ?? '')))
    .filter((e) => e !== null);
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const inboxRow = (updateId: number) =>
  app.db.$client.prepare(`SELECT status, attempts FROM telegram_inbox WHERE update_id = ?`).get(updateId) as
    { status: string; attempts: number } | undefined;

beforeAll(async () => {
  fake = await startFakeTelegram();
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-inbox-'));
  app = createApp({
    dbPath: join(dir, 'bot.db'),
    env: { TELEGRAM_ADMIN_IDS: String(ADMIN), TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    logLevel: 'silent',
  });
  gate = newGate();
  gate.open();
  const config = structuredClone(app.loaded.config);
  config.telegram.mode = 'webhook';
  config.telegram.webhook = { url: 'https://bot.example.com/tg', listen_host: '127.0.0.1', listen_port: 0 };
  hooked = createTelegramTransport({
    token: fake.token,
    apiRoot: fake.apiRoot,
    webhookSecret: SECRET,
    config,
    core: echoCore(app.chat.core, { gate: () => gate.promise }),
    adminIds: () => [String(ADMIN)],
    clock: systemClock,
    logger,
    inbox: app.repos.telegramInbox,
    inboxOptions: { pollMs: 50 },
  });
  await hooked.start();
});
afterAll(async () => {
  gate.open();
  await hooked.stop();
  await fake.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('telegram webhook over the durable inbox', () => {
  it('answers 401 to a missing or wrong secret token, and stores and handles nothing', async () => {
    const port = hooked.webhookPort()!;
    const chat = 201;
    expect(await postUpdate(port, textUpdate(1_001, chat, '/echo forged'))).toBe(401);
    expect(await postUpdate(port, textUpdate(1_002, chat, '/echo forged'), 'wrong')).toBe(401);
    expect(await postUpdate(port, textUpdate(1_003, chat, '/echo forged'), SECRET.slice(0, -1))).toBe(401);
    // a real one after them, so "nothing handled" is not just "not handled yet"
    expect(await postUpdate(port, textUpdate(1_004, chat, '/echo real'), SECRET)).toBe(200);
    await until(() => echoes(chat).length === 1);
    expect(echoes(chat).map((e) => e.words)).toEqual(['real']);
    expect([1_001, 1_002, 1_003].map(inboxRow)).toEqual([undefined, undefined, undefined]);
  });

  it('stores a redelivered update once and replies to it once', async () => {
    const port = hooked.webhookPort()!;
    const chat = 202;
    const update = textUpdate(2_001, chat, '/echo once');
    expect(await postUpdate(port, update, SECRET)).toBe(200);
    expect(await postUpdate(port, update, SECRET)).toBe(200);
    await until(() => inboxRow(2_001)?.status === 'done');
    // after it was handled too: Telegram redelivers when our 200 got lost
    expect(await postUpdate(port, update, SECRET)).toBe(200);
    const after = textUpdate(2_002, chat, '/echo after');
    expect(await postUpdate(port, after, SECRET)).toBe(200);
    await until(() => echoes(chat).length >= 2);
    expect(echoes(chat).map((e) => e.words)).toEqual(['once', 'after']);
    expect(inboxRow(2_001)).toEqual({ status: 'done', attempts: 1 });
  });

  it('replies to ten updates of one chat posted at once in update_id order, the early ones being the slow ones', async () => {
    const port = hooked.webhookPort()!;
    const chat = 203;
    // handled side by side, update 0 (waits 200 ms) would answer after update 9 (waits 20 ms)
    const updates = Array.from({ length: 10 }, (_, i) =>
      textUpdate(3_000 + i, chat, `/echo n${i} wait=${(10 - i) * 20}`),
    );
    const statuses = await Promise.all(updates.map((u) => postUpdate(port, u, SECRET)));
    expect(statuses).toEqual(Array(10).fill(200));
    await until(() => echoes(chat).length === 10);
    expect(echoes(chat).map((e) => e.words)).toEqual(updates.map((_, i) => `n${i}`));
  });

  it('acks 200 while handling is held, handles other chats meanwhile, and holds a chat behind its update in hand', async () => {
    const port = hooked.webhookPort()!;
    const [slow, other] = [204, 205];
    gate = newGate();
    const held = gate;
    // every POST answers while no handler can finish: the ack does not wait for handling
    expect(await postUpdate(port, textUpdate(4_001, slow, '/echo first'), SECRET)).toBe(200);
    expect(await postUpdate(port, textUpdate(4_002, slow, '/echo second'), SECRET)).toBe(200);
    await until(() => inboxRow(4_001)?.status === 'claimed');
    gate = newGate();
    gate.open();
    // another chat is not held up by the first chat's update in hand
    expect(await postUpdate(port, textUpdate(4_003, other, '/echo free'), SECRET)).toBe(200);
    await until(() => echoes(other).length === 1);
    expect(echoes(slow)).toEqual([]);
    // the first chat's second update waits for its first, though its handler would not
    expect(inboxRow(4_002)).toEqual({ status: 'queued', attempts: 0 });
    held.open();
    await until(() => echoes(slow).length === 2);
    expect(echoes(slow).map((e) => e.words)).toEqual(['first', 'second']);
  });
});
