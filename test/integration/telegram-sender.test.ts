import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/notify/delivery-channel';
import { createTelegramClient, createTelegramSender, telegramSteps } from '../../src/notify/telegram-sender';
import { rejectionOf } from '../support/errors';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram-server';
import { testLogger } from '../support/logger';

// The sender against the fake Bot API on 127.0.0.1: what arrives (HTML, keyboards, multipart bytes,
// split parts) and how each failure Telegram can answer becomes a DeliveryError kind.

let fake: FakeTelegram;
let sender: ReturnType<typeof createTelegramSender>;
const CHAT = 4242;
const PNG = Buffer.from([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...Array.from({ length: 3000 }, (_, i) => i % 256),
]);

beforeAll(async () => {
  fake = await startFakeTelegram();
  sender = createTelegramSender({
    telegram: createTelegramClient({ token: fake.token, apiRoot: fake.apiRoot }),
    logger: testLogger(),
  });
});
afterAll(() => fake.close());
afterEach(() => fake.clearFailures());

const rejection = (p: Promise<unknown>) => rejectionOf(p, DeliveryError);

describe('telegram sender', () => {
  it('sends HTML with an inline keyboard and returns the message id Telegram gave', async () => {
    const [id] = await sender.send(CHAT, telegramSteps.text('<b>GME</b> score 0.91 &amp; rising'), {
      buttons: [[{ text: 'Acknowledge', data: 'ack:17' }]],
      silent: true,
    });
    const call = fake.callsOf('sendMessage').at(-1)!;
    expect(call.params).toMatchObject({
      chat_id: CHAT,
      parse_mode: 'HTML',
      disable_notification: true,
      reply_markup: { inline_keyboard: [[{ text: 'Acknowledge', callback_data: 'ack:17' }]] },
    });
    expect(fake.message(CHAT, id!)).toMatchObject({ text: 'GME score 0.91 & rising' });
  });

  it('splits a long text into parts Telegram accepts, buttons only under the last', async () => {
    const table = `<pre>${Array.from({ length: 400 }, (_, i) => `ROW${i} ${'x'.repeat(20)}`).join('\n')}</pre>`;
    const before = fake.delivered(CHAT).length;
    const ids = await sender.send(CHAT, telegramSteps.text(table), { buttons: [[{ text: 'More', data: 'more:1' }]] });
    const parts = fake.delivered(CHAT).slice(before);
    expect(ids.length).toBeGreaterThan(1);
    expect(parts.map((m) => m.message_id)).toEqual(ids);
    expect(parts.every((m) => 'text' in m && m.text.length <= 4096)).toBe(true);
    expect(parts.map((m) => ('reply_markup' in m ? 'buttons' : '-'))).toEqual([
      ...ids.slice(1).map(() => '-'),
      'buttons',
    ]);
    expect(parts.map((m) => ('text' in m ? m.text : '')).join('\n')).toContain('ROW399');
  });

  it('uploads a photo as multipart with the bytes intact and the caption cut at 1024, the rest as text', async () => {
    const caption = Array.from({ length: 60 }, (_, i) => `line ${i} <b>${'y'.repeat(20)}</b>`).join('\n');
    const before = fake.calls.length;
    await sender.send(CHAT, telegramSteps.photo(PNG, caption));
    const [photo, ...rest] = fake.calls.slice(before);
    expect(photo!.method).toBe('sendPhoto');
    expect(photo!.files[0]!.bytes.equals(PNG)).toBe(true);
    expect(String(photo!.params.caption).length).toBeLessThanOrEqual(1024);
    expect(rest.map((c) => c.method)).toEqual(['sendMessage']);
    expect(String(rest[0]!.params.text)).toContain('line 59');
  });

  it('sends a document with its file name', async () => {
    const csv = Buffer.from('symbol,score\nGME,0.91\n');
    await sender.send(String(CHAT), telegramSteps.document(csv, 'top.csv', 'Top candidates'));
    const call = fake.callsOf('sendDocument').at(-1)!;
    expect(call.files[0]).toMatchObject({ field: 'document', filename: 'top.csv' });
    expect(call.files[0]!.bytes.toString()).toBe(csv.toString());
    expect((call.result as { document: { file_name: string } }).document.file_name).toBe('top.csv');
  });

  it('maps 429 to rate_limited with retry_after in ms', async () => {
    fake.failNext(1, 429, { retryAfter: 3 });
    const err = await rejection(sender.send(CHAT, telegramSteps.text('hi')));
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(3000);
  });

  it('maps 500 and a refused connection to transient', async () => {
    fake.failNext(1, 500);
    expect((await rejection(sender.send(CHAT, telegramSteps.text('hi')))).kind).toBe('transient');
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const offline = createTelegramSender({
      telegram: createTelegramClient({ token: fake.token, apiRoot: `http://127.0.0.1:${port}` }),
      logger: testLogger(),
    });
    expect((await rejection(offline.send(CHAT, telegramSteps.text('hi')))).kind).toBe('transient');
  });

  it('gives up on a call that hangs past the timeout, as transient', async () => {
    const hang = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const slow = createTelegramSender({
      telegram: createTelegramClient({
        token: fake.token,
        apiRoot: `http://127.0.0.1:${(hang.address() as AddressInfo).port}`,
      }),
      logger: testLogger(),
      timeoutMs: 200,
    });
    const err = await rejection(slow.send(CHAT, telegramSteps.text('hi')));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/timeout/);
    hang.closeAllConnections();
    hang.close();
  });

  it('maps a blocked bot (403) and a missing chat (400) to permanent', async () => {
    fake.blockChat(777);
    expect((await rejection(sender.send(777, telegramSteps.text('hi')))).kind).toBe('permanent');
    fake.blockChat(-100, { status: 400, description: 'Bad Request: chat not found' });
    const err = await rejection(sender.send(-100, telegramSteps.text('hi')));
    expect(err.kind).toBe('permanent');
    expect(err.message).toMatch(/chat not found/);
  });

  it('refuses callback data over 64 bytes before calling Telegram', async () => {
    const before = fake.calls.length;
    const err = await rejection(
      sender.send(CHAT, telegramSteps.text('hi'), { buttons: [[{ text: 'x', data: 'ack:'.padEnd(70, '9') }]] }),
    );
    expect(err.kind).toBe('permanent');
    expect(fake.calls.length).toBe(before);
  });

  it('edits a message in place, treats an unchanged edit as done, and a missing message as permanent', async () => {
    const [id] = await sender.send(CHAT, telegramSteps.text('Scanning… universe'));
    await sender.editText(CHAT, id!, 'Scanning… <b>price filter</b>', {
      buttons: [[{ text: 'Stop', data: 'scan:stop' }]],
    });
    expect(fake.message(CHAT, id!)).toMatchObject({
      text: 'Scanning… price filter',
      reply_markup: { inline_keyboard: [[{ callback_data: 'scan:stop' }]] },
    });
    await sender.editText(CHAT, id!, 'Scanning… <b>price filter</b>', {
      buttons: [[{ text: 'Stop', data: 'scan:stop' }]],
    });
    await sender.editButtons(CHAT, id!);
    expect(fake.message(CHAT, id!)).not.toHaveProperty('reply_markup');
    expect((await rejection(sender.editText(CHAT, 99_999, 'x'))).kind).toBe('permanent');
  });

  it('answers callbacks, shrugging off one that is too old', async () => {
    const update = fake.pushCallback(5, CHAT, 1, 'ack:1');
    await sender.answerCallback(update.callback_query.id, 'Acknowledged');
    await sender.answerCallback(update.callback_query.id, 'again');
    expect(fake.callsOf('answerCallbackQuery').map((c) => c.status)).toEqual([200, 400]);
  });

  it('sets the command menu per scope', async () => {
    await sender.setCommands([{ command: 'help', description: 'Commands' }]);
    await sender.setCommands([{ command: 'users', description: 'Manage users' }], { type: 'chat', chat_id: 11 });
    expect(fake.commandsFor('default')).toEqual([{ command: 'help', description: 'Commands' }]);
    expect(fake.commandsFor('chat:11')).toEqual([{ command: 'users', description: 'Manage users' }]);
  });
});
