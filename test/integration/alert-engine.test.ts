import { widePhoneLines } from '../../src/present/phone-width';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/alerts/outbox';
import type { Config } from '../../src/config/schema';
import { closeDb, openDb, type Db } from '../../src/db/client';
import { createPipelineRunsRepo } from '../../src/db/repos/pipeline-runs.repo';
import { fakeClock } from '../../src/shared/clock';
import type { BorrowMetrics } from '../../src/signals/metric-types';
import { runRecord, runWith } from '../support/alert-fixtures';
import { testConfig } from '../support/config';
import { alertService } from '../support/delivery';
import { tempDb } from '../support/temp-db';
import { createRepos } from '../../src/db/repos';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function engine(options: { db?: Db; at?: string; config?: (c: Config) => void; email?: boolean } = {}) {
  const t = options.db ? null : tempDb();
  if (t) cleanups.push(() => t.cleanup());
  const db = options.db ?? t!.db;
  const clock = fakeClock(options.at ?? '2021-01-13T23:00:00.000Z');
  const config = testConfig((c) => {
    c.alerting.channels.telegram.chat_ids = ['111', '-100222'];
    c.alerting.channels.email.enabled = true;
    c.alerting.channels.email.recipients = ['desk@example.com'];
    options.config?.(c);
  });
  const outbox = createOutbox({ repos: createRepos(db), clock });
  const alerts = alertService(createRepos(db), config, clock, outbox, { emailAvailable: options.email ?? true });
  const rows = () => outbox.after(0);
  return { db, path: t?.path, clock, config, outbox, alerts, rows };
}

const targets = (rows: { channel: string; target: string }[]) => rows.map((r) => `${r.channel}:${r.target}`).sort();

describe('alert engine', () => {
  it('does not alert GME twice inside the 7-day high cooldown, even from a new process on the same db file', () => {
    const first = engine();
    expect(first.alerts.fromRun(runWith('2021-01-13', [['GME', 'high']])).created).toHaveLength(1);
    const queued = first.rows().length;
    closeDb(first.db);

    const db = openDb(first.path!);
    cleanups.push(() => closeDb(db));
    const second = engine({ db, at: '2021-01-15T23:00:00.000Z' });
    const out = second.alerts.fromRun(runWith('2021-01-15', [['GME', 'high']]));
    expect(out.created).toHaveLength(0);
    expect(out.suppressed).toEqual([{ symbol: 'GME', level: 'high', until: '2021-01-20' }]);
    expect(second.rows()).toHaveLength(queued);
    expect(second.alerts.fromRun(runWith('2021-01-20', [['GME', 'high']])).created).toHaveLength(1);
  });

  it('lets a rise from medium to high through inside the medium cooldown', () => {
    const { alerts } = engine();
    expect(alerts.fromRun(runWith('2021-01-13', [['AMC', 'medium', 0.65]])).created).toHaveLength(1);
    expect(alerts.fromRun(runWith('2021-01-14', [['AMC', 'medium', 0.66]])).created).toHaveLength(0);
    const up = alerts.fromRun(runWith('2021-01-15', [['AMC', 'high', 0.82]])).created;
    expect(up.map((a) => a.severity)).toEqual(['high']);
    expect(up[0]!.body).toContain('(escalated from a lower level)');
  });

  it('routes squeeze alerts to the chats, high ones also to email, system warnings to chats and criticals also to email', () => {
    const { alerts, rows } = engine();
    const [high] = alerts.fromRun(runWith('2021-01-13', [['GME', 'high']])).created;
    const [low] = alerts.fromRun(runWith('2021-01-13', [['KOSS', 'low', 0.45]])).created;
    const warn = alerts.system('warning', 'Short-volume file late', 'FINRA has not posted today’s file yet.');
    const crit = alerts.system('critical', 'Database full', 'Disk is full.');
    const info = alerts.system('info', 'Digest sent', 'ok');
    const of = (id: number) => targets(rows().filter((r) => r.alertId === id));
    expect(of(high!.id)).toEqual(['email:desk@example.com', 'telegram:-100222', 'telegram:111']);
    expect(of(low!.id)).toEqual(['telegram:-100222', 'telegram:111']);
    expect(of(warn!.id)).toEqual(['telegram:-100222', 'telegram:111']);
    expect(of(crit!.id)).toEqual(['email:desk@example.com', 'telegram:-100222', 'telegram:111']);
    expect(of(info!.id)).toEqual([]);
  });

  it('sends no email when SMTP is not configured, and honours /email off', () => {
    const noSmtp = engine({ email: false });
    noSmtp.alerts.fromRun(runWith('2021-01-13', [['GME', 'high']]));
    expect(targets(noSmtp.rows())).toEqual(['telegram:-100222', 'telegram:111']);
    const off = engine();
    off.alerts.setEmail(false, 'admin');
    off.alerts.fromRun(runWith('2021-01-13', [['GME', 'high']]));
    expect(targets(off.rows())).toEqual(['telegram:-100222', 'telegram:111']);
  });

  it('puts Acknowledge, Mute 1d, Chart and feedback buttons under a squeeze alert, each within 64 bytes', () => {
    const { alerts, rows } = engine();
    const [a] = alerts.fromRun(runWith('2021-01-13', [['BRK/B', 'high']])).created;
    const msg = rows().find((r) => r.channel === 'telegram')!.payload as {
      buttons: { data: string }[][];
      html: string;
    };
    const data = msg.buttons.flat().map((b) => b.data);
    expect(data).toEqual([`ack:${a!.id}`, 'mute:BRK/B:1d', 'chart:BRK/B', `fb:${a!.id}:1`, `fb:${a!.id}:0`]);
    for (const d of data) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64);
    expect(msg.html).toContain('<b>BRK/B</b> — HIGH squeeze set-up');
    expect(msg.html).toMatch(/Score <b>0\.85<\/b>[^\n]*\nfuel 0\.90 · trigger 0\.70/);
    expect(widePhoneLines(msg.html)).toEqual([]);
    expect(msg.html.replace(/\s+/g, ' ')).toContain('short interest (% of float) +0.38');
    // the stored note keeps its machine key; the alert says it in words
    expect(msg.html).toContain('sentiment not checked');
    expect(msg.html).not.toContain('min_sentiment');
  });

  it('skips a chat that muted the symbol, or muted everything, until the mute expires', () => {
    const { alerts, rows, clock } = engine();
    const user = { id: '7', name: 'ann' };
    alerts.mute('111', 'GME', 86_400_000, user);
    alerts.mute('-100222', '*', 2 * 86_400_000, user);
    const [gme] = alerts.fromRun(runWith('2021-01-13', [['GME', 'high']])).created;
    const [amc] = alerts.fromRun(runWith('2021-01-13', [['AMC', 'low', 0.45]])).created;
    expect(targets(rows().filter((r) => r.alertId === gme!.id))).toEqual(['email:desk@example.com']);
    expect(targets(rows().filter((r) => r.alertId === amc!.id))).toEqual(['telegram:111']);
    const sys = alerts.system('warning', 'FINRA late', 'late');
    expect(targets(rows().filter((r) => r.alertId === sys!.id))).toEqual(['telegram:-100222', 'telegram:111']);

    clock.advance(3 * 86_400_000);
    const [later] = alerts.fromRun(runWith('2021-01-20', [['GME', 'high']])).created;
    expect(targets(rows().filter((r) => r.alertId === later!.id))).toEqual([
      'email:desk@example.com',
      'telegram:-100222',
      'telegram:111',
    ]);
    expect(alerts.unmute('111', 'GME', user)).toBe(true);
  });

  it('sends silently during quiet hours in silent mode', () => {
    const { alerts, rows } = engine({ at: '2021-01-14T03:30:00.000Z' }); // 22:30 in New York
    alerts.setQuiet('111', { start: '22:00', end: '07:00' }, { id: '7', name: 'ann' });
    alerts.fromRun(runWith('2021-01-13', [['GME', 'high']]));
    const byTarget = Object.fromEntries(rows().map((r) => [r.target, r]));
    expect(byTarget['111']).toMatchObject({
      status: 'queued',
      payload: expect.objectContaining({ silent: true }) as unknown,
    });
    expect(byTarget['-100222']!.payload).toMatchObject({ silent: false });
  });

  it('holds alerts until the quiet window ends in hold mode; an emergency goes through at once', () => {
    const { alerts, rows } = engine({
      at: '2021-01-14T03:30:00.000Z',
      config: (c) => void (c.alerting.quiet_hours.mode = 'hold'),
    });
    alerts.setQuiet('111', { start: '22:00', end: '07:00' }, { id: '7', name: 'ann' });
    const [a] = alerts.fromRun(runWith('2021-01-13', [['GME', 'high']])).created;
    const held = rows().find((r) => r.alertId === a!.id && r.target === '111')!;
    expect(held).toMatchObject({ status: 'held', nextAttemptAt: '2021-01-14T12:00:00.000Z' }); // 07:00 New York
    expect(held.payload).toMatchObject({ silent: false });
    const e = alerts.system('emergency', 'Delivery stuck', 'x');
    expect(rows().find((r) => r.alertId === e!.id && r.target === '111')).toMatchObject({ status: 'queued' });
  });

  it('emails an unacknowledged high alert once after escalation.after_minutes, and not an acknowledged one', async () => {
    const { alerts, rows, clock } = engine({
      config: (c) => void (c.alerting.routing.rules = c.alerting.routing.rules.filter((r) => !r.email)),
    });
    const created = alerts.fromRun(
      runWith('2021-01-13', [
        ['GME', 'high'],
        ['AMC', 'high'],
      ]),
    ).created;
    const gme = created.find((a) => a.symbol === 'GME');
    const amc = created.find((a) => a.symbol === 'AMC');
    await alerts.acknowledge(amc!.id, { id: '7', name: 'ann' });
    expect(rows().filter((r) => r.channel === 'email')).toHaveLength(0);
    clock.advance(29 * 60_000);
    expect(alerts.escalateDue()).toBe(0);
    clock.advance(2 * 60_000);
    expect(alerts.escalateDue()).toBe(1);
    expect(alerts.escalateDue()).toBe(0);
    const mail = rows().filter((r) => r.channel === 'email');
    expect(mail.map((r) => r.alertId)).toEqual([gme!.id]);
    expect(mail[0]!.payload).toMatchObject({
      subject: '[squeezebot] Unacknowledged after 30 min: HIGH GME score 0.85',
    });
  });

  it('acknowledging edits every delivered copy to say who and when, once', async () => {
    const { alerts, outbox, clock } = engine();
    const [a] = alerts.fromRun(runWith('2021-01-13', [['GME', 'high']])).created;
    const tg = outbox.after(0).filter((r) => r.channel === 'telegram');
    tg.forEach((r, i) => outbox.repo.markSent(r.id, clock.now().toISOString(), String(500 + i)));
    const edits: { target: string; id: string; html: string }[] = [];
    alerts.registerEditor('telegram', { edit: async (target, id, html) => void edits.push({ target, id, html }) });
    const first = await alerts.acknowledge(a!.id, { id: '7', name: 'ann <desk>' });
    expect(first).toMatchObject({ already: false, alert: { ackedBy: 'ann <desk>' } });
    expect(edits.map((e) => `${e.target}#${e.id}`).sort()).toEqual(['-100222#501', '111#500']);
    expect(edits[0]!.html).toContain('✅ <b>Acknowledged</b> by ann &lt;desk&gt;\nat 2021-01-13 18:00 EST');
    expect(await alerts.acknowledge(a!.id, { id: '8', name: 'bob' })).toMatchObject({
      already: true,
      alert: { ackedBy: 'ann <desk>' },
    });
    expect(edits).toHaveLength(2);
    expect(alerts.feedback(a!.id, true, { id: '7', name: 'ann' })).toMatchObject({ feedback: 1 });
  });

  it('raises one critical system alert when volume filtering found nothing for 3 consecutive runs', () => {
    const { alerts, db, rows } = engine();
    const runs = createPipelineRunsRepo(db);
    // bars current on the newest run's day (bars known only later would not count: issue 13): the data
    // is ruled out, so the thresholds are the suspects
    db.$client
      .prepare(
        `INSERT INTO daily_bars (symbol, date, close, volume, source, published_on) VALUES (?, ?, 10, 1000, 'test', ?)`,
      )
      .run('GME', '2021-01-13', '2021-01-13');
    runs.save(runRecord('2021-01-11', { volumeOut: 0 }));
    runs.save(runRecord('2021-01-12', { volumeOut: 0 }));
    expect(alerts.fromRun(runWith('2021-01-12', [], { volumeOut: 0 })).system).toHaveLength(0);
    const out = alerts.fromRun(runWith('2021-01-13', [], { volumeOut: 0 }));
    expect(out.system).toHaveLength(1);
    expect(out.system[0]).toMatchObject({ severity: 'critical', title: 'Discovery pipeline: no volume candidates' });
    expect(out.system[0]!.body.replace(/\s+/g, ' ')).toContain('no candidates for 3 consecutive runs');
    expect(widePhoneLines(out.system[0]!.body)).toEqual([]);
    expect(out.system[0]!.body.replace(/\s+/g, ' ')).toContain('Check volume spike thresholds — current: 3× minimum');
    expect(targets(rows())).toEqual(['email:desk@example.com', 'telegram:-100222', 'telegram:111']);
    // the next empty run does not repeat it within repeat_suppress_minutes
    expect(alerts.fromRun(runWith('2021-01-14', [], { volumeOut: 0 })).system).toHaveLength(0);
  });

  it('warns the admins once when a chat refuses delivery, never through that chat', () => {
    const { alerts, rows } = engine();
    alerts.onDeliveryRefused({
      channel: 'telegram',
      target: '111',
      error: '403: Forbidden: bot was blocked by the user',
      alertId: null,
      dropped: 2,
    });
    alerts.onDeliveryRefused({
      channel: 'telegram',
      target: '111',
      error: '403: Forbidden',
      alertId: null,
      dropped: 0,
    });
    expect(targets(rows())).toEqual(['telegram:-100222']);
    expect(String(rows()[0]!.payload.html)).toContain('Delivery to telegram 111 stopped');
  });

  it('ignores backtest runs', () => {
    const { alerts } = engine();
    const r = runWith('2021-01-13', [['GME', 'high']]);
    r.run.kind = 'backtest';
    expect(alerts.fromRun(r).created).toHaveLength(0);
  });

  describe('daily squeeze-alert budget', () => {
    it('pushes at most the budget, high first then by score, and holds the rest without starting a cooldown', () => {
      const { alerts } = engine({ config: (c) => (c.alerting.daily_budget.squeeze_alerts = 3) });
      const out = alerts.fromRun(
        runWith('2021-01-13', [
          ['LOW1', 'low', 0.99],
          ['MED1', 'medium', 0.7],
          ['HI1', 'high', 0.81],
          ['HI2', 'high', 0.9],
          ['MED2', 'medium', 0.75],
        ]),
      );
      expect(out.created.map((a) => a.symbol)).toEqual(['HI2', 'HI1', 'MED2']);
      expect(out.held).toEqual([
        { symbol: 'MED1', level: 'medium', score: 0.7 },
        { symbol: 'LOW1', level: 'low', score: 0.99 },
      ]);
      // a rerun the same market day has no budget left; a held name competes again the next day
      expect(alerts.fromRun(runWith('2021-01-13', [['MED1', 'medium', 0.7]])).held).toHaveLength(1);
      expect(alerts.fromRun(runWith('2021-01-14', [['MED1', 'medium', 0.7]])).created).toHaveLength(1);
    });

    it('holds everything with a budget of 0', () => {
      const { alerts, rows } = engine({ config: (c) => (c.alerting.daily_budget.squeeze_alerts = 0) });
      const out = alerts.fromRun(runWith('2021-01-13', [['GME', 'high']]));
      expect(out.created).toEqual([]);
      expect(out.held.map((h) => h.symbol)).toEqual(['GME']);
      expect(rows().filter((r) => r.alertId != null)).toEqual([]);
    });
  });

  describe('borrow alerts', () => {
    const withBorrow = (asOf: string, borrow: Partial<BorrowMetrics>) => {
      const run = runWith(asOf, [['GME', null, 0.5]]);
      run.ranking[0]!.metrics.supply = {
        borrow: {
          takenAt: `${asOf}T20:30:00.000Z`,
          feeRate: 30.38,
          feeChange1d: 1,
          feeChange5d: 3,
          available: 0,
          availableCapped: false,
          availabilityChange5d: -1,
          noSharesAvailable: true,
          availabilityWentToZero: false,
          ...borrow,
        },
        fails: null,
        threshold: null,
        options: null,
      };
      return run;
    };

    it('raises a high borrow alert when availability falls to zero on a ranked name, once per cooldown', () => {
      const { alerts, rows } = engine();
      const first = alerts.fromRun(withBorrow('2021-01-13', { availabilityWentToZero: true }));
      expect(first.created).toEqual([]);
      expect(first.borrow.map((a) => [a.kind, a.severity, a.symbol])).toEqual([['borrow', 'high', 'GME']]);
      expect(first.borrow[0]!.body).toContain('no shares left to borrow');
      expect(first.borrow[0]!.body).toContain('0 shares available, fee 30.38% a year');
      expect(targets(rows().filter((r) => r.alertId === first.borrow[0]!.id))).toEqual([
        'telegram:-100222',
        'telegram:111',
      ]);
      expect(alerts.fromRun(withBorrow('2021-01-14', { availabilityWentToZero: true })).borrow).toEqual([]);
      expect(alerts.fromRun(withBorrow('2021-01-16', { availabilityWentToZero: true })).borrow).toHaveLength(1);
    });

    it('raises a medium one on a fee jump of fee_jump_points, and lets availability-to-zero escalate through', () => {
      const { alerts } = engine();
      const calm = { noSharesAvailable: false, available: 250_000, availabilityChange5d: -0.2 };
      expect(alerts.fromRun(withBorrow('2021-01-13', { ...calm, feeChange1d: 9.9 })).borrow).toEqual([]);
      const jump = alerts.fromRun(withBorrow('2021-01-13', { ...calm, feeChange1d: 12.5 })).borrow;
      expect(jump.map((a) => a.severity)).toEqual(['medium']);
      expect(jump[0]!.title).toBe('GME: borrow fee up 12.5 points in a day: 17.9% → 30.4% a year');
      expect(alerts.fromRun(withBorrow('2021-01-14', { ...calm, feeChange1d: 15 })).borrow).toEqual([]);
      expect(
        alerts.fromRun(withBorrow('2021-01-14', { availabilityWentToZero: true })).borrow.map((a) => a.severity),
      ).toEqual(['high']);
    });
  });
});
