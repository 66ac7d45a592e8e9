import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main';
import { createOutbox } from '../../src/alerts/outbox';
import { createRepos } from '../../src/db/repos';
import { createUserPrefsRepo } from '../../src/db/repos/user-prefs.repo';
import { resolvePrefs } from '../../src/chat/user-prefs';
import { closeDb, openDb } from '../../src/db/client';
import { fakeClock } from '../../src/shared/clock';
import { runWith } from '../support/alert-fixtures';
import { testConfig } from '../support/config';
import { alertService } from '../support/delivery';
import { tempDb } from '../support/temp-db';

// Each user's own settings (issue 15): stored in user_prefs (migration 0010), read with defaults, and
// obeyed by the alert fan-out for that user's private chat (its id is the user's).

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

describe('user_prefs repo', () => {
  it('stores, merges and reads back settings across a reopen of the file', () => {
    const t = tempDb();
    cleanups.push(() => t.cleanup());
    const repo = createUserPrefsRepo(t.db);
    expect(repo.get('42')).toBeUndefined();
    repo.set('42', { timeZone: 'Europe/Berlin', notify: { dip: 'off' } }, '42', '2021-01-27T10:00:00.000Z');
    repo.set('42', { chartRange: '6m', digest: false, notify: { high: 'silent' } }, '42', '2021-01-27T11:00:00.000Z');
    closeDb(t.db);

    const db = openDb(t.path);
    cleanups.push(() => closeDb(db));
    const row = createUserPrefsRepo(db).get('42');
    expect(row).toEqual({
      userId: '42',
      timeZone: 'Europe/Berlin',
      chartRange: '6m',
      digest: false,
      notify: { dip: 'off', high: 'silent' },
      updatedAt: '2021-01-27T11:00:00.000Z',
      updatedBy: '42',
    });
    expect(resolvePrefs(row, 'America/New_York')).toMatchObject({
      timeZone: 'Europe/Berlin',
      chartRange: '6m',
      digest: false,
      notify: { high: 'silent', medium: 'on', low: 'on', dip: 'off', borrow: 'on', system: 'on' },
    });
  });

  it('fills in the defaults for a user who never chose: app.timezone, 3m, digest off (opt-in), every kind on', () => {
    expect(resolvePrefs(undefined, 'America/New_York')).toEqual({
      timeZone: 'America/New_York',
      chartRange: '3m',
      digest: false,
      notify: { high: 'on', medium: 'on', low: 'on', dip: 'on', borrow: 'on', system: 'on' },
    });
  });
});

function engine() {
  const t = tempDb();
  cleanups.push(() => t.cleanup());
  const clock = fakeClock('2021-01-28T00:00:00.000Z'); // 19:00 in New York on the 27th, 01:00 in Berlin on the 28th
  const config = testConfig((c) => {
    c.app.timezone = 'America/New_York';
    c.alerting.channels.telegram.chat_ids = ['111', '222', '-100500'];
  });
  const repos = createRepos(t.db);
  const outbox = createOutbox({ repos, clock });
  const alerts = alertService(repos, config, clock, outbox, { emailAvailable: false });
  const chatRows = () => outbox.after(0).filter((r) => r.channel === 'telegram');
  const at = '2021-01-27T12:00:00.000Z';
  return { repos, alerts, chatRows, at };
}

describe('alert fan-out by the user settings', () => {
  it("skips a private chat whose user turned the kind off, and sends silently where it is 'silent'", () => {
    const { repos, alerts, chatRows, at } = engine();
    repos.userPrefs.set('111', { notify: { high: 'off' } }, '111', at);
    repos.userPrefs.set('222', { notify: { high: 'silent', medium: 'off' } }, '222', at);
    alerts.fromRun(runWith('2021-01-27', [['GME', 'high']]));
    const high = chatRows();
    expect(high.map((r) => r.target).sort()).toEqual(['-100500', '222']);
    expect(high.find((r) => r.target === '222')!.payload).toMatchObject({ silent: true });
    expect(high.find((r) => r.target === '-100500')!.payload).toMatchObject({ silent: false });

    // the same users get a medium alert by their medium levels: 111 with sound, 222 not at all
    alerts.fromRun(runWith('2021-01-27', [['AMC', 'medium', 0.65]]));
    const medium = chatRows().filter((r) => !high.some((h) => h.id === r.id));
    expect(medium.map((r) => [r.target, r.payload.silent]).sort()).toEqual([
      ['-100500', false],
      ['111', false],
    ]);
  });

  it('lets an emergency through to a user who turned system alerts off', () => {
    const { repos, alerts, chatRows, at } = engine();
    repos.userPrefs.set('111', { notify: { system: 'off' } }, '111', at);
    alerts.system('warning', 'Disk filling', 'The store is 90% full.');
    expect(
      chatRows()
        .map((r) => r.target)
        .sort(),
    ).toEqual(['-100500', '222']);
    alerts.system('emergency', 'Disk full', 'The store is full.');
    const emergency = chatRows().filter((r) => String(r.payload.html).includes('Disk full'));
    expect(emergency.map((r) => r.target).sort()).toEqual(['-100500', '111', '222']);
  });

  it("shows a system alert's time in New York for a group and in Berlin for a Berlin user", () => {
    const { repos, alerts, chatRows, at } = engine();
    repos.userPrefs.set('111', { timeZone: 'Europe/Berlin' }, '111', at);
    const alert = alerts.system('warning', 'Run failed', 'The evening run failed.')!;
    const html = (target: string) => String(chatRows().find((r) => r.target === target)!.payload.html);
    expect(html('111')).toContain('2021-01-28 01:00 CET');
    expect(html('-100500')).toContain('2021-01-27 19:00 EST');
    expect(html('222')).toContain('2021-01-27 19:00 EST');
    // the stored body (the email and /alerts read it) is on the market's clock
    expect(alert.body).toContain('2021-01-27 19:00 EST');
  });
});

describe('the daily digest in chat', () => {
  it('goes to the chats that turned it on, as the daily report text, beside email or without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'squeezebot-digest-chat-'));
    const app = createApp({
      dbPath: join(dir, 'd.db'),
      env: { TELEGRAM_ADMIN_IDS: '111', TELEGRAM_BOT_TOKEN: '1:test' },
      clock: fakeClock('2021-01-28T01:00:00Z'),
      logLevel: 'silent',
    });
    cleanups.push(() => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const at = '2021-01-28T01:00:00Z';
    app.chat.services.users.setRole('222', 'viewer', '111');
    app.chat.services.users.setRole('333', 'trader', '111');
    // nobody asked yet: no email set up, no chat opted in → nothing queued
    expect(await app.alerting.digest.send()).toEqual([]);
    app.repos.userPrefs.set('111', { digest: true }, '111', at);
    app.repos.userPrefs.set('222', { digest: true }, '222', at);
    app.repos.userPrefs.set('333', { digest: false }, '333', at);
    const ids = await app.alerting.digest.send();
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const rows = app.db.$client
      .prepare("SELECT channel, target, payload FROM outbox WHERE channel = 'telegram' ORDER BY id")
      .all() as { channel: string; target: string; payload: string }[];
    expect([...new Set(rows.map((r) => r.target))].sort()).toEqual(['111', '222']);
    expect((JSON.parse(rows[0]!.payload) as { html: string }).html).toContain('Daily report');
  });
});
