import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'telegraf/types';
import { createApp, type App } from '../../src/main';
import { createTelegramChannel } from '../../src/notify/telegram.channel';
import { telegramSteps } from '../../src/notify/telegram-sender';
import { systemClock } from '../../src/shared/clock';
import { createTelegramTransport, type TelegramTransport } from '../../src/transports/telegram/telegram.transport';
import { keyboardOf, sentMessageId, typeIn } from '../support/fake-telegram-chat';
import {
  startFakeTelegram,
  type FakeTelegram,
  type FakeUserInput,
  type RecordedCall,
} from '../support/fake-telegram-server';
import { testLogger } from '../support/logger';

// A team on Telegram, through the real telegraf bot against the fake Bot API: a stranger asks for
// access under the refusal, both admins get Approve/Deny, the first press decides and the second hears
// by whom; alerts to a forum topic and replies to a command written in a topic stay in that topic.

const ANN = 111;
const BEN = 222;
const STRANGER = 777;
const OTHER = 888;
let fake: FakeTelegram;
let app: App;
let dir: string;
let transport: TelegramTransport;
const logger = testLogger();

const keyboardData = (c: RecordedCall) => keyboardOf(c).map((b) => b.callback_data);
const messageIdOf = sentMessageId;
const textOf = (chat: number, id: number) => (fake.message(chat, id) as { text?: string } | undefined)?.text ?? '';

/** Resolves with the next call after `after` matching `method` and chat. */
const next = (after: number, method: string, chat: number | string) =>
  fake.waitFor((c) => c.seq > after && c.method === method && c.chatId === String(chat));

const say = (from: number, chat: number, text: string) => typeIn(fake, from, chat, text);

/** Presses `data` under message `messageId` of `chat`; resolves with the press's answerCallbackQuery. */
async function press(from: FakeUserInput, chat: number, messageId: number, data: string): Promise<RecordedCall> {
  const { callback_query: q } = fake.pushCallback(from, chat, messageId, data);
  return fake.waitFor((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === q.id);
}

beforeAll(async () => {
  fake = await startFakeTelegram();
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-team-'));
  app = createApp({
    dbPath: join(dir, 'bot.db'),
    env: { TELEGRAM_ADMIN_IDS: `${ANN},${BEN}`, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    logLevel: 'silent',
  });
  transport = createTelegramTransport({
    token: fake.token,
    apiRoot: fake.apiRoot,
    config: app.loaded.config,
    core: app.chat.core,
    adminIds: () => [String(ANN), String(BEN)],
    clock: systemClock,
    logger,
    pollTimeoutS: 1,
    inbox: app.repos.telegramInbox,
  });
  await transport.start();
});
afterAll(async () => {
  await transport.stop();
  await fake.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Request access', () => {
  it('a stranger asks under the refusal, Ann approves, Ben hears it was decided, the stranger is answered', async () => {
    const refusal = await say(STRANGER, STRANGER, '/top');
    expect(String(refusal.params.text)).toContain('Request access');
    expect(keyboardData(refusal)).toEqual(['req:']);

    const before = fake.calls.length;
    const answered = await press(STRANGER, STRANGER, messageIdOf(refusal), 'req:');
    expect(answered.params.text).toBe('Request sent');
    const toAnn = await next(before, 'sendMessage', ANN);
    const toBen = await next(before, 'sendMessage', BEN);
    expect(String(toAnn.params.text)).toContain(`(id <code>${STRANGER}</code>) asks for access`);
    expect(keyboardData(toAnn)).toEqual([`acc:viewer:${STRANGER}`, `acc:trader:${STRANGER}`, `acc:deny:${STRANGER}`]);
    expect(keyboardData(toBen)).toEqual(keyboardData(toAnn));
    // the refusal now says the request went out, its button gone
    expect(textOf(STRANGER, messageIdOf(refusal))).toContain('Request sent to the admins');
    expect(fake.message(STRANGER, messageIdOf(refusal))).not.toHaveProperty('reply_markup');

    const repeat = await press(STRANGER, STRANGER, messageIdOf(refusal), 'req:');
    expect(repeat.params.text).toMatch(/Already requested/);

    const beforeApprove = fake.calls.length;
    const approved = await press({ id: ANN, first_name: 'Ann' }, ANN, messageIdOf(toAnn), `acc:viewer:${STRANGER}`);
    expect(approved.params.text).toBe('Approved as viewer');
    const told = await next(beforeApprove, 'sendMessage', STRANGER);
    expect(String(told.params.text)).toContain("You're in as <b>viewer</b> — try /start");
    await fake.waitFor((c) => c.seq > beforeApprove && c.method === 'editMessageText' && c.chatId === String(ANN));
    expect(textOf(ANN, messageIdOf(toAnn))).toContain('Approved as viewer by Ann.');
    expect(fake.message(ANN, messageIdOf(toAnn))).not.toHaveProperty('reply_markup');

    const late = await press(BEN, BEN, messageIdOf(toBen), `acc:trader:${STRANGER}`);
    expect(late.params.text).toBe('Already decided by Ann.');
    expect(app.chat.services.users.roleOf(String(STRANGER))).toBe('viewer');

    const top = await say(STRANGER, STRANGER, '/top');
    expect(String(top.params.text)).not.toContain('Request access');
    expect(String(top.params.text)).toMatch(/pipeline run|Top/);
  });

  it('a denied stranger is told politely and still has no role', async () => {
    const refusal = await say(OTHER, OTHER, '/help');
    const before = fake.calls.length;
    await press(OTHER, OTHER, messageIdOf(refusal), 'req:');
    const toBen = await next(before, 'sendMessage', BEN);
    const beforeDeny = fake.calls.length;
    fake.pushCallback(BEN, BEN, messageIdOf(toBen), `acc:deny:${OTHER}`);
    const told = await next(beforeDeny, 'sendMessage', OTHER);
    expect(String(told.params.text)).toContain('declined your request');
    await fake.waitFor((c) => c.seq > beforeDeny && c.method === 'editMessageText' && c.chatId === String(BEN));
    expect(textOf(BEN, messageIdOf(toBen))).toContain('Denied by User222');
    expect(app.chat.services.users.roleOf(String(OTHER))).toBeNull();
  });
});

describe('forum topics', () => {
  const FORUM = { id: -1001234567890, type: 'supergroup' as const, title: 'Desk', is_forum: true as const };

  it('alerts to a "chat:topic" target carry message_thread_id on text, photo and document', async () => {
    const target = `${FORUM.id}:42`;
    const before = fake.calls.length;
    const channel = createTelegramChannel({ sender: transport.sender, logger });
    await channel.send({ id: 1, channel: 'telegram', target, html: '<b>GME</b> high' });
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    await transport.sender.send(target, telegramSteps.photo(png, 'chart'));
    await transport.sender.send(target, telegramSteps.document(Buffer.from('a,b'), 'r.csv', 'report'));
    const sent = fake.calls.filter((c) => c.seq > before && c.method.startsWith('send'));
    expect(sent.map((c) => c.method)).toEqual(['sendMessage', 'sendPhoto', 'sendDocument']);
    for (const c of sent) {
      expect(c.status).toBe(200);
      expect(c.chatId).toBe(String(FORUM.id));
      expect((c.result as Message).message_thread_id).toBe(42);
    }
  });

  it('answers a command written inside a topic in that same topic', async () => {
    const before = fake.calls.length;
    fake.pushMessage(ANN, FORUM, '/help', { threadId: 7 });
    const reply = await next(before, 'sendMessage', FORUM.id);
    expect(reply.params.message_thread_id).toBe(7);
    expect((reply.result as Message).message_thread_id).toBe(7);
    // and a message outside any topic is answered outside any topic
    const after = fake.calls.length;
    fake.pushMessage(ANN, FORUM, '/help');
    const plain = await next(after, 'sendMessage', FORUM.id);
    expect(plain.params.message_thread_id).toBeUndefined();
  });
});
