import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReplySurface } from '../../src/chat/chat-core';
import { DeliveryError } from '../../src/notify/delivery-channel';
import { createTelegramClient, createTelegramSender } from '../../src/notify/telegram-sender';
import { systemClock } from '../../src/shared/clock';
import { telegramSurface } from '../../src/transports/telegram/telegram-surface';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram-server';
import { testLogger } from '../support/logger';

// A command's replies on Telegram: they bypass the outbox (the user is waiting), but still wait out a
// 429's retry_after, retry a 500, resume a split reply where it failed, and give up on a 403 at once.

let fake: FakeTelegram;
let surface: ReplySurface;
const CHAT = 6060;

beforeAll(async () => {
  fake = await startFakeTelegram();
  const sender = createTelegramSender({
    telegram: createTelegramClient({ token: fake.token, apiRoot: fake.apiRoot }),
    logger: testLogger(),
  });
  surface = telegramSurface({ sender, clock: systemClock }, String(CHAT));
});
afterAll(() => fake.close());
afterEach(() => fake.clearFailures());

describe('telegram reply surface', () => {
  it('waits out a 429 and then delivers the reply once', async () => {
    fake.failNext(1, 429, { retryAfter: 1 });
    const t0 = Date.now();
    const sent = await surface.reply('<b>Top 5</b>');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(fake.calls.filter((c) => c.chatId === String(CHAT)).map((c) => c.status)).toEqual([429, 200]);
    expect(fake.message(CHAT, Number(sent.messageId))).toMatchObject({ text: 'Top 5' });
  });

  it('resumes a split reply at the part a 500 hit, so no part arrives twice', async () => {
    const long = Array.from({ length: 700 }, (_, i) => `row ${i} ${'z'.repeat(8)}`).join('\n');
    const before = fake.delivered(CHAT).length;
    fake.failNext(1, 500, { after: 1 });
    await surface.reply(long);
    const texts = fake
      .delivered(CHAT)
      .slice(before)
      .map((m) => ('text' in m ? m.text : ''));
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('\n')).toBe(long);
  });

  it('sends a photo and a document, and edits a reply in place', async () => {
    const png = Buffer.from('\x89PNG chart');
    await surface.replyPhoto(png, 'GME <i>chart</i>');
    await surface.replyDocument(Buffer.from('a,b\n'), 'top.csv', 'CSV');
    const [photo, doc] = [fake.callsOf('sendPhoto').at(-1)!, fake.callsOf('sendDocument').at(-1)!];
    expect(photo.files[0]!.bytes.equals(png)).toBe(true);
    expect(doc.files[0]!.filename).toBe('top.csv');
    const progress = await surface.reply('Scanning… 1/6');
    await surface.edit(progress, 'Scanning… 6/6 done');
    expect(fake.message(CHAT, Number(progress.messageId))).toMatchObject({ text: 'Scanning… 6/6 done' });
  });

  it('gives up at once when the user blocked the bot', async () => {
    fake.blockChat(CHAT);
    const before = fake.calls.length;
    const err = await surface.reply('hello?').catch((e: unknown) => e);
    expect((err as DeliveryError).kind).toBe('permanent');
    expect(fake.calls.length - before).toBe(1);
    await surface.action('typing');
  });
});
