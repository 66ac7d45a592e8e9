import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutbox } from '../../src/alerts/outbox';
import { closeDb, openDb } from '../../src/db/client';
import { createRepos } from '../../src/db/repos';
import { createTelegramClient, createTelegramSender } from '../../src/notify/telegram-sender';
import { createTelegramChannel } from '../../src/notify/telegram.channel';
import { systemClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { outboxWorker } from '../support/delivery';
import { startFakeTelegram } from '../support/fake-telegram-server';
import { testLogger } from '../support/logger';
import { tempDb } from '../support/temp-db';

// The in-flight message at a crash, through the real Telegram channel and a fake Bot API: a worker
// process is SIGKILLed after Telegram accepted a sendMessage and before the process heard the answer
// (the fake holds the answer back), so the row is left 'sending'. A new worker on the same file takes
// it back at once (the claimer is gone from this host; no 120 s wait) and sends it once more with a
// note. Nothing is lost, the one duplicate is the in-flight message and it says what it is.

const CHILD = resolve(import.meta.dirname, '../support/outbox-telegram-child.ts');
const ROOT = resolve(import.meta.dirname, '../..');
const CHAT = '4242';
const NOTE = '(re-sent after a restart; you may have this already)';
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('telegram delivery after a SIGKILL mid-send', () => {
  it('loses none of 20 messages, repeats only the one in flight, once, marked, without waiting 120 s', async () => {
    const fake = await startFakeTelegram();
    cleanups.push(() => fake.close());
    const t = tempDb();
    cleanups.push(() => t.cleanup());
    const outbox = createOutbox({ repos: createRepos(t.db), clock: systemClock });
    const texts = Array.from({ length: 20 }, (_, i) => `message ${String(i).padStart(2, '0')}`);
    for (const html of texts) outbox.enqueue({ channel: 'telegram', target: CHAT, html });
    closeDb(t.db);

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, t.path, fake.apiRoot, fake.token], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    cleanups.push(() => void child.kill('SIGKILL'));
    await vi.waitFor(() => expect(fake.delivered(CHAT).length, stderr).toBeGreaterThanOrEqual(6), {
      timeout: 30_000,
      interval: 2,
    });
    // Telegram takes the next message; the worker never hears so
    const release = fake.holdAnswers(['sendMessage']);
    const held = fake.calls.length;
    const accepted = await fake.waitFor((c) => c.seq > held && c.method === 'sendMessage' && c.status === 200);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    release();
    const inFlight = String(accepted.params.text);
    const before = fake.delivered(CHAT).length;
    expect(before).toBeLessThan(20);

    const db = openDb(t.path);
    cleanups.push(() => closeDb(db));
    const logger = testLogger();
    const sender = createTelegramSender({
      telegram: createTelegramClient({ token: fake.token, apiRoot: fake.apiRoot }),
      logger,
    });
    const config = testConfig((c) => {
      c.alerting.delivery.per_chat_per_second = 100;
    });
    // the default staleSendingMs (120 s): the taking back must not depend on the row's age
    const { outbox: outbox2, worker } = outboxWorker(createRepos(db), config, systemClock, {
      logger,
      channels: [createTelegramChannel({ sender, logger })],
    });
    cleanups.push(() => worker.stop());
    const t0 = Date.now();
    worker.start();
    expect(await worker.waitIdle(20_000)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(20_000);

    const got = fake.delivered(CHAT).map((m) => ('text' in m ? m.text : ''));
    const plain = got.map((x) => x.replace(`${NOTE}\n`, ''));
    // 0 lost, in order of first arrival
    expect([...new Set(plain)]).toEqual(texts);
    // ≤ 1 duplicate: exactly the message in flight at the kill, and its copy carries the note
    expect(plain.length - new Set(plain).size).toBe(1);
    const marked = got.filter((x) => x.startsWith(NOTE));
    expect(marked).toEqual([`${NOTE}\n${inFlight}`]);
    expect(got.filter((x) => x === inFlight)).toHaveLength(1);
    expect(outbox2.depth()).toMatchObject({ sent: 20, sending: 0, queued: 0, dead: 0 });
  }, 90_000);
});
