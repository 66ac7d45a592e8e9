import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryWorker } from '../../src/alerts/delivery-worker';
import type { Outbox } from '../../src/alerts/outbox';
import { createAlertPrefsRepo } from '../../src/db/repos/alert-prefs.repo';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { fakeChannel, type Answer } from '../support/fake-delivery-channel';
import { outboxWorker } from '../support/delivery';
import { tempDb } from '../support/temp-db';
import { createRepos } from '../../src/db/repos';

const T0 = '2021-01-27T15:00:00.000Z';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(script?: (m: { target: string }, call: number) => Answer, options: { emergencyEnv?: boolean } = {}) {
  const t = tempDb();
  const clock = fakeClock(T0);
  const config = testConfig();
  const channel = fakeChannel(clock, script);
  const onPermanent = vi.fn();
  const { outbox, worker } = outboxWorker(createRepos(t.db), config, clock, {
    channels: [channel],
    onPermanent,
    emergencyEnv: options.emergencyEnv,
  });
  cleanups.push(
    () => t.cleanup(),
    () => worker.stop({ waitInFlight: false }),
  );
  return { ...t, clock, config, outbox, channel, worker, onPermanent };
}

function queue(outbox: Outbox, target: string, n: number): number[] {
  return Array.from({ length: n }, (_, i) => outbox.enqueue({ channel: 'telegram', target, html: `message ${i + 1}` }));
}

async function drain(worker: DeliveryWorker, ms = 10 * 60_000): Promise<void> {
  worker.start();
  expect(await worker.waitIdle(ms)).toBe(true);
}

describe('delivery worker', () => {
  it('paces one private chat to about one message a second after a small burst', async () => {
    const { outbox, channel, worker, config } = setup();
    queue(outbox, '111', 12);
    await drain(worker);
    expect(channel.sent).toHaveLength(12);
    const times = channel.sent.map((s) => s.at);
    const burst = config.alerting.delivery.per_chat_burst;
    // after the burst, each message waits for a fresh token: about 1 s apart (the fake clock also moves
    // while waitIdle naps, so a send is stamped up to a few tens of ms after its token was taken)
    for (let i = burst + 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(900);
    // sustained: 12 messages with a burst of 3 take at least 9 s
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((12 - burst) * 1000 - 1);
    expect(channel.sent.map((s) => s.message.html)).toEqual(Array.from({ length: 12 }, (_, i) => `message ${i + 1}`));
  });

  it('keeps a group chat to 20 messages a minute', async () => {
    const { outbox, channel, worker } = setup();
    queue(outbox, '-100200', 25);
    await drain(worker);
    const times = channel.sent.map((s) => s.at);
    expect(times).toHaveLength(25);
    for (let i = 0; i + 20 < times.length; i++) expect(times[i + 20]! - times[i]!).toBeGreaterThanOrEqual(59_900);
  });

  it('waits retry_after on a 429 and delivers everything once, in the order written', async () => {
    const { outbox, channel, worker, db } = setup((_m, call) =>
      call === 2 ? { kind: 'rate_limited', retryAfterMs: 7_000 } : 'ok',
    );
    const ids = queue(outbox, '111', 5);
    await drain(worker);
    expect(channel.sent.map((s) => s.outboxId)).toEqual(ids);
    const limited = channel.calls[2]!;
    const after = channel.calls.filter((c) => c.at > limited.at && c.target === '111');
    expect(after[0]!.at - limited.at).toBeGreaterThanOrEqual(7_000);
    const row = db.$client
      .prepare('SELECT attempts, status, external_message_id FROM outbox WHERE id = ?')
      .get(limited.outboxId) as Record<string, unknown>;
    expect(row).toMatchObject({ attempts: 1, status: 'sent' });
    expect(row.external_message_id).toBeTruthy();
  });

  it('retries a 5xx with backoff and records the attempts', async () => {
    const { outbox, channel, worker } = setup((_m, call) => (call < 2 ? { kind: 'transient' } : 'ok'));
    const [id] = queue(outbox, '111', 1);
    await drain(worker);
    expect(channel.calls).toHaveLength(3);
    expect(channel.calls[1]!.at - channel.calls[0]!.at).toBeGreaterThanOrEqual(2_000);
    expect(channel.calls[2]!.at - channel.calls[1]!.at).toBeGreaterThanOrEqual(4_000);
    expect(outbox.get(id!)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it("keeps a chat's order when its oldest message is retried after a 5xx, while other chats go on", async () => {
    const { outbox, channel, worker } = setup((m, call) =>
      call === 0 && m.target === '111' ? { kind: 'transient' } : 'ok',
    );
    const a = queue(outbox, '111', 3);
    const b = queue(outbox, '222', 2);
    await drain(worker);
    expect(channel.sent.filter((s) => s.target === '111').map((s) => s.outboxId)).toEqual(a);
    expect(channel.sent.filter((s) => s.target === '222').map((s) => s.outboxId)).toEqual(b);
    // chat 222 was not held up by 111's retry
    const firstOf222 = channel.sent.find((s) => s.target === '222')!.at;
    const secondTryOf111 = channel.calls.filter((c) => c.outboxId === a[0])[1]!.at;
    expect(firstOf222).toBeLessThan(secondTryOf111);
  });

  it('makes a dead letter after max_attempts transient failures', async () => {
    const { outbox, worker, config } = setup(() => ({ kind: 'transient' }));
    const [id] = queue(outbox, '111', 1);
    await drain(worker, 3_600_000);
    expect(outbox.get(id!)).toMatchObject({ status: 'dead', attempts: config.alerting.delivery.max_attempts });
    expect(outbox.deadLetters().map((r) => r.id)).toEqual([id]);
  });

  it('stops a target that answers 403, warns once, and still serves the other chats', async () => {
    const { outbox, channel, worker, onPermanent } = setup((m) => (m.target === '666' ? { kind: 'permanent' } : 'ok'));
    queue(outbox, '666', 3);
    queue(outbox, '111', 3);
    await drain(worker);
    expect(channel.calls.filter((c) => c.target === '666')).toHaveLength(1);
    expect(channel.sent.filter((c) => c.target === '111')).toHaveLength(3);
    expect(onPermanent).toHaveBeenCalledTimes(1);
    expect(onPermanent.mock.calls[0]![0]).toMatchObject({ channel: 'telegram', target: '666', dropped: 2 });
    expect(outbox.depth()).toMatchObject({ sent: 3, failed: 1, dead: 2, queued: 0 });
  });

  it('holds every message while the emergency switch is off, and delivers them when it is back on', async () => {
    const { outbox, channel, worker, db, clock } = setup();
    const prefs = createAlertPrefsRepo(db);
    queue(outbox, '111', 20);
    worker.start();
    await vi.waitFor(() => expect(channel.sent.length).toBeGreaterThanOrEqual(5), { timeout: 20_000, interval: 5 });
    prefs.setFlag('emergency_disable', true, 'admin', clock.now().toISOString());
    const switchedAt = clock.now().getTime();
    expect(await worker.waitIdle(1_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    const during = channel.sent.length;
    expect(channel.sent.filter((s) => s.at > switchedAt + 5_000)).toHaveLength(0);
    expect(outbox.depth().queued).toBe(20 - during);
    expect(during).toBeLessThan(20);

    prefs.setFlag('emergency_disable', false, 'admin', clock.now().toISOString());
    expect(await worker.waitIdle(10 * 60_000)).toBe(true);
    expect(channel.sent).toHaveLength(20);
  });

  it('keeps a message held for quiet hours until the window ends, then delivers it', async () => {
    const { outbox, channel, worker, clock } = setup();
    const until = new Date(clock.now().getTime() + 60_000);
    const id = outbox.enqueue({ channel: 'telegram', target: '111', html: 'after the quiet window', holdUntil: until });
    expect(outbox.get(id)).toMatchObject({ status: 'held' });
    expect(outbox.depth().held).toBe(1);
    worker.start();
    await vi.waitFor(() => expect(channel.sent).toHaveLength(1), { timeout: 20_000, interval: 5 });
    expect(channel.sent[0]!.at).toBeGreaterThanOrEqual(until.getTime());
    expect(outbox.get(id)).toMatchObject({ status: 'sent' });
  });

  it('delivers nothing with SQUEEZEBOT_EMERGENCY_DISABLE=1', async () => {
    const { outbox, channel, worker } = setup(undefined, { emergencyEnv: true });
    queue(outbox, '111', 3);
    worker.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(channel.calls).toHaveLength(0);
    expect(worker.emergency()).toMatchObject({ disabled: true, source: 'env' });
    expect(outbox.depth().queued).toBe(3);
  });
});
