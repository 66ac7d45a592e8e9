import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutbox } from '../../src/alerts/outbox';
import { closeDb, openDb } from '../../src/db/client';
import { systemClock } from '../../src/shared/clock';
import { runWith } from '../support/alert-fixtures';
import { testConfig } from '../support/config';
import { fakeChannel } from '../support/fake-delivery-channel';
import { alertService, outboxWorker } from '../support/delivery';
import { tempDb } from '../support/temp-db';
import { createRepos } from '../../src/db/repos';

// The restart test with a real crash: 50 alerts queued, a worker process SIGKILLed mid-delivery, a
// new worker on the same file. Every alert arrives; at most the one in flight arrives twice.

const CHILD = resolve(import.meta.dirname, '../support/outbox-child.ts');
const ROOT = resolve(import.meta.dirname, '../..');
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const journalIds = (path: string) =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).map(Number) : [];

describe('outbox after a SIGKILL', () => {
  it('delivers every one of 50 alerts after the worker process is killed mid-delivery, repeating at most one', async () => {
    const t = tempDb();
    cleanups.push(() => t.cleanup());
    const config = testConfig((c) => {
      c.alerting.channels.telegram.chat_ids = ['111'];
      c.alerting.delivery.per_chat_per_second = 100;
      c.alerting.daily_budget.squeeze_alerts = 50; // 50 alerts in one run: a budget that lets them all out
    });
    const outbox = createOutbox({ repos: createRepos(t.db), clock: systemClock });
    const alerts = alertService(createRepos(t.db), config, systemClock, outbox);
    const symbols = Array.from({ length: 50 }, (_, i) => `K${String(i).padStart(2, '0')}`);
    alerts.fromRun(
      runWith(
        '2021-01-27',
        symbols.map((s) => [s, 'high'] as [string, 'high']),
      ),
    );
    const ids = outbox.after(0).map((r) => r.id);
    expect(ids).toHaveLength(50);
    closeDb(t.db);

    const journal = join(t.dir, 'journal.txt');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, t.path, journal], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    cleanups.push(() => void child.kill('SIGKILL'));
    await vi.waitFor(() => expect(journalIds(journal).length, stderr).toBeGreaterThanOrEqual(15), {
      timeout: 25_000,
      interval: 2,
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = journalIds(journal);
    expect(before.length).toBeLessThan(50);

    const db = openDb(t.path);
    cleanups.push(() => closeDb(db));
    const channel = fakeChannel(systemClock);
    // the killed process's in-flight row is taken back once it is a second old (the default waits 120 s)
    const { outbox: outbox2, worker } = outboxWorker(createRepos(db), config, systemClock, {
      channels: [channel],
      staleSendingMs: 1_000,
    });
    cleanups.push(() => worker.stop());
    worker.start();
    expect(await worker.waitIdle(30_000)).toBe(true);

    const all = [...before, ...channel.sent.map((s) => s.outboxId)];
    expect(new Set(all)).toEqual(new Set(ids));
    expect(all.length - new Set(all).size).toBeLessThanOrEqual(1);
    expect(outbox2.depth()).toMatchObject({ sent: 50, sending: 0, queued: 0 });
  }, 90_000);
});
