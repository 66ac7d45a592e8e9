import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { systemClock } from '../../src/shared/clock';
import { createTelegramTransport, type TelegramTransport } from '../../src/transports/telegram/telegram.transport';
import { flat, recordShortVolumeImports, spikeLast, writeMarket } from '../support/market-fixture';
import { sayTo } from '../support/chat-surface';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../support/fake-telegram-server';
import { keyboardOf, sentMessageId, typeIn } from '../support/fake-telegram-chat';
import { testLogger } from '../support/logger';

// Issue 15 through the real telegraf bot and the fake Bot API: /top's inline keyboard reaches
// Telegram, a ticker row answers with its card, and Next edits the list in place.

const ADMIN = 111;
const D = '2021-01-27';
const SYMBOLS = ['AMC', 'GME', 'KOSS', 'NOK', 'BB', 'BBBY', 'NAKD', 'EXPR', 'SPCE', 'PLTR', 'NIO', 'CLOV'];
let fake: FakeTelegram;
let app: App;
let dir: string;
let transport: TelegramTransport;

const keyboard = (c: RecordedCall) =>
  keyboardOf(c).map((k) => ({ text: k.text, callback_data: k.callback_data ?? '' }));
const messageId = sentMessageId;

beforeAll(async () => {
  fake = await startFakeTelegram();
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-tg-phone-'));
  app = createApp({
    dbPath: join(dir, 'bot.db'),
    env: { TELEGRAM_ADMIN_IDS: String(ADMIN), TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    logLevel: 'silent',
  });
  const shapes = Object.fromEntries(
    SYMBOLS.map((s, i) => [
      s,
      { close: flat(4 + i), volume: spikeLast(1_000_000 + i * 100_000, 4 + i), shortShare: 0.5 },
    ]),
  );
  recordShortVolumeImports(app.db, writeMarket(app.db, D, 100, shapes));
  // the run the bot's /top reads: a scan as of D, through the same chat core
  expect((await sayTo(app, '/scan', { userId: String(ADMIN), chatType: 'private', asOf: D })).outcome).toBe('ok');
  transport = createTelegramTransport({
    token: fake.token,
    apiRoot: fake.apiRoot,
    config: app.loaded.config,
    core: app.chat.core,
    adminIds: () => [String(ADMIN)],
    clock: systemClock,
    logger: testLogger(),
    pollTimeoutS: 1,
    inbox: app.repos.telegramInbox,
  });
  await transport.start();
}, 60_000);
afterAll(async () => {
  await transport.stop();
  await fake.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/top on Telegram', () => {
  it('carries its keyboard; a row opens the card; Next edits the list in place', async () => {
    const top = await typeIn(fake, ADMIN, ADMIN, '/top 12');
    const keys = keyboard(top);
    const row = keys.find((k) => k.callback_data.startsWith('run:/ticker '))!;
    expect(row).toBeDefined();
    expect(row.callback_data).toBe(`run:/ticker ${row.text}`);
    expect(keys.map((k) => k.callback_data)).toContain('re:/top 12 2');
    expect(String(top.params.text)).not.toContain('11. ');

    const before = fake.calls.length;
    fake.pushCallback(ADMIN, ADMIN, messageId(top), row.callback_data);
    const card = await fake.waitFor(
      (c) => c.seq > before && c.method === 'sendMessage' && String(c.params.text).includes(`<b>${row.text}</b>`),
    );
    expect(keyboard(card).map((k) => k.callback_data)).toContain(`run:/why ${row.text}`);

    const beforeNext = fake.calls.length;
    fake.pushCallback(ADMIN, ADMIN, messageId(top), 're:/top 12 2');
    const edit = await fake.waitFor((c) => c.seq > beforeNext && c.method === 'editMessageText');
    expect(edit.params.message_id).toBe(messageId(top));
    expect(String(edit.params.text)).toContain('11. ');
    expect(keyboard(edit).map((k) => k.callback_data)).toContain('re:/top 12 1');
    expect(JSON.stringify(fake.message(ADMIN, messageId(top)))).toContain('11. ');
  });
});
