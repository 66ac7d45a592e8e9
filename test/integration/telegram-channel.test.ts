import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, type OutboundMessage } from '../../src/notify/delivery-channel';
import { createTelegramChannel } from '../../src/notify/telegram.channel';
import { createTelegramClient, createTelegramSender } from '../../src/notify/telegram-sender';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram-server';
import { testLogger } from '../support/logger';

// The outbox's Telegram channel over the fake Bot API: text, silent, buttons, attachments, the
// external id the worker records, and a retry that resumes a half-sent long message.

let fake: FakeTelegram;
let channel: ReturnType<typeof createTelegramChannel>;
const message = (over: Partial<OutboundMessage>): OutboundMessage => ({
  id: 1,
  channel: 'telegram',
  target: '900',
  html: 'hi',
  ...over,
});

beforeAll(async () => {
  fake = await startFakeTelegram();
  const sender = createTelegramSender({
    telegram: createTelegramClient({ token: fake.token, apiRoot: fake.apiRoot }),
    logger: testLogger(),
  });
  channel = createTelegramChannel({ sender, logger: testLogger() });
});
afterAll(() => fake.close());
afterEach(() => fake.clearFailures());

describe('telegram delivery channel', () => {
  it('delivers a silent alert with buttons and returns its message id as the external id', async () => {
    const receipt = await channel.send(
      message({
        id: 10,
        html: '🔴 <b>GME</b> high',
        silent: true,
        buttons: [[{ text: 'Acknowledge', data: 'ack:10' }]],
      }),
    );
    const call = fake.callsOf('sendMessage').at(-1)!;
    expect(receipt.externalId).toBe(String((call.result as { message_id: number }).message_id));
    expect(call.params).toMatchObject({
      disable_notification: true,
      reply_markup: { inline_keyboard: [[{ callback_data: 'ack:10' }]] },
    });
  });

  it('sends an image attachment as a photo with the text as caption, and other files as documents', async () => {
    const png = Buffer.from('\x89PNG fake chart bytes');
    const csv = Buffer.from('a,b\n1,2\n');
    await channel.send(
      message({
        id: 11,
        target: '901',
        html: 'GME chart',
        attachments: [
          { filename: 'gme.png', contentType: 'image/png', content: png },
          { filename: 'gme.csv', contentType: 'text/csv', content: csv },
        ],
      }),
    );
    const calls = fake.calls.filter((c) => c.chatId === '901');
    expect(calls.map((c) => c.method)).toEqual(['sendPhoto', 'sendDocument']);
    expect(calls[0]!.params.caption).toBe('GME chart');
    expect(calls[0]!.files[0]!.bytes.equals(png)).toBe(true);
    expect(calls[1]!.files[0]).toMatchObject({ filename: 'gme.csv' });
  });

  it('resumes a long message at the part that failed, so no part arrives twice', async () => {
    const long = Array.from({ length: 900 }, (_, i) => `line ${String(i).padStart(4, '0')} of the weekly report`).join(
      '\n',
    );
    const send = () => channel.send(message({ id: 12, target: '902', html: long }));
    // parts 1 and 2 get through, part 3 hits a 429
    fake.failNext(1, 429, { after: 2 });
    const err = await send().then(
      () => null,
      (e: DeliveryError) => e,
    );
    expect(err?.kind).toBe('rate_limited');
    await send();
    const texts = fake.delivered(902).map((m) => ('text' in m ? m.text : ''));
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.join('\n')).toBe(long);
  });

  it('says permanent for a chat that blocked the bot', async () => {
    fake.blockChat(903);
    const err = await channel.send(message({ id: 13, target: '903' })).catch((e: DeliveryError) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).kind).toBe('permanent');
  });
});
