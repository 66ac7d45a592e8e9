import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { createTelegramApiGaps, type TelegramApiGaps } from '../../src/notify/telegram-api-gaps';
import type { RetryPolicy } from '../../src/notify/telegram-start-retry';
import { systemClock } from '../../src/shared/clock';
import { ConfigError } from '../../src/shared/errors';
import { startTelegram } from '../../src/transports/telegram/start-telegram';
import type { TelegramTransport } from '../../src/transports/telegram/telegram.transport';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../support/fake-telegram-server';
import { testLogger } from '../support/logger';
import { steady, writeMarket } from '../support/market-fixture';

// The real telegraf bot starting against a Bot API that misbehaves: a 5xx on getMe or setMyCommands
// is retried and the bot runs; a 401 is a bad token and ends the start at once; a Bot API without
// setMyCommands, sendPhoto, sendDocument or sendChatAction gets a bot that degrades (a chart as a
// document, or as a text saying where it is) and says so in /status.

const ADMIN = 111;
// short waits, so a test sees the retries without waiting the production ~1.5 min
const FAST: RetryPolicy = { baseMs: 50, maxMs: 200, totalMs: 3_000 };
const logger = testLogger();
let fake: FakeTelegram;
let app: App;
let dir: string;
const running: TelegramTransport[] = [];

async function start(
  over: { gaps?: TelegramApiGaps; retry?: { essential?: RetryPolicy; cosmetic?: RetryPolicy } } = {},
) {
  const started = await startTelegram({
    loaded: app.loaded,
    core: app.chat.core,
    users: app.chat.services.users,
    inbox: app.repos.telegramInbox,
    clock: systemClock,
    logger,
    gaps: over.gaps ?? createTelegramApiGaps(),
    retry: over.retry ?? { essential: FAST, cosmetic: FAST },
  });
  running.push(started.transport);
  return started;
}

/** A user types `text`; resolves with the bot's first send of any kind to that chat after it. */
async function say(text: string, method = /^send(Message|Photo|Document)$/): Promise<RecordedCall> {
  const after = fake.calls.length;
  fake.pushMessage(ADMIN, ADMIN, text);
  return fake.waitFor((c) => c.seq > after && method.test(c.method) && c.chatId === String(ADMIN), 10_000);
}

beforeAll(async () => {
  fake = await startFakeTelegram();
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-tg-degraded-'));
  app = createApp({
    dbPath: join(dir, 'bot.db'),
    env: { TELEGRAM_ADMIN_IDS: String(ADMIN), TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    logLevel: 'silent',
  });
  writeMarket(app.db, '2021-01-27', 70, { GME: { close: steady(20), volume: steady(2_000_000) } });
});
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop({ graceMs: 2_000 });
  fake.clearFailures();
});
afterAll(async () => {
  await fake.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('telegram start against a flaky Bot API', () => {
  it('starts through one 500 from getMe and one from setMyCommands, retrying each', async () => {
    const before = fake.calls.length;
    fake.failNext(1, 500, { methods: ['getMe'] });
    fake.failNext(1, 500, { methods: ['setMyCommands'] });
    const started = await start();
    expect(started.username).toBe('squeeze_test_bot');
    const since = fake.calls.slice(before);
    expect(since.filter((c) => c.method === 'getMe').map((c) => c.status)).toEqual([500, 200]);
    expect(since.filter((c) => c.method === 'setMyCommands').map((c) => c.status)).toEqual([500, 200, 200]);
    expect(fake.commandsFor('default')?.map((c) => c.command)).toContain('help');
    expect(String((await say('/help')).params.text)).toMatch(/Commands/);
  });

  it('runs without a menu when setMyCommands keeps failing: the start is not held up past its bound', async () => {
    fake.failRandomly({ rate500: 1, methods: ['setMyCommands'] });
    const t0 = Date.now();
    await start({ retry: { essential: FAST, cosmetic: { baseMs: 50, maxMs: 100, totalMs: 400 } } });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(fake.callsOf('setMyCommands').filter((c) => c.status === 500).length).toBeGreaterThan(1);
    fake.clearFailures();
    expect(String((await say('/help')).params.text)).toMatch(/Commands/);
  });

  it('gives up on getMe after the bounded retries with the Bot API error', async () => {
    fake.failRandomly({ rate500: 1, methods: ['getMe'] });
    const before = fake.callsOf('getMe').length;
    await expect(start({ retry: { essential: { baseMs: 50, maxMs: 100, totalMs: 500 } } })).rejects.toThrow(
      /getMe: Internal Server Error/,
    );
    expect(fake.callsOf('getMe').length - before).toBeGreaterThan(2);
  });

  it('ends the start at once on 401 Unauthorized: a bad token is named, not retried', async () => {
    const t0 = Date.now();
    const err = await startTelegram({
      loaded: { ...app.loaded, secrets: { ...app.loaded.secrets, TELEGRAM_BOT_TOKEN: '999:wrong' } },
      core: app.chat.core,
      users: app.chat.services.users,
      inbox: app.repos.telegramInbox,
      clock: systemClock,
      logger,
      // a retry would wait at least 2 s
      retry: { essential: { baseMs: 2_000, maxMs: 2_000, totalMs: 60_000 } },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(String((err as Error).message)).toMatch(
      /TELEGRAM_BOT_TOKEN was refused by the Bot API \(401 Unauthorized\)/,
    );
    expect(Date.now() - t0).toBeLessThan(1_500);
  });
});

describe('telegram bot on a Bot API without the optional methods', () => {
  it('sends the chart as a document when sendPhoto is missing, and asks for sendPhoto only once', async () => {
    fake.lackMethods(['sendPhoto']);
    const gaps = createTelegramApiGaps();
    await start({ gaps });
    const first = await say('/chart GME', /^send(Photo|Document)$/);
    expect(first.method).toBe('sendPhoto');
    expect(first.status).toBe(404);
    const doc = await fake.waitFor((c) => c.seq > first.seq && c.method === 'sendDocument');
    expect(doc.status).toBe(200);
    expect(doc.files[0]!.filename).toBe('chart.png');
    expect(String(doc.params.caption)).toMatch(/GME/);
    const again = await say('/chart GME', /^send(Photo|Document)$/);
    expect(again.method).toBe('sendDocument');
    expect(gaps.list()).toEqual(['sendPhoto']);
  });

  it('starts without setMyCommands, sendPhoto, sendDocument and sendChatAction; the chart becomes a text saying how to draw it; /status says what is missing', async () => {
    fake.lackMethods(['setMyCommands', 'sendPhoto', 'sendDocument', 'sendChatAction']);
    const before = fake.calls.length;
    // the app's own record: the one /status reads
    await start({ gaps: app.telegramGaps });
    // a missing method is not retried
    expect(fake.calls.slice(before).filter((c) => c.method === 'setMyCommands')).toHaveLength(1);
    const after = fake.calls.length;
    const reply = await say('/chart GME', /^sendMessage$/);
    expect(reply.status).toBe(200);
    expect(String(reply.params.text)).toMatch(
      /chart\.png could not be attached: this Bot API has no sendDocument or sendPhoto/,
    );
    expect(String(reply.params.text)).toContain('squeezebot chart GME --range 3m');
    expect(String(reply.params.text)).toMatch(/<b>GME<\/b>/);
    const tried = fake.calls
      .slice(after)
      .filter((c) => c.chatId === String(ADMIN))
      .map((c) => `${c.method}:${c.status}`);
    expect(tried).toEqual(['sendChatAction:404', 'sendPhoto:404', 'sendDocument:404', 'sendMessage:200']);
    const status = String((await say('/status', /^sendMessage$/)).params.text);
    expect(status).toContain('Telegram: sendPhoto missing on this Bot API — charts sent as documents');
    expect(status).toContain('Telegram: setMyCommands missing on this Bot API');
    expect(status).toContain('Telegram: sendDocument missing on this Bot API');
    expect(status).toContain('Telegram: sendChatAction missing on this Bot API');
    // once known missing, not asked again
    const later = fake.calls.length;
    await say('/chart GME', /^sendMessage$/);
    expect(fake.calls.slice(later).filter((c) => /^send(Photo|Document|ChatAction)$/.test(c.method))).toHaveLength(0);
  });
});
