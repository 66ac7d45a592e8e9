import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { oneLine, pressTo, sayConfirmed } from '../support/chat-surface';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { runWith } from '../support/alert-fixtures';
import { startSmtpServer } from '../support/smtp-server';

// The alert commands and buttons through the real chat core and the real app wiring.

let dir: string;
let app: App;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const clock = fakeClock('2021-01-28T01:00:00Z'); // 20:00 New York on 2021-01-27

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

function start(env: NodeJS.ProcessEnv = {}) {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-alert-cmd-'));
  app = createApp({
    dbPath: join(dir, 'chat.db'),
    env: { TELEGRAM_ADMIN_IDS: '1', TELEGRAM_BOT_TOKEN: 'x:y', ...env },
    clock,
    logLevel: 'silent',
    tweak: (l) => void (l.config.alerting.channels.telegram.chat_ids = ['-100500']),
  });
  app.chat.services.users.setRole('5', 'viewer', '1');
  app.chat.services.users.setRole('6', 'trader', '1');
  return app;
}
afterEach(async () => {
  await app.delivery.stop();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

// replies wrap at 36 columns: the checks read their words with the line breaks as spaces
const say = async (text: string, userId = '1', chatId = '-100500') => {
  const said = await sayConfirmed(app, text, { userId, userName: `user${userId}`, chatId, chatType: 'group' });
  return { ...said, text: oneLine(said.text) };
};

async function press(data: string, userId = '6', chatId = '-100500') {
  const { outcome, answers } = await pressTo(app, data, {
    userId,
    userName: `user${userId}`,
    chatId,
    chatType: 'group',
    message: { messageId: 9 },
  });
  return { outcome, answer: answers[0] };
}

describe('alert commands', () => {
  it('lists open alerts, acknowledges one by number and then all, and refuses a viewer', async () => {
    start();
    const [gme, amc] = app.alerts.fromRun(
      runWith('2021-01-27', [
        ['GME', 'high'],
        ['AMC', 'medium', 0.65],
      ]),
    ).created;
    const list = await say('/alerts', '5');
    expect(list.text).toContain(`#${gme!.id} 🔴 <b>GME</b> HIGH 0.85 2021-01-27 20:00 EST · open`);
    expect(list.text).toContain('2 open of 2');
    expect((await say(`/ack ${gme!.id}`, '5')).outcome).toBe('forbidden');
    expect((await say(`/ack ${gme!.id}`, '6')).text).toContain(`Acknowledged alert #${gme!.id}`);
    expect((await say(`/ack #${gme!.id}`, '1')).text).toContain('already acknowledged by user6');
    expect((await say('/ack all', '6')).text).toBe('Acknowledged 1 open alert(s).');
    expect((await say('/alerts')).text).toContain('No open alerts');
    expect((await say('/alerts AMC')).text).toContain(`#${amc!.id} 🟠 <b>AMC</b> MEDIUM`);
    expect((await say('/ack GME')).outcome).toBe('usage');
  });

  it('mutes a ticker in this chat for the given time and unmutes it', async () => {
    start();
    const r = await say('/mute $gme 3d', '6');
    expect(r.text).toContain('<b>GME</b> alerts are muted in this chat for 3 days, until 2021-01-30 20:00 EST');
    expect(app.alerts.fromRun(runWith('2021-01-27', [['GME', 'high']])).created).toHaveLength(1);
    expect(app.outbox.after(0).filter((row) => row.channel === 'telegram')).toHaveLength(0);
    expect((await say('/unmute GME', '6')).text).toBe('Ended the mute on GME.');
    expect((await say('/mute GME 2x', '6')).outcome).toBe('usage');
  });

  it('sets and clears quiet hours for the chat', async () => {
    start();
    expect((await say('/quiet 22:00-07:00', '6')).text).toContain('Quiet hours set: 22:00-07:00 (America/New_York)');
    expect(app.alerts.quiet('-100500')).toEqual({ start: '22:00', end: '07:00' });
    expect((await say('/quiet')).text).toContain('Quiet hours here: 22:00-07:00');
    expect((await say('/quiet 25:00-07:00', '6')).outcome).toBe('usage');
    expect((await say('/quiet off', '6')).text).toBe('Quiet hours are off in this chat.');
  });

  it('acknowledges, mutes and records feedback from the alert buttons', async () => {
    start();
    const [gme] = app.alerts.fromRun(runWith('2021-01-27', [['GME', 'high']])).created;
    expect(await press(`ack:${gme!.id}`)).toEqual({ outcome: 'ok', answer: `Acknowledged #${gme!.id}` });
    expect((await press(`ack:${gme!.id}`, '1')).answer).toMatch(/^Already acknowledged by user6/);
    expect((await press('mute:GME:1d')).answer).toBe('GME muted here for 24 h 0 min (until 2021-01-28 20:00 EST)');
    expect((await press(`fb:${gme!.id}:0`, '5')).answer).toBe('Thanks — noted as not useful');
    expect(app.alerts.get(gme!.id)).toMatchObject({ feedback: 0, ackedBy: 'user6' });
    expect((await press('mute:GME:1d', '5')).outcome).toBe('forbidden');
  });

  it('switches delivery off and on from chat (admin only) and shows it in /status', async () => {
    start();
    expect((await say('/emergency_off', '6')).outcome).toBe('forbidden');
    expect((await say('/emergency_off')).text).toContain('Alert delivery is OFF');
    expect(app.delivery.emergency()).toMatchObject({ disabled: true, source: 'chat', by: 'user1' });
    expect((await say('/status')).text).toContain('Alert delivery is OFF (/emergency_off by user1)');
    expect((await say('/emergency_on')).text).toContain('Alert delivery resumed');
    expect(app.delivery.emergency().disabled).toBe(false);
  });

  it('/emergency_off pauses the jobs that only raise alerts while the scan still runs; /emergency_on resumes them', async () => {
    start();
    const off = (await say('/emergency_off')).text;
    expect(off).toContain('Paused with it: dip_scan and intraday_watch');
    expect((await say('/status')).text).toContain('Paused with it: dip_scan and intraday_watch');
    const last = (job: string) => app.repos.jobRuns.last(job)!;
    await app.scheduling.scheduler.runNow('dip_scan');
    expect(last('dip_scan').status).toBe('skipped');
    expect(last('dip_scan').stats?.note).toBe('paused: alert delivery is OFF (/emergency_off by user1)');
    await app.scheduling.scheduler.runNow('scan');
    expect(last('scan').status).not.toBe('skipped');
    await say('/emergency_on');
    await app.scheduling.scheduler.runNow('dip_scan');
    expect(last('dip_scan').status).toBe('ok');
  });

  it('says email is not configured without SMTP_URL', async () => {
    start();
    expect(app.email).toBeNull();
    expect((await say('/email')).text).toContain('Email is not configured: set SMTP_URL');
    expect((await say('/digest now', '6')).text).toContain('Email is not configured');
  });

  it('turns email on, sends a test and the digest through the outbox to the SMTP server', async () => {
    start({ SMTP_URL: smtp.url, EMAIL_FROM: 'bot@example.com', EMAIL_TO: 'desk@example.com' });
    // SMTP_URL and a recipient configured: email is on without /email on (alerting.channels.email.enabled auto)
    expect((await say('/email')).text).toContain('Email alerts are on. Recipients: desk@example.com');
    await say('/email off');
    expect((await say('/email')).text).toContain('Email alerts are off');
    expect((await say('/email on')).text).toContain('Email alerts turned on. Recipients: desk@example.com');
    expect((await say('/email test')).text).toContain('Queued a test email to desk@example.com');
    expect((await say('/digest now', '6')).text).toBe('Digest queued for desk@example.com.');
    const before = smtp.received.length;
    app.delivery.start();
    await expect.poll(() => smtp.received.length - before, { timeout: 20_000, interval: 50 }).toBe(2);
    const subjects = smtp.received
      .slice(before)
      .map((m) => m.parsed.subject)
      .sort();
    expect(subjects).toEqual([
      '[squeezebot] Daily digest 2021-01-27: 0 candidate(s), 0 alert(s)',
      '[squeezebot] Test email',
    ]);
    expect((await say('/email off')).text).toContain('Email alerts turned off');
  });
});
