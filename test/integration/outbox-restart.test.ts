import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDb, openDb } from '../../src/db/client';
import { fakeClock } from '../../src/shared/clock';
import { runWith } from '../support/alert-fixtures';
import { testConfig } from '../support/config';
import { fakeChannel } from '../support/fake-delivery-channel';
import { alertService, outboxWorker } from '../support/delivery';
import { tempDb } from '../support/temp-db';
import { createRepos } from '../../src/db/repos';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('outbox across a restart', () => {
  it('delivers all 50 alerts after the process stops mid-delivery, repeating at most the one in flight', async () => {
    const t = tempDb();
    cleanups.push(() => t.cleanup());
    const config = testConfig((c) => {
      c.alerting.channels.telegram.chat_ids = ['111'];
      c.alerting.daily_budget.squeeze_alerts = 50; // 50 alerts in one run: a budget that lets them all out
    });
    const clock = fakeClock('2021-01-27T23:00:00.000Z');
    const symbols = Array.from({ length: 50 }, (_, i) => `S${String(i).padStart(2, '0')}`);

    // first process: raise 50 alerts, deliver until the 21st send hangs (the crash comes after the channel took it)
    const ch1 = fakeChannel(clock, (_m, call) => (call === 20 ? 'hang' : 'ok'));
    const { outbox: outbox1, worker: w1 } = outboxWorker(createRepos(t.db), config, clock, { channels: [ch1] });
    const alerts = alertService(createRepos(t.db), config, clock, outbox1);
    expect(
      alerts.fromRun(
        runWith(
          '2021-01-27',
          symbols.map((s) => [s, 'high'] as [string, 'high']),
        ),
      ).created,
    ).toHaveLength(50);
    w1.start();
    await vi.waitFor(() => expect(ch1.calls).toHaveLength(21), { timeout: 20_000, interval: 5 });
    await w1.stop({ waitInFlight: false });
    expect(outbox1.depth()).toMatchObject({ sent: 20, sending: 1, queued: 29 });
    closeDb(t.db);

    // second process on the same file
    const db2 = openDb(t.path);
    cleanups.push(() => closeDb(db2));
    const ch2 = fakeChannel(clock);
    const { outbox: outbox2, worker: w2 } = outboxWorker(createRepos(db2), config, clock, { channels: [ch2] });
    cleanups.push(() => w2.stop());
    w2.start();
    expect(await w2.waitIdle(10 * 60_000)).toBe(true);

    const delivered = [...ch1.sent, ...ch2.sent].map((s) => s.message.html.match(/<b>(S\d\d)<\/b>/)![1]!);
    expect(new Set(delivered)).toEqual(new Set(symbols));
    const repeats = delivered.length - new Set(delivered).size;
    expect(repeats).toBe(1);
    // the row left 'sending' waits until it is staleSendingMs (120 s) old: a live process might still own it
    const hung = ch1.calls[20]!;
    const again = ch2.sent.find((s) => s.outboxId === hung.outboxId)!;
    expect(again.at - hung.at).toBeGreaterThanOrEqual(120_000);
    // the copy says it may be one; the first attempt did not
    expect(again.message.html).toMatch(/^<i>\(re-sent after a restart; you may have this already\)<\/i>\n/);
    expect(hung.message.html).not.toMatch(/re-sent/);
    expect(outbox2.depth()).toMatchObject({ sent: 50, sending: 0, queued: 0 });
  });

  it('leaves alone what another live process is sending right now', async () => {
    const t = tempDb();
    cleanups.push(() => t.cleanup());
    const config = testConfig();
    const clock = fakeClock('2021-01-27T23:00:00.000Z');
    const slow = fakeChannel(clock, () => 'hang');
    const { outbox: outbox1, worker: w1 } = outboxWorker(createRepos(t.db), config, clock, { channels: [slow] });
    const [id] = [outbox1.enqueue({ channel: 'telegram', target: '111', html: 'slow one' })];
    cleanups.push(() => w1.stop({ waitInFlight: false }));
    w1.start();
    await vi.waitFor(() => expect(slow.calls).toHaveLength(1), { timeout: 10_000, interval: 5 });

    // a one-shot `squeezebot chat` starts its own worker on the same file while the bot is mid-send
    const db2 = openDb(t.path);
    cleanups.push(() => closeDb(db2));
    const other = fakeChannel(clock);
    // its clock stands still (the first send started just now), napping in real time
    const frozen = clock.now();
    const still = {
      now: () => frozen,
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 20))),
    };
    const { outbox: outbox2, worker: w2 } = outboxWorker(createRepos(db2), config, clock, {
      clock: still,
      channels: [other],
    });
    cleanups.push(() => w2.stop());
    w2.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(other.calls).toHaveLength(0);
    expect(outbox2.get(id)).toMatchObject({ status: 'sending' });
  });
});
