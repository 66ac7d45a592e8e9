import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sayTo } from '../support/chat-surface';
import { afterEach, describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/present/html';
import { createAlertsRepo } from '../../src/db/repos/alerts.repo';
import { createPipelineRunsRepo } from '../../src/db/repos/pipeline-runs.repo';
import { createApp, type App } from '../../src/main';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { runBacktest } from '../../src/pipeline/backtest';
import { fakeClock } from '../../src/shared/clock';
import { runWith } from '../support/alert-fixtures';
import { flat, steady, writeMarket } from '../support/market-fixture';

// The learning tracker through the real app: live runs tracked with their alerts, the daily checkpoint,
// missed opportunities found among a stored run's cuts, /performance /missed /suggest through the chat
// core, and a real backtest recorded as origin 'backtest' and kept apart from live figures.

let dir: string;
let app: App;

function start(now: string) {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-learning-'));
  app = createApp({
    dbPath: join(dir, 'learning.db'),
    // four alerts in one run below: a budget that lets them all out
    env: { TELEGRAM_ADMIN_IDS: '1', SQUEEZEBOT_CFG__ALERTING__DAILY_BUDGET__SQUEEZE_ALERTS: '10' },
    clock: fakeClock(now),
    logLevel: 'silent',
  });
  return app;
}
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function say(text: string): Promise<string> {
  const { text: html } = await sayTo(app, text, { userId: '1', userName: 'admin', chatType: 'private' });
  // the replies wrap at 36 columns for a phone: the checks read the words with line breaks as spaces
  return htmlToText(html).replace(/\s+/g, ' ');
}

/** closes of a symbol from `asOf` on: day 0 is the discovery close */
function bars(symbol: string, asOf: string, closes: number[]) {
  const days = tradingDaysBetween(asOf, addTradingDays(asOf, closes.length - 1));
  const ins = app.db.$client.prepare(
    `INSERT INTO daily_bars (symbol, date, close, volume, source, published_on) VALUES (?, ?, ?, 1000000, 'test', ?)`,
  );
  days.forEach((d, i) => ins.run(symbol, d, closes[i], d));
}

const AS_OF = '2021-01-12';
const up = (from: number, pct: number, n: number) => Array.from({ length: n }, (_, i) => from * Math.pow(1 + pct, i));

describe('live tracking', () => {
  it("tracks a run's alerts with their ids and its top-ranked names, and moves them to each close", () => {
    start('2021-03-01T23:00:00Z');
    const result = runWith(AS_OF, [
      ['GME', 'high'],
      ['AMC', null, 0.5],
    ]);
    const [alert] = app.alerts.fromRun(result).created;
    expect(app.learning.recordRun(result)).toBe(2);
    bars('GME', AS_OF, up(43.03, 0.04, 31)); // +4% a session
    bars('AMC', AS_OF, up(43.03, -0.01, 31));
    createAlertsRepo(app.db).setFeedback(alert!.id, true);

    const stats = app.learning.updateCheckpoints('2021-01-26'); // 9 sessions after discovery
    expect(stats).toMatchObject({ updated: 2, completed: 0 });
    const gme = app.learning.repo.tracked('live', AS_OF, AS_OF).find((r) => r.symbol === 'GME')!;
    expect(gme).toMatchObject({
      id: 'rec_live_20210112_GME',
      reason: 'alert',
      alertId: alert!.id,
      level: 'high',
      price: 43.03,
      daysTracked: 9,
      status: 'tracking',
      feedback: 1,
    });
    expect(gme.return7d).toBeCloseTo(Math.pow(1.04, 7) - 1, 6);
    expect(gme.return30d).toBeNull();
    expect(gme.thesis).toMatch(
      /^Score 0\.85 \(high\) led by short interest at 120% of float, volume 6\.5× its 20-day average/,
    );
    expect(gme.features).toMatchObject({
      volumeSpike: 6.5,
      rsi: 81,
      siPercentFloat: 1.2,
      daysToCover: 4.2,
      shortRatioZ: 2.1,
    });

    expect(app.learning.updateCheckpoints('2021-03-01')).toMatchObject({ updated: 2, completed: 2 });
    expect(app.learning.updateCheckpoints('2021-03-02').updated).toBe(0); // completed rows are not read again
    const rows = app.learning.repo.tracked('live', AS_OF, AS_OF);
    expect(rows.map((r) => [r.symbol, r.outcome, r.success, r.failure])).toEqual([
      ['AMC', 'failed', false, true],
      ['GME', 'explosive', true, false],
    ]);
  });

  it('tracks a second run of the same day once, gaining the alert it raised', () => {
    start('2021-03-01T23:00:00Z');
    app.learning.recordRun(runWith(AS_OF, [['GME', null, 0.5]], { id: 'run_a' }));
    const second = runWith(AS_OF, [['GME', 'medium', 0.65]], { id: 'run_b' });
    const [alert] = app.alerts.fromRun(second).created;
    app.learning.recordRun(second);
    const rows = app.learning.repo.tracked('live', AS_OF, AS_OF);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason: 'alert', alertId: alert!.id });
  });
});

describe('/performance, /missed and /suggest through the chat core', () => {
  it('shows outcomes by level and score with feedback, the missed names with their cut and pattern, and suggestions', async () => {
    start('2021-03-01T23:00:00Z');
    const names: [string, 'high' | 'medium' | 'low' | null, number][] = [
      ['WIN1', 'high', 0.85],
      ['WIN2', 'high', 0.82],
      ['WIN3', 'medium', 0.7],
      ['LOSE', 'low', 0.45],
      ['FLAT', null, 0.3],
    ];
    const result = runWith(AS_OF, names);
    const created = app.alerts.fromRun(result).created;
    app.learning.recordRun(result);
    for (const s of ['WIN1', 'WIN2', 'WIN3']) bars(s, AS_OF, [43.03, ...up(45, 0.03, 30)]);
    bars('LOSE', AS_OF, up(43.03, -0.02, 31));
    bars(
      'FLAT',
      AS_OF,
      Array.from({ length: 31 }, () => 43.03),
    );
    const alerts = createAlertsRepo(app.db);
    alerts.setFeedback(created.find((a) => a.symbol === 'WIN1')!.id, true);
    alerts.setFeedback(created.find((a) => a.symbol === 'LOSE')!.id, false);

    // the stored run's cuts: two names cut at volume filtering rose ≥ 25%, one did not
    const run = { ...result.run, id: 'discovery_20210112_224500', eliminations: new Map() };
    for (const [symbol, value] of [
      ['MISS1', 2.4],
      ['MISS2', 2.7],
      ['NOPE', 1.1],
    ] as const) {
      run.eliminations.set(symbol, {
        symbol,
        stage: 'volume_filtering',
        criterion: 'insufficient_volume_spike',
        value,
        threshold: 3,
        detail: null,
      });
    }
    createPipelineRunsRepo(app.db).save(run, []);
    bars('MISS1', AS_OF, [2, 2.1, 2.6, 3, 2.8]);
    bars('MISS2', AS_OF, [4, 4.2, 4.4, 5.2, 5]);
    bars('NOPE', AS_OF, [4, 4.2, 4.4, 4.6, 4.5]);

    // the daily job: runs of the last 30 sessions are searched for missed names each day
    expect(app.learning.updateCheckpoints('2021-01-20').missedFound).toBe(2);
    app.learning.updateCheckpoints('2021-03-01');

    const perf = await say('/performance');
    expect(perf).toContain('Performance — live');
    expect(perf).toContain('5 tracked: 4 alerts, 1 top-ranked only');
    expect(perf).toMatch(/high alert · 2 · 100% won · 0% lost/);
    expect(perf).toMatch(/low alert · 1 · 0% won · 100% lost/);
    expect(perf).toMatch(/ranked, no alert · 1 · 0% won · 0% lost/);
    expect(perf).toMatch(/Useful: 1 alerts 100% won/);
    expect(perf).toMatch(/Not useful: 1 alerts 0% won/);
    expect(perf).toMatch(/Best calls[\s\S]*WIN\d/);
    expect(perf).toMatch(/Worst calls[\s\S]*LOSE/);
    expect(perf).not.toContain('backtest (');

    const missed = await say('/missed 30');
    expect(missed).toContain('Missed opportunities — live');
    expect(missed).toMatch(
      /MISS1 2021-01-12 \$2\.00 cut at volume detector no volume spike 2\.40 vs 3\.00 peak \+50% in 3 sessions/,
    );
    expect(missed).toContain('2 of 2 missed were cut at volume detector by no volume spike (values 2.4–2.7 vs 3.0)');
    expect(missed).toContain('2 of 2 missed were cut at volume detector by no volume spike (values 2.4–2.7 vs 3.0)');
    expect(missed).toContain('2 of 2 missed had a volume spike above 2×');
    expect(missed).not.toContain('NOPE');

    const suggest = await say('/suggest');
    expect(suggest).toContain('Threshold suggestions — live');
    expect(suggest).toContain('From 5 tracked recommendations with outcomes');
    expect(suggest).toMatch(/High level: now score ≥ 0\.46, spike ≥ 3× → passes 3, success 100%/);
    expect(await say('/performance backtest')).toContain('No backtest recommendations tracked in this window');
  });
});

describe('backtest recording', () => {
  it('records a real replay as backtest, replaces it when re-run, and keeps it out of live figures', async () => {
    const end = '2021-04-30';
    start(`${end}T23:00:00Z`);
    const n = 100;
    const d = 60; // the replayed day
    const market = {
      // a volume spike on day d, then +3% a session: tracked (ranked or alerted) and explosive
      SPIK: {
        close: (i: number) => (i <= d ? 10 : 10 * Math.pow(1.03, i - d)),
        volume: (i: number) => (i === d ? 9_000_000 : 1_000_000),
      },
      // no spike on day d (cut at volume filtering), then +2% a session: a missed opportunity
      CUTX: { close: (i: number) => (i <= d ? 8 : 8 * Math.pow(1.02, i - d)), volume: steady(1_000_000) },
      DULL: { close: flat(12), volume: steady(1_000_000) },
    };
    const dates = writeMarket(app.db, end, n, market);
    const day = dates[d]!;
    const replay = async () => {
      const recorder = app.learning.backtestRecorder();
      await runBacktest({
        repos: app.repos,
        config: app.loaded.config,
        clock: app.clock,
        from: day,
        to: day,
        onResult: (day) => recorder.onResult(day),
      });
      const saved = recorder.save(day, day);
      app.learning.updateCheckpoints(end);
      return saved;
    };
    const first = await replay();
    expect(first.tracked).toBeGreaterThanOrEqual(1);
    expect(first.missed).toBeGreaterThanOrEqual(1);
    const second = await replay();
    expect(second.replaced).toEqual({ tracked: first.tracked, missed: first.missed });

    const tracked = app.learning.repo.tracked('backtest', day, day);
    expect(tracked).toHaveLength(first.tracked);
    const spik = tracked.find((r) => r.symbol === 'SPIK')!;
    expect(spik).toMatchObject({
      origin: 'backtest',
      price: 10,
      outcome: 'explosive',
      success: true,
      status: 'completed',
      alertId: null,
    });
    expect(app.learning.repo.tracked('live', '2000-01-01', end)).toHaveLength(0);
    const missed = app.learning.repo.missed('backtest', day, day);
    expect(missed.find((m) => m.symbol === 'CUTX')).toMatchObject({
      stage: 'volume_filtering',
      criterion: 'insufficient_volume_spike',
      price: 8,
      threshold: 3,
    });
    expect(app.learning.repo.missed('live', '2000-01-01', end)).toHaveLength(0);

    const live = await say('/performance');
    expect(live).toContain('No live recommendations tracked in this window');
    expect(live).toContain(`Backtest figures are kept apart: /performance backtest (${first.tracked} recommendations)`);
    const bt = await say('/performance backtest');
    expect(bt).toContain('Performance — backtest (replayed history)');
    expect(bt).toContain('SPIK');
    expect(await say('/missed backtest')).toContain('CUTX');
  });
});
