import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/main';
import { systemClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { createTelegramTransport } from '../../src/transports/telegram/telegram.transport';
import { startFakeTelegram } from '../support/fake-telegram-server';
import { echoCore, postUpdate, textUpdate } from '../support/webhook-updates';
import { median, percentile } from './stats';

// Issue 17: the webhook's ack time, from the request to its response, over real HTTP to the real bot
// (webhook mode, durable inbox on a SQLite file) replying through the fake Bot API. The same 200 POSTs
// with handlers that answer at once and with handlers that take `slowMs` each, alternated within one
// run: the ack stores the update and answers, so the two should match however long handling takes.

export interface WebhookAckOptions {
  posts?: number;
  chats?: number;
  slowMs?: number;
  rounds?: number;
}

export async function benchWebhookAck(options: WebhookAckOptions = {}) {
  const { posts = 200, chats = 20, slowMs = 500, rounds = 3 } = options;
  const fake = await startFakeTelegram();
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-ack-'));
  const app = createApp({
    dbPath: join(dir, 'bot.db'),
    env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    logLevel: 'silent',
  });
  const config = structuredClone(app.loaded.config);
  config.telegram.mode = 'webhook';
  config.telegram.webhook = { url: 'https://bot.example.com/tg', listen_host: '127.0.0.1', listen_port: 0 };
  const secret = 'bench-secret';
  const transport = createTelegramTransport({
    token: fake.token,
    apiRoot: fake.apiRoot,
    webhookSecret: secret,
    config,
    core: echoCore(app.chat.core),
    adminIds: () => [],
    clock: systemClock,
    logger: createLogger({ level: 'silent' }),
    inbox: app.repos.telegramInbox,
    menuWaitMs: 0,
  });
  await transport.start();
  const port = transport.webhookPort()!;
  let nextId = 1;
  async function phase(waitMs: number) {
    const ms: number[] = [];
    for (let i = 0; i < posts; i++) {
      const u = textUpdate(nextId++, 1_000 + (i % chats), `/echo ${i}${waitMs ? ` wait=${waitMs}` : ''}`);
      const t0 = performance.now();
      const status = await postUpdate(port, u, secret);
      ms.push(performance.now() - t0);
      if (status !== 200) throw new Error(`webhook answered ${status}`);
    }
    // updates stored but not yet handled when the last ack went out: the queue the acks ran ahead of
    const backlog = (
      app.db.$client.prepare(`SELECT count(*) AS n FROM telegram_inbox WHERE status <> 'done'`).get() as { n: number }
    ).n;
    // the next phase starts on an idle bot
    while (transport.busy() > 0 || fake.delivered().length < nextId - 1) await new Promise((r) => setTimeout(r, 20));
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), backlogAtLastAck: backlog };
  }
  const fast: Awaited<ReturnType<typeof phase>>[] = [];
  const slow: Awaited<ReturnType<typeof phase>>[] = [];
  await phase(0); // warm-up: JIT, prepared statements, keep-alive sockets
  for (let r = 0; r < rounds; r++) {
    fast.push(await phase(0));
    slow.push(await phase(slowMs));
  }
  await transport.stop();
  await fake.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
  const round = (x: number) => Math.round(x * 100) / 100;
  const sum = (ps: typeof fast) => ({
    p50_ms: round(median(ps.map((p) => p.p50))),
    p95_ms: round(median(ps.map((p) => p.p95))),
    unhandled_at_last_ack: median(ps.map((p) => p.backlogAtLastAck)),
  });
  return {
    posts,
    chats,
    rounds,
    handling_instant: sum(fast),
    [`handling_${slowMs}ms`]: sum(slow),
    p50_ratio_slow_to_instant: round(median(slow.map((s, i) => s.p50 / fast[i]!.p50))),
    p95_ratio_slow_to_instant: round(median(slow.map((s, i) => s.p95 / fast[i]!.p95))),
  };
}
