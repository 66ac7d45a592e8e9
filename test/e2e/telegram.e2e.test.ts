import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/chat-core';
import { createApp, type App } from '../../src/main';
import { createTelegramChannel } from '../../src/notify/telegram.channel';
import { systemClock } from '../../src/shared/clock';
import { startTelegram } from '../../src/transports/telegram/start-telegram';
import { createTelegramTransport, type TelegramTransport } from '../../src/transports/telegram/telegram.transport';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../support/fake-telegram-server';
import { typeIn } from '../support/fake-telegram-chat';
import { outboxWorker } from '../support/delivery';
import { testLogger } from '../support/logger';

// The real telegraf bot and the real chat core against the fake Bot API on 127.0.0.1, as a user meets
// them: commands typed by an admin and by a stranger, a bad argument, a button press, the command
// menus, and alert fan-out through the outbox while Telegram answers 429 and 500.

const ADMIN = 111;
const STRANGER = 555;
let fake: FakeTelegram;
let app: App;
let dir: string;
let transport: TelegramTransport;
const logger = testLogger();

function bot(
  core: ChatCore = app.chat.core,
  over: Partial<Parameters<typeof createTelegramTransport>[0]> = {},
): TelegramTransport {
  return createTelegramTransport({
    token: fake.token,
    apiRoot: fake.apiRoot,
    config: app.loaded.config,
    core,
    adminIds: () => [String(ADMIN)],
    clock: systemClock,
    logger,
    pollTimeoutS: 1,
    inbox: app.repos.telegramInbox,
    ...over,
  });
}

/** The outbox and a delivery worker sending through the running bot's sender. */
const telegramDelivery = () =>
  outboxWorker(app.repos, app.loaded.config, systemClock, {
    logger,
    channels: [createTelegramChannel({ sender: transport.sender, logger })],
  });

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
/** every pushed update fetched and every handler finished */
const settled = (t: TelegramTransport) => until(() => fake.pendingUpdates() === 0 && t.busy() === 0);

/** A user types `text`; resolves with the bot's first message to that chat after it. */
const say = (from: number, chat: number, text: string): Promise<RecordedCall> => typeIn(fake, from, chat, text);

beforeAll(async () => {
  fake = await startFakeTelegram();
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-tg-'));
  app = createApp({
    dbPath: join(dir, 'bot.db'),
    env: { TELEGRAM_ADMIN_IDS: String(ADMIN), TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    logLevel: 'silent',
    tweak: (l) => {
      l.config.alerting.delivery.backoff_base_ms = 200;
      // pushed alerts go to the admin's chat
      l.config.alerting.channels.telegram.chat_ids = [String(ADMIN)];
    },
  });
  transport = bot();
  await transport.start();
});
afterAll(async () => {
  await transport.stop();
  await fake.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => fake.clearFailures());

describe('telegram bot end to end', () => {
  it('publishes the command menu for everyone and the admin menu in the admin chat', () => {
    const everyone = fake.commandsFor('default')!.map((c) => c.command);
    const admin = fake.commandsFor(`chat:${ADMIN}`)!.map((c) => c.command);
    expect(everyone).toContain('help');
    expect(admin).toEqual(expect.arrayContaining(everyone));
    expect(admin.length).toBeGreaterThanOrEqual(everyone.length);
  });

  it('answers /help from the admin with the command list in HTML', async () => {
    const reply = await say(ADMIN, ADMIN, '/help');
    expect(reply.params.parse_mode).toBe('HTML');
    expect(String(reply.params.text)).toMatch(/Commands/);
    expect(String(reply.params.text)).toContain('/help');
    expect(reply.status).toBe(200);
  });

  it('tells an unknown user once, politely, their user id, and then stays quiet', async () => {
    const reply = await say(STRANGER, STRANGER, '/help');
    expect(String(reply.params.text)).toContain(String(STRANGER));
    fake.pushMessage(STRANGER, STRANGER, '/start');
    fake.pushMessage(STRANGER, STRANGER, '/help');
    await settled(transport);
    expect(fake.callsOf('sendMessage').filter((c) => c.chatId === String(STRANGER))).toHaveLength(1);
  });

  it('in a group, obeys an authorized user and ignores a stranger', async () => {
    const group = { id: -100777, type: 'supergroup' as const, title: 'Squeeze club' };
    fake.pushMessage(STRANGER + 1, group, '/help');
    await settled(transport);
    const reply = await say(ADMIN, group.id, '/help@squeeze_test_bot');
    expect(String(reply.params.text)).toMatch(/Commands/);
    fake.pushMessage(ADMIN, group, '/help@some_other_bot');
    await settled(transport);
    expect(fake.callsOf('sendMessage').filter((c) => c.chatId === String(group.id))).toHaveLength(1);
  });

  it('answers a bad argument with the usage line and an example', async () => {
    const reply = await say(ADMIN, ADMIN, '/help top status');
    expect(String(reply.params.text)).toMatch(/Usage: <code>\/help \[group\|command\]<\/code>/);
    expect(String(reply.params.text)).toMatch(/Example:/);
  });

  it('answers a button press and edits the message it sat under', async () => {
    app.chat.core.registerButton('e2e:', {
      minRole: 'viewer',
      run: async (ctx) => {
        await ctx.edit(ctx.message!, `Pressed <b>${ctx.payload}</b> by ${ctx.user.id}`);
        await ctx.answer('Done');
      },
    });
    const sent = await transport.sender.send(ADMIN, [{ kind: 'text', html: 'Press it' }], {
      buttons: [[{ text: 'Press', data: 'e2e:42' }]],
    });
    const update = fake.pushCallback(ADMIN, ADMIN, sent[0]!, 'e2e:42');
    const answered = await fake.waitFor(
      (c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === update.callback_query.id,
    );
    expect(answered).toMatchObject({ status: 200, params: { text: 'Done' } });
    expect(fake.message(ADMIN, sent[0]!)).toMatchObject({ text: `Pressed 42 by ${ADMIN}` });
  });

  it('answers a handler error with a short message and an error id', async () => {
    const failing = bot({
      ...app.chat.core,
      handleCommand: async () => {
        throw new Error('boom');
      },
    });
    // a second bot on the same fake would steal updates: stop the main one while this one runs
    await transport.stop();
    await failing.start();
    try {
      const reply = await say(ADMIN, ADMIN, '/help');
      expect(String(reply.params.text)).toMatch(/error id <code>[0-9a-f]{6}<\/code>/);
      expect(String(reply.params.text)).not.toContain('boom');
      expect(logger.lines.some((l) => l.msg === 'telegram update failed')).toBe(true);
    } finally {
      await failing.stop();
      transport = bot();
      await transport.start();
    }
  });

  it('delivers an alert fan-out through a 429 storm: every message once, retry_after honoured', async () => {
    const { outbox, worker } = telegramDelivery();
    const chats = [2001, 2002, 2003, 2004, 2005];
    fake.failRandomly({ rate429: 0.35, retryAfter: 1, seed: 11, methods: ['sendMessage'] });
    for (let i = 1; i <= 4; i++)
      for (const chat of chats)
        outbox.enqueue({ channel: 'telegram', target: String(chat), html: `<b>ALRT</b> #${i} for ${chat}` });
    worker.start();
    try {
      expect(await worker.waitIdle(30_000)).toBe(true);
    } finally {
      await worker.stop();
    }
    const storm = fake.calls.filter((c) => c.chatId && chats.includes(Number(c.chatId)));
    expect(storm.filter((c) => c.status === 429).length).toBeGreaterThan(0);
    for (const chat of chats) {
      const texts = fake.delivered(chat).map((m) => ('text' in m ? m.text : ''));
      // every message exactly once; order is not asserted: a 429 requeues a message behind that chat's later ones
      expect([...texts].sort()).toEqual([1, 2, 3, 4].map((i) => `ALRT #${i} for ${chat}`));
      const calls = storm.filter((c) => c.chatId === String(chat));
      calls.forEach((c, i) => {
        if (c.status === 429 && calls[i + 1]) expect(calls[i + 1]!.at - c.at).toBeGreaterThanOrEqual(990);
      });
    }
    expect(outbox.depth()).toMatchObject({ queued: 0, sending: 0 });
  });

  it('retries a send that Telegram answered 500', async () => {
    const { outbox, worker } = telegramDelivery();
    fake.failNext(1, 500, { methods: ['sendMessage'] });
    outbox.enqueue({ channel: 'telegram', target: '3001', html: 'after a 500' });
    worker.start();
    try {
      expect(await worker.waitIdle(10_000)).toBe(true);
    } finally {
      await worker.stop();
    }
    expect(fake.calls.filter((c) => c.chatId === '3001').map((c) => c.status)).toEqual([500, 200]);
  });
});

describe('alerts on telegram', () => {
  it('delivers an alert with its buttons; Acknowledge answers the press and edits the alert to say who', async () => {
    await transport.stop();
    // the wiring `squeezebot start` uses: the outbox's Telegram channel and the alert editor on the same sender
    const live = await startTelegram({
      loaded: app.loaded,
      core: app.chat.core,
      users: app.chat.services.users,
      inbox: app.repos.telegramInbox,
      clock: systemClock,
      logger,
      delivery: app.delivery,
      alertActions: app.alerts,
    });
    app.delivery.start();
    try {
      const alert = app.alerts.system('warning', 'Volume filter found no candidates', 'Three runs in a row.', [
        'Check the bars import',
      ])!;
      const ackData = `ack:${alert.id}`;
      const sent = await fake.waitFor(
        (c) =>
          c.method === 'sendMessage' &&
          c.status === 200 &&
          JSON.stringify(c.params.reply_markup ?? '').includes(ackData),
      );
      expect(sent.chatId).toBe(String(ADMIN));
      const messageId = (sent.result as { message_id: number }).message_id;
      const press = fake.pushCallback(ADMIN, ADMIN, messageId, ackData);
      const answered = await fake.waitFor(
        (c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === press.callback_query.id,
      );
      expect(answered.params.text).toBe(`Acknowledged #${alert.id}`);
      const edited = fake.message(ADMIN, messageId) as { text: string; reply_markup?: unknown };
      expect(edited.text).toMatch(new RegExp(`Acknowledged by User${ADMIN}`));
      expect(edited.reply_markup).toBeUndefined();
      expect(app.alerts.get(alert.id)?.ackedBy).toBe(`User${ADMIN}`);
    } finally {
      await live.transport.stop();
      await app.delivery.stop();
      transport = bot();
      await transport.start();
    }
  });
});

describe('telegram bot by webhook', () => {
  it('takes updates only with the secret token, and sets the webhook with it', async () => {
    await transport.stop();
    const config = structuredClone(app.loaded.config);
    config.telegram.mode = 'webhook';
    config.telegram.webhook = { url: 'https://bot.example.com/tg', listen_host: '127.0.0.1', listen_port: 0 };
    const hooked = bot(app.chat.core, { config, webhookSecret: 'sekret-123' });
    await hooked.start();
    try {
      expect(fake.webhook()).toEqual({ url: 'https://bot.example.com/tg', secret_token: 'sekret-123' });
      const update = {
        update_id: 9_000_001,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: ADMIN, type: 'private', first_name: 'A' },
          from: { id: ADMIN, is_bot: false, first_name: 'A' },
          text: '/help',
          entities: [{ type: 'bot_command', offset: 0, length: 5 }],
        },
      };
      const post = (headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${hooked.webhookPort()}/tg`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(update),
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
      const after = fake.calls.length;
      expect((await post({ 'x-telegram-bot-api-secret-token': 'sekret-123' })).status).toBe(200);
      const reply = await fake.waitFor((c) => c.seq > after && c.method === 'sendMessage');
      expect(String(reply.params.text)).toMatch(/Commands/);
    } finally {
      await hooked.stop();
      transport = bot();
      await transport.start();
    }
  });
});
