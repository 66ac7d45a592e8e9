import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pressTo, sayConfirmed, type Speaker } from '../support/chat-surface';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPipelineRunsRepo, type ScoreInsert } from '../../src/db/repos/pipeline-runs.repo';
import type { AlertLevel } from '../../src/domain/scores';
import { createApp, type App } from '../../src/main';
import { createRunRecorder } from '../../src/pipeline/run-recorder';
import { fakeClock } from '../../src/shared/clock';
import { oneLine } from '../support/phone-width';

// Commands through the real chat core and the real app wiring, over a temp SQLite file.

let dir: string;
let app: App;
const clock = fakeClock('2021-01-28T01:00:00Z'); // 20:00 New York on 2021-01-27

const say = (text: string, userId = 'console', chatType: Speaker['chatType'] = 'console') =>
  sayConfirmed(app, text, { userId, chatType });

function saveRun() {
  const rec = createRunRecorder({ kind: 'live', asOf: '2021-01-27', clock });
  const price = rec.stage('price_filtering', 3, { max_price: 500 });
  price.eliminate('SPY', 'price_too_high', 612.5, 500, null);
  price.done(2);
  const run = rec.finish('completed', { healthScore: 0.9 });
  const score = (symbol: string, rank: number, value: number, level: AlertLevel | null): ScoreInsert => ({
    asOf: '2021-01-27',
    symbol,
    runId: run.id,
    rank,
    score: value,
    fuel: null,
    trigger: 0.8,
    level,
    weightSet: 'volume_only',
    components: [{ name: 'volume_spike', raw: 6.2, normalised: 0.79, weight: 0.64, contribution: 0.506 }],
    missing: ['sentiment_24h'],
    levelNotes: ['min_sentiment skipped: no sentiment data'],
    metrics: {},
    flags: [],
    source: 'volume_detector',
  });
  createPipelineRunsRepo(app.db).save(run, [score('AMC', 1, 0.98, 'high'), score('GME', 2, 0.5, null)]);
  return run;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-chat-'));
  app = createApp({
    dbPath: join(dir, 'chat.db'),
    env: { TELEGRAM_ADMIN_IDS: '1' },
    clock,
    logLevel: 'silent',
    tweak: (l) => (l.config.chat.rate_limit_per_minute = 5),
  });
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('chat core', () => {
  it('refuses an unknown user once, naming their id, then stays silent', async () => {
    const first = await say('/top', '777', 'private');
    expect(first.outcome).toBe('refused');
    expect(first.text).toContain('<code>777</code>');
    const second = await say('/help', '777', 'private');
    expect(second.outcome).toBe('refused');
    expect(second.replies).toEqual([]);
  });

  it('ignores an unknown user in a group without a reply', async () => {
    const r = await say('/top', '888', 'group');
    expect(r.replies).toEqual([]);
  });

  it('tells a viewer that /set needs the admin role, and changes nothing', async () => {
    app.chat.services.users.setRole('5', 'viewer', '1');
    const r = await say('/set alerting.cooldown.high_alert_days 3', '5', 'private');
    expect(r.outcome).toBe('forbidden');
    expect(r.text).toMatch(/needs the admin role; you are viewer/);
    expect(app.loaded.config.alerting.cooldown.high_alert_days).toBe(7);
  });

  it('answers a bad argument with the usage line and an example', async () => {
    const r = await say('/top lots');
    expect(r.outcome).toBe('usage');
    expect(oneLine(r.text)).toContain('n must be a whole number from 1 to 50, not &quot;lots&quot;');
    expect(oneLine(r.text)).toContain('Usage: <code>/top [n] [page] [csv]</code>');
    expect(r.text).toContain('Example: <code>/top 5</code>');
    expect((await say('/ticker GME!!')).text).toContain('is not a ticker');
  });

  it('suggests the nearest command for a typo', async () => {
    const r = await say('/tpo 5');
    expect(r.outcome).toBe('unknown_command');
    expect(r.text).toContain('Did you mean /top?');
  });

  it('applies /set at once, shows it from chat in /thresholds, and /reset brings the default back', async () => {
    const set = await say('/set alerting.thresholds.high.squeeze_score 0.85');
    expect(set.outcome).toBe('ok');
    expect(app.loaded.config.alerting.thresholds.high.squeeze_score).toBe(0.85);
    const shown = await say('/thresholds');
    expect(shown.text).toMatch(/High level:\n {2}minimum score <b>0\.85<\/b>(?: · |\n {4})chat by console/);
    expect(shown.text).toMatch(/Medium level:\n {2}minimum score <b>0\.42<\/b>\n/);
    const bad = await say('/set alerting.thresholds.high.squeeze_score 7');
    expect(bad.outcome).toBe('usage');
    expect(app.loaded.config.alerting.thresholds.high.squeeze_score).toBe(0.85);
    const reset = await say('/reset alerting.thresholds.high.squeeze_score');
    expect(oneLine(reset.text)).toContain('is back to <code>0.46</code>');
    expect(app.loaded.config.alerting.thresholds.high.squeeze_score).toBe(0.46);
  });

  it('keeps a /set across a restart', async () => {
    await say('/set alerting.cooldown.low_alert_days 2');
    app.close();
    app = createApp({ dbPath: join(dir, 'chat.db'), env: {}, clock, logLevel: 'silent' });
    expect(app.loaded.config.alerting.cooldown.low_alert_days).toBe(2);
    expect(app.loaded.sources.get('alerting.cooldown.low_alert_days')?.source).toBe('chat');
  });

  it('shows the saved run in /top and explains a pick and a cut in /why', async () => {
    saveRun();
    const top = await say('/top 5');
    expect(top.text).toMatch(/1\. <b>AMC<\/b> {2}0\.98 🔴 HIGH\n {3}trig 0\.80 · volume spike/);
    expect(top.text).toMatch(/2\. <b>GME<\/b> {2}0\.50 —/);
    const picked = await say('/why $amc');
    expect(oneLine(picked.text)).toContain('Picked: rank 1 of the top 25.');
    expect(oneLine(picked.text)).toContain('volume spike 6.20 → 0.79 × 0.64 = 0.506');
    const cut = await say('/why SPY');
    expect(oneLine(cut.text)).toContain('Cut at price filter — price $612.50, above the $500.00 max.');
  });

  it('says there is no run yet instead of an empty table', async () => {
    expect((await say('/top')).text).toContain('No pipeline run as of 2021-01-27 yet');
  });

  it('adds /users and obeys the new trader, within the rate limit', async () => {
    await say('/users add 42 trader', '1', 'private');
    expect(oneLine((await say('/add gme 3 earnings', '42', 'private')).text)).toMatch(
      /Added <b>GME<\/b> until 2021-01-31 — earnings/,
    );
    expect((await say('/watchlist', '42', 'private')).text).toContain('GME');
    const burst = [];
    for (let i = 0; i < 5; i++) burst.push(await say('/help', '42', 'private'));
    // the limit is 5 a minute: two commands above, three /help, then one friendly refusal and silence
    expect(burst.map((b) => b.outcome)).toEqual(['ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
    expect(burst[3]!.text).toMatch(/Easy there .* Try again in \d+ s/);
    expect(burst[4]!.replies).toEqual([]);
  });

  it('answers a failing button with an error id and routes by prefix', async () => {
    const seen: string[] = [];
    app.chat.core.registerButton('okay:', { minRole: 'viewer', run: async (ctx) => void seen.push(ctx.payload) });
    app.chat.core.registerButton('boom:', {
      minRole: 'viewer',
      run: async () => {
        throw new Error('kaput');
      },
    });
    expect((await pressTo(app, 'okay:17', { userName: 'c' })).outcome).toBe('ok');
    expect(seen).toEqual(['17']);
    const boom = await pressTo(app, 'boom:1', { userName: 'c' });
    expect(boom.outcome).toBe('error');
    expect(boom.text).toMatch(/error id <code>[0-9a-f]{6}<\/code>/);
  });
});
