import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { squeezeAlertHtml } from '../../src/alerts/alert-message';
import { fitsPhone, visibleWidth, widePhoneLines } from '../../src/present/phone-width';
import { metrics, runWith } from '../support/alert-fixtures';
import { buttonData, pressTo, sayConfirmed, sayTo } from '../support/chat-surface';

// The alerts, portfolio and admin replies as a phone shows them: every line within 36 columns
// (tags stripped, entities decoded, an emoji two columns), and the buttons that save typing — Ack
// under open alerts, a pager edited in place, Refresh, ticker buttons, the Live/Backtest toggle.

let dir: string;
let app: App;
const clock = fakeClock('2021-01-28T01:00:00Z');
const ADMIN = { userId: '1', userName: 'ann', chatType: 'private' as const };
const say = (text: string) => sayTo(app, text, ADMIN);
const flatButtons = (b: { text: string; data: string }[][][]) => b.flat(2).map((x) => x.data);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-phone-'));
  app = createApp({
    dbPath: join(dir, 'p.db'),
    env: { TELEGRAM_ADMIN_IDS: '1' },
    clock,
    logLevel: 'silent',
    // every one of the ten pushed, so that the list runs over a page
    tweak: (l) => void (l.config.alerting.daily_budget.squeeze_alerts = 20),
  });
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Ten squeeze alerts on one evening: more than one page of eight. */
function tenAlerts() {
  const syms = ['GME', 'AMC', 'KOSS', 'NAKD', 'BB', 'EXPR', 'NOK', 'BBBY', 'SNDL', 'TRVG'];
  return app.alerts.fromRun(
    runWith(
      '2021-01-27',
      syms.map((s, i) => [s, i % 3 === 0 ? 'high' : i % 3 === 1 ? 'medium' : 'low', 0.9 - i * 0.01]),
    ),
  ).created;
}

function writeBars(symbol: string, closes: number[], end = '2021-01-27') {
  const dates = tradingDaysBetween(addTradingDays(end, -(closes.length - 1)), end);
  const insert = app.db.$client.prepare(
    `INSERT INTO daily_bars (symbol, date, open, high, low, close, volume, source, published_on) VALUES (?, ?, ?, ?, ?, ?, ?, 'test', ?)`,
  );
  closes.forEach((c, i) => insert.run(symbol, dates[i], c, c + 0.3, c - 0.3, c, 1_000_000, dates[i]));
}

describe('the width helper', () => {
  it('counts what Telegram shows: no tags, decoded entities, emoji two columns', () => {
    expect(visibleWidth('<b>GME</b> &amp; AMC')).toBe(9);
    expect(visibleWidth('🔴 NAKD')).toBe(7);
    expect(visibleWidth('⚠️ x')).toBe(4);
    expect(fitsPhone('x'.repeat(36))).toBe(true);
    expect(fitsPhone(`ok\n${'x'.repeat(37)}`)).toBe(false);
  });
});

describe('/alerts on a phone', () => {
  it('shows two-line cards, Ack buttons for the open ones, and a pager that edits the message in place', async () => {
    const created = tenAlerts();
    const first = await say('/alerts');
    expect(widePhoneLines(first.text)).toEqual([]);
    const byId = [...created].sort((a, b) => a.id - b.id);
    const newest = byId[byId.length - 1]!;
    expect(first.text).toMatch(/\n#\d+ 🔴 <b>[A-Z]+<\/b> HIGH 0\.\d\d\n {3}2021-01-27 20:00 EST · open\n/);
    const data = flatButtons(first.buttons);
    // eight on the first page, each with its Ack; the two oldest wait on page 2
    expect(data.filter((d) => d.startsWith('ack:'))).toHaveLength(8);
    expect(data).toContain(`ack:${newest.id}`);
    expect(data).not.toContain(`ack:${byId[0]!.id}`);
    expect(data).toContain('re:/alerts unacked 2');
    expect(data).toContain('re:/alerts unacked');

    const page2 = await pressTo(app, 're:/alerts unacked 2', { ...ADMIN, message: { messageId: 1 } });
    expect(page2.edits).toHaveLength(1);
    expect(page2.replies).toEqual([]);
    expect(page2.edits[0]!.html).toContain(`#${byId[0]!.id} `);
    expect(page2.edits[0]!.html).not.toContain(`#${newest.id} `);
    const data2 = page2.edits[0]!.buttons.flat().map((b) => b.data);
    expect(data2).toContain(`ack:${byId[0]!.id}`);
    expect(data2).toContain('re:/alerts unacked 1');
    expect(data2).not.toContain('re:/alerts unacked 3');

    // the older forms still read: a filter alone, and a ticker
    expect((await say('/alerts all')).outcome).toBe('ok');
    expect((await say('/alerts GME')).text).toContain('<b>GME</b>');
  });

  it('an Ack button acknowledges that alert; /ack all asks first and changes nothing until Confirm', async () => {
    const created = tenAlerts();
    const list = await say('/alerts');
    const ack = buttonData(list, 'ack:');
    expect((await pressTo(app, ack, ADMIN)).answers[0]).toMatch(/^Acknowledged #/);
    const asked = await say('/ack all');
    expect(asked.text).toBe('Acknowledge 9 open alerts?');
    expect(app.alerts.counts({ date: '2021-01-27', endOfDay: new Date('2021-01-28T04:59:59Z') }).unacked).toBe(9);
    const done = await sayConfirmed(app, '/ack all', ADMIN);
    expect(done.text).toBe('Acknowledged 9 open alert(s).');
    expect(created.every((a) => app.alerts.get(a.id)?.ackedAt)).toBe(true);
    // nothing open: no question
    expect((await say('/ack all')).text).toBe('There were no open alerts.');
  });

  it('the pushed alert fits, level notes included', () => {
    tenAlerts();
    const pushed = app.outbox.after(0).filter((r) => r.channel === 'telegram');
    for (const row of pushed) expect(widePhoneLines((row.payload as { html: string }).html)).toEqual([]);
    const html = squeezeAlertHtml({
      id: 123,
      symbol: 'BRK/B',
      level: 'medium',
      score: 0.51,
      fuel: 0.4,
      trigger: 0.72,
      rank: 12,
      asOf: '2021-01-27',
      components: [
        { name: 'volume_spike', basis: 'off_exchange_proxy', raw: 6, normalised: 0.9, weight: 0.3, contribution: 0.27 },
      ],
      levelNotes: [
        'min_finra_si_percent skipped: no short-interest report',
        'min_sentiment skipped: no sentiment data',
      ],
      metrics: metrics('BRK/B', '2021-01-27'),
      reason: 'escalation',
    });
    expect(widePhoneLines(html)).toEqual([]);
    expect(html.replace(/\s+/g, ' ')).toContain('short interest % of float not checked: no short-interest report yet;');
  });
});

describe('status, jobs and thresholds on a phone', () => {
  it('/status, /jobs and /thresholds fit 36 columns; /status and /jobs carry Refresh', async () => {
    const status = await say('/status');
    expect(widePhoneLines(status.text)).toEqual([]);
    expect(flatButtons(status.buttons)).toEqual(['re:/status']);
    const refreshed = await pressTo(app, 're:/status', { ...ADMIN, message: { messageId: 1 } });
    expect(refreshed.edits[0]!.html).toContain('<b>Data</b>');
    const jobs = await say('/jobs');
    expect(widePhoneLines(jobs.text)).toEqual([]);
    expect(flatButtons(jobs.buttons)).toContain('re:/jobs');
    const thresholds = await say('/thresholds');
    expect(widePhoneLines(thresholds.text)).toEqual([]);
    expect(thresholds.text).not.toContain('<pre>');
  });
});

describe('portfolio views on a phone', () => {
  it('/portfolio is a card per position with ticker, Dips and Refresh buttons; /dips fits', async () => {
    const cycle = [10, 11, 12, 13, 14, 15, 16, 15, 14, 13, 12, 11];
    writeBars('QUBT', [...Array.from({ length: 8 }, () => cycle).flat(), 10, 10.4, 10.6, 10.5]);
    writeBars(
      'KOSS',
      Array.from({ length: 60 }, (_, i) => 3 + i * 0.1),
    );
    await say('/buy QUBT 100 13 volume spike with a long thesis that wraps over the phone width');
    await say('/buy KOSS 10 4');
    const pf = await say('/portfolio');
    expect(widePhoneLines(pf.text)).toEqual([]);
    expect(pf.text).toMatch(/🔴 <b>QUBT<\/b> 100 sh · -19\.2%/);
    expect(pf.text).toMatch(/🟢 <b>KOSS<\/b> 10 sh/);
    const data = flatButtons(pf.buttons);
    expect(data.sort()).toEqual(['re:/portfolio', 'run:/dips', 'run:/ticker KOSS', 'run:/ticker QUBT']);
    const dips = await say('/dips');
    expect(dips.text).toContain('<b>QUBT</b>');
    expect(widePhoneLines(dips.text)).toEqual([]);
    expect(flatButtons(dips.buttons)).toEqual(['run:/ticker QUBT', 're:/dips']);
  });

  it('/performance and /missed fit and toggle live/backtest in place', async () => {
    const perf = await say('/performance 30');
    expect(widePhoneLines(perf.text)).toEqual([]);
    expect(flatButtons(perf.buttons)).toEqual(['re:/performance live 30', 're:/performance backtest 30']);
    const bt = await pressTo(app, 're:/performance backtest 30', { ...ADMIN, message: { messageId: 1 } });
    expect(bt.edits[0]!.html).toContain('Performance — backtest');
    expect(widePhoneLines(bt.edits[0]!.html)).toEqual([]);
    const missed = await say('/missed');
    expect(widePhoneLines(missed.text)).toEqual([]);
    expect(flatButtons(missed.buttons)).toEqual(['re:/missed live', 're:/missed backtest']);
  });
});
