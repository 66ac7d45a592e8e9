import { createTelegramChannel } from '../../src/notify/telegram.channel';
import { createTelegramClient, createTelegramSender } from '../../src/notify/telegram-sender';
import { systemClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { testConfig } from '../support/config';
import { outboxWorker } from '../support/delivery';
import { maxInWindow, startFakeTelegram } from '../support/fake-telegram-server';
import { tempDb } from '../support/temp-db';
import { percentile } from './stats';
import { createRepos } from '../../src/db/repos';

// Alert fan-out through the real outbox, delivery worker, Telegram channel and sender, against the
// fake Bot API on 127.0.0.1 answering a seeded 10% of sends 429 (retry_after 1) and 5% 500. Alerts
// are enqueued evenly over a window (1,000 in one minute by default) to 10 private chats, on the real
// clock with the default delivery config, so the figures are what a user would see: how many arrive,
// how many twice, how fast any one chat is written to, and how long the queue takes to drain.

export interface AlertDeliveryOptions {
  alerts?: number;
  chats?: number;
  windowMs?: number;
  rate429?: number;
  rate500?: number;
  /** connections dropped before the send reaches the fake (nothing sent) */
  dropBefore?: number;
  /** connections dropped after the message was sent, before the answer: the one duplicate a sender cannot avoid */
  dropAfter?: number;
  seed?: number;
}

export async function benchAlertDelivery(options: AlertDeliveryOptions = {}) {
  const { alerts = 1000, chats = 10, windowMs = 60_000, rate429 = 0.1, rate500 = 0.05, seed = 20210127 } = options;
  const { dropBefore = 0, dropAfter = 0 } = options;
  const fake = await startFakeTelegram();
  const store = tempDb();
  // alerting.delivery as users run it (testConfig shortens only the providers' retries)
  const config = testConfig();
  const logger = createLogger({ level: 'silent' });
  const sender = createTelegramSender({
    telegram: createTelegramClient({ token: fake.token, apiRoot: fake.apiRoot }),
    logger,
  });
  const { outbox, worker } = outboxWorker(createRepos(store.db), config, systemClock, {
    logger,
    channels: [createTelegramChannel({ sender, logger })],
  });
  const targets = Array.from({ length: chats }, (_, i) => String(5000 + i));
  const enqueuedAt = new Map<number, number>();

  fake.failRandomly({ rate429, rate500, dropBefore, dropAfter, retryAfter: 1, seed, methods: ['sendMessage'] });
  worker.start();
  const t0 = Date.now();
  for (let i = 0; i < alerts; i++) {
    const due = t0 + (i * windowMs) / alerts;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const target = targets[i % chats]!;
    outbox.enqueue({ channel: 'telegram', target, html: `<b>ALERT</b> n${i} to ${target}` });
    enqueuedAt.set(i, Date.now());
  }
  const enqueueMs = Date.now() - t0;
  const idle = await worker.waitIdle(30 * 60_000);
  const drainMs = Date.now() - t0;
  await worker.stop();

  const sends = fake.calls.filter((c) => c.method === 'sendMessage');
  const ok = sends.filter((c) => c.status === 200);
  const seen = new Map<number, number>();
  for (const c of ok) {
    const n = Number(/n(\d+) to/.exec(String(c.params.text))?.[1]);
    seen.set(n, (seen.get(n) ?? 0) + 1);
  }
  const latencies = ok
    .map((c) => c.at - enqueuedAt.get(Number(/n(\d+) to/.exec(String(c.params.text))?.[1]))!)
    .sort((a, b) => a - b);
  const perChat = targets.map((t) => {
    const times = ok.filter((c) => c.chatId === t).map((c) => c.at);
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    return {
      max1s: maxInWindow(times, 1000),
      max10s: maxInWindow(times, 10_000),
      sustainedPerS: span > 0 ? (times.length - 1) / span : 0,
    };
  });
  // a 429 is honoured when the next call to that chat waits out retry_after (1 s)
  let retryAfterViolations = 0;
  for (const t of targets) {
    const calls = sends.filter((c) => c.chatId === t);
    calls.forEach((c, i) => {
      if (c.status === 429 && calls[i + 1] && calls[i + 1]!.at - c.at < 990) retryAfterViolations++;
    });
  }
  const depth = outbox.depth();
  await fake.close();
  store.cleanup();

  return {
    scenario:
      `${alerts} alerts over ${windowMs / 1000} s to ${chats} chats, ${rate429 * 100}% 429 (retry_after 1 s), ${rate500 * 100}% 500` +
      (dropBefore || dropAfter
        ? `, ${dropBefore * 100}% connections dropped before and ${dropAfter * 100}% after the send took effect`
        : ''),
    delivered: seen.size,
    of: alerts,
    duplicates: [...seen.values()].reduce((s, n) => s + n - 1, 0),
    /** sends that took effect with their answer lost: each may come back as one duplicate, by nature */
    dropped_after_send: ok.filter((c) => c.dropped).length,
    drained: idle,
    dead_or_failed: (depth.dead ?? 0) + (depth.failed ?? 0),
    send_calls: sends.length,
    answered_429: sends.filter((c) => c.status === 429).length,
    answered_500: sends.filter((c) => c.status === 500).length,
    retry_after_violations: retryAfterViolations,
    max_per_chat_in_any_1s: Math.max(...perChat.map((p) => p.max1s)),
    max_per_chat_in_any_10s: Math.max(...perChat.map((p) => p.max10s)),
    sustained_per_chat_per_s: Number(Math.max(...perChat.map((p) => p.sustainedPerS)).toFixed(3)),
    enqueue_ms: enqueueMs,
    drain_ms: drainMs,
    latency_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) ?? null },
  };
}
