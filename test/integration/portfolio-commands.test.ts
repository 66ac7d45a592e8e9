import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneLine, sayConfirmed, type Speaker } from '../support/chat-surface';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { fakeClock } from '../../src/shared/clock';

// /buy, /sell, /portfolio, /dips through the real chat core and app wiring, and the scheduler's
// scanDips queuing a buy-more alert once per cooldown, over a temp SQLite file.

let dir: string;
let app: App;
const clock = fakeClock('2021-01-28T01:00:00Z'); // 20:00 New York on 2021-01-27

// replies wrap at 36 columns: the checks read their words with the line breaks as spaces
const say = async (text: string, userId = 'console', chatType: Speaker['chatType'] = 'console') => {
  const said = await sayConfirmed(app, text, { userId, chatType });
  return { ...said, lines: said.text, text: oneLine(said.text) };
};

// A range of closes 10..16 (period 12) ending on a bounce off the 10 trough: the swing lows (9.7) are the
// support just under the last close 10.5, the swing highs (16.3) the resistance; highs/lows = close ± 0.3.
function writeRange(symbol: string, end = '2021-01-27') {
  const cycle = [10, 11, 12, 13, 14, 15, 16, 15, 14, 13, 12, 11];
  const closes = [...Array.from({ length: 8 }, () => cycle).flat(), 10, 10.4, 10.6, 10.5];
  const dates = tradingDaysBetween(addTradingDays(end, -(closes.length - 1)), end);
  const insert = app.db.$client.prepare(
    `INSERT INTO daily_bars (symbol, date, open, high, low, close, volume, source, published_on) VALUES (?, ?, ?, ?, ?, ?, ?, 'test', ?)`,
  );
  // the last 4 sessions trade 3× the volume: a measured volume thesis (≥ portfolio.thesis.volume_min)
  const n = closes.length;
  closes.forEach((c, i) =>
    insert.run(symbol, dates[i], c, c + 0.3, c - 0.3, c, i >= n - 4 ? 3_000_000 : 1_000_000, dates[i]),
  );
}

// bars alone score low (no short interest held): the score floor is lifted so that these tests are
// about the chat surface and the cooldown, with volume and score still measured then and now
const lenientScore = () => say('/set portfolio.thesis.score_min 0');

function dipAlerts() {
  return app.db.$client
    .prepare(
      `SELECT id, symbol, severity, dedupe_key AS dedupeKey, as_of AS asOf FROM alerts WHERE kind = 'dip' ORDER BY id`,
    )
    .all() as { id: number; symbol: string; severity: string; dedupeKey: string; asOf: string }[];
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-portfolio-'));
  app = createApp({ dbPath: join(dir, 'p.db'), env: { TELEGRAM_ADMIN_IDS: '1' }, clock, logLevel: 'silent' });
  clock.set('2021-01-28T01:00:00Z');
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('positions through the chat core', () => {
  it('keeps average cost across buys and realises P&L on a sell at average cost', async () => {
    writeRange('QUBT');
    expect((await say('/buy QUBT 100 13 squeeze setup')).text).toContain('average cost of $13.00');
    expect((await say('/buy $qubt 100 11')).text).toContain('200 sh at an average cost of $12.00');
    const sold = await say('/sell QUBT 50 14');
    expect(sold.text).toContain('realised +$100.00');
    expect(sold.text).toContain('Left: 150 sh at $12.00');
    const pf = await say('/portfolio');
    // 150 × 10.5 = 1575 value; (10.5 − 12) × 150 = −225 unrealised
    expect(pf.text).toMatch(/QUBT<\/b> 150 sh · -12\.5% avg \$12\.00 → \$10\.50 value \$1575 · P&L −\$225\.00/);
    expect(pf.text).toContain('Realised +$100.00');
    expect(pf.text).toContain('squeeze setup');
  });

  it('refuses to sell more than is held and a sell of a ticker not held', async () => {
    writeRange('QUBT');
    await say('/buy QUBT 10 13');
    expect((await say('/sell QUBT 11 14')).text).toContain('You hold 10 QUBT; you cannot sell 11');
    expect((await say('/sell GME 1 14')).text).toContain('You hold no GME');
  });

  it('records the thesis metrics at entry from the store', async () => {
    writeRange('QUBT');
    const r = await say('/buy QUBT 100 13');
    expect(r.text).toMatch(/Thesis metrics as of 2021-01-27: volume 2\.3×/);
    const row = app.db.$client.prepare(`SELECT thesis_metrics AS m FROM position_trades`).get() as { m: string };
    expect((JSON.parse(row.m) as { volume_multiple: number }).volume_multiple).toBeCloseTo(2.3, 1);
  });

  it('lets a viewer read /portfolio but not /buy', async () => {
    app.chat.services.users.setRole('5', 'viewer', '1');
    expect((await say('/buy QUBT 1 1', '5', 'private')).outcome).toBe('forbidden');
    expect((await say('/portfolio', '5', 'private')).text).toContain('No open positions');
  });

  it('rejects a non-numeric quantity with the usage line', async () => {
    const r = await say('/buy QUBT ten 13');
    expect(r.text).toContain('the quantity must be a positive number');
  });

  it('/dips shows BUY_MORE with thesis checks, levels, stop and R/R for a position near support', async () => {
    writeRange('QUBT');
    await lenientScore();
    await say('/buy QUBT 100 13 range bounce');
    const r = await say('/dips');
    expect(r.text).toContain('QUBT</b> — BUY_MORE 15% of the position');
    expect(r.text).toContain('-19.2% (MODERATE dip)');
    expect(r.text).toContain('Thesis check: <b>INTACT</b>');
    expect(r.text).toMatch(/✓ volume multiple 2\.3× → 2\.3× · needs ≥ 1\.5×/);
    expect(r.text).toContain('Support: $9.70');
    expect(r.text).toContain('Resistance: $16.30');
    expect(r.text).toContain('Stop $8.53 (support $9.70 − ATR $1.17)');
    expect(r.text).toContain('R/R 2.9');
    // the seed-004 shape: strength and its factors, confidence, entry range, take-profits, sizes, summary
    expect(r.text).toContain('Strength 0.50 · 2/4 measured');
    expect(r.text).toContain('Entry $9.70–$10.50');
    expect(r.text).toContain('TP1 $16.30');
    expect(r.text).toContain('Max position $1313');
    expect(r.text).toContain('<b>Portfolio</b>: 1 open · 1 down');
    expect(r.text).toContain('1 BUY_MORE ≈ $157.50');
    expect(r.text).toContain('P&L −$250.00');
    expect(r.text).toContain('Buy more: 15 sh');
  });

  it('/dips on a position far below entry never shows a stop at or under zero, nor BUY_MORE without a thesis', async () => {
    writeRange('GME');
    await say('/buy GME 10 300');
    const r = await say('/dips');
    expect(r.text).toContain('GME</b> — REVIEW');
    expect(r.text).not.toMatch(/Stop \$-|Stop −/);
    const stop = /Stop \$([0-9.]+)/.exec(r.text);
    expect(stop).not.toBeNull();
    expect(Number(stop![1])).toBeGreaterThan(0);
    expect(Number(stop![1])).toBeLessThan(10.5);
    expect(r.text).toMatch(/✗ score 0\.\d+ → 0\.\d+ · needs ≥ 0\.40/);
  });

  it('/dips shows the thesis strength history since the opening buy, each point as known that day', async () => {
    writeRange('QUBT');
    await lenientScore();
    clock.set('2021-01-07T01:00:00Z'); // bought at 20:00 New York on 2021-01-06
    await say('/buy QUBT 100 13 range bounce');
    clock.set('2021-01-28T01:00:00Z');
    const r = await say('/dips');
    // every 5 sessions back from 01-27 (01-18 a holiday), none before the buy on 01-06
    const history = /History (.+)/.exec(r.text);
    expect(history, r.text).not.toBeNull();
    const points = history![1]!.split(' → ').map((p) => p.split(' '));
    expect(points.map(([d]) => d)).toEqual(['01-12', '01-20', '01-27']);
    const strength = /Strength ([0-9.]+)/.exec(r.text)![1];
    expect(points.at(-1)![1]).toBe(strength);
    // the 3× volume of the last 4 sessions is after 01-20: the volume check firms only at the end
    expect(Number(points[1]![1])).toBeLessThan(Number(strength));
  });

  it('/dips says so when nothing is down enough', async () => {
    writeRange('QUBT');
    await say('/buy QUBT 100 10.6');
    expect((await say('/dips')).text).toContain('None of your positions is 5% or more below');
  });
});

describe('scanDips', () => {
  it('queues a buy-more alert once, not again inside the dip cooldown, and again after it', async () => {
    writeRange('QUBT');
    await lenientScore();
    await say('/buy QUBT 100 13', '1', 'private');
    const first = await app.portfolio.scanDips('2021-01-27');
    expect(first.dips.map((d) => [d.userId, d.symbol, d.decision.action])).toEqual([['1', 'QUBT', 'BUY_MORE']]);
    expect(first.alerted).toHaveLength(1);
    const outbox = app.db.$client
      .prepare('SELECT channel, target FROM outbox WHERE alert_id = ?')
      .all(first.alerted[0]!.alertId);
    // no Telegram token: the owner's chat is the console
    expect(outbox).toEqual([{ channel: 'console', target: 'console' }]);

    const again = await app.portfolio.scanDips('2021-01-28'); // intraday, next day: inside the 3-day cooldown
    expect(again.alerted).toEqual([]);
    expect(again.suppressed).toEqual([{ userId: '1', symbol: 'QUBT', until: '2021-01-30' }]);
    expect(dipAlerts()).toHaveLength(1);

    const later = await app.portfolio.scanDips('2021-02-01');
    expect(later.alerted).toHaveLength(1);
    expect(dipAlerts().map((a) => [a.severity, a.dedupeKey, a.asOf])).toEqual([
      ['buy_more', 'dip:1:QUBT', '2021-01-27'],
      ['buy_more', 'dip:1:QUBT', '2021-02-01'],
    ]);
  });

  it('keeps cooldowns per user: a second holder of the same name still gets their alert', async () => {
    writeRange('QUBT');
    await lenientScore();
    app.chat.services.users.setRole('7', 'trader', '1');
    await say('/buy QUBT 100 13', '1', 'private');
    await say('/buy QUBT 10 12', '7', 'private');
    const r = await app.portfolio.scanDips('2021-01-27');
    expect(r.alerted.map((a) => a.userId).sort()).toEqual(['1', '7']);
  });
});
