import { oneLine } from '../support/phone-width';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { sayConfirmed, sayTo } from '../support/chat-surface';
import { finraShortVolumeText } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { settingMark } from '../../src/config/setting-marks';
import { flat, runUp, spikeLast, steady, writeMarket, writeShortInterest } from '../support/market-fixture';
import { recordReads, wasRead } from '../support/recording-settings';

// A setting changed in chat reaches the code that reads it, now and after a restart. Seen before the
// settings store: `/set finra_collector.facilities [CNMS, FNSQ]` was shown as in effect, yet the
// short-volume collector kept the list it captured when it was built, even after a restart.

const requested: string[] = [];
useMsw(
  http.get('https://cdn.finra.org/equity/regsho/daily/:name', ({ params }) => {
    const name = String(params.name);
    requested.push(name);
    const m = /^[A-Z]{4}shvol(\d{4})(\d{2})(\d{2})\.txt$/.exec(name);
    if (!m) return new HttpResponse('Forbidden', { status: 403 });
    return HttpResponse.text(finraShortVolumeText(`${m[1]}-${m[2]}-${m[3]}`, [['GME', 100, 0, 200, 'Q']]));
  }),
  // every other provider is down: the jobs still read their settings before they fail
  http.all('*', () => new HttpResponse('down for the test', { status: 503 })),
);

let dir: string;
const apps: App[] = [];
const clock = fakeClock('2021-01-28T12:00:00Z');
const open = (env: NodeJS.ProcessEnv = {}) => {
  const app = createApp({
    dbPath: join(dir, 'settings.db'),
    env,
    clock,
    logLevel: process.env.DEBUG_REACH ? 'error' : 'silent',
  });
  apps.push(app);
  return app;
};
const say = async (app: App, text: string) => (await sayConfirmed(app, text)).text;

beforeEach(() => {
  clock.set('2021-01-28T12:00:00Z');
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-settings-'));
  requested.length = 0;
});
afterEach(() => {
  for (const app of apps.splice(0)) app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('settings reach their readers', () => {
  it('collects the facilities set in chat at once, and again after a restart', async () => {
    const app = open();
    expect(await say(app, '/set finra_collector.facilities [CNMS, FNSQ]')).toContain('FNSQ');
    await app.ingest.run('shortvol', { from: '2021-01-27', to: '2021-01-27' });
    expect(requested).toEqual(['CNMSshvol20210127.txt', 'FNSQshvol20210127.txt']);

    app.close();
    apps.length = 0;
    requested.length = 0;
    const restarted = open();
    expect(restarted.loaded.sources.get('finra_collector.facilities')?.source).toBe('chat');
    await restarted.ingest.run('shortvol', { from: '2021-01-26', to: '2021-01-26' });
    expect(requested).toEqual(['CNMSshvol20210126.txt', 'FNSQshvol20210126.txt']);
  });
});

describe('every setting /set accepts is read after it is set', () => {
  it('reads each settable key while the jobs and commands run, none only when a service was built', async () => {
    // the app starts before GME's run-up: a live run then is tracked, so the learning job has an outcome
    // to classify (a clock moved back instead would make the rate limiters wait for the lost time)
    clock.set('2021-01-04T22:00:00Z');
    const app = open({
      FINNHUB_API_KEY: 'test-key',
      TELEGRAM_ADMIN_IDS: '1',
      SMTP_URL: 'smtp://127.0.0.1:9',
      EMAIL_TO: 'me@example.com',
    });
    writeMarket(app.db, '2021-01-27', 140, {
      GME: {
        close: runUp(20, 5, 0.4),
        // a first spike on 2021-01-04, sixteen sessions before the last day
        volume: (i, n) => (i === n - 17 ? 12_000_000 : spikeLast(2_000_000, 6)(i, n)),
        shortShare: 0.6,
      },
      AMC: { close: flat(5), volume: steady(3_000_000), shortShare: 0.4 },
      // a spike with no short-interest report: scored on the volume-only weights
      KOSS: { close: runUp(4, 5, 0.5), volume: spikeLast(500_000, 8), shortShare: 0.5 },
    });
    writeShortInterest(app.db, {
      symbol: 'GME',
      settlement: '2021-01-15',
      published: '2021-01-26',
      shares: 68_000_000,
      previous: 61_000_000,
    });
    // branches a default config never takes: escalation, email on, a user from the config
    for (const line of [
      '/set alerting.escalation.enabled true',
      '/set alerting.channels.email.enabled true',
      '/set alerting.channels.telegram.chat_ids [-100500]',
      '/set chat.users [{ id: "7", role: viewer }]',
    ])
      expect(oneLine(await say(app, line))).toContain('In effect now');

    // from here on, what is read was read by a run, a job or a command: not captured when built
    const { reads, stop } = recordReads(app.settings);
    try {
      await app.pipeline.run();
      clock.set('2021-01-28T12:00:00Z');
      // a position bought well above today's price: the dip scan has a dip to analyse
      await say(app, '/buy GME 10 200');
      for (const job of app.scheduling.scheduler.status())
        if (job.enabled) {
          const r = await app.scheduling.scheduler.runNow(job.name).catch((e: Error) => e.message);
          if (process.env.DEBUG_REACH) console.log(job.name, r);
        }
      await app.ingest.run('shortinterest', { from: '2021-01-15', to: '2021-01-15' });
      clock.advance(1000); // a run's id is its start second
      await app.pipeline.run({ asOf: '2021-01-27' });
      app.alerts.escalateDue();
      await app.digest.render();
      for (const line of [
        '/top',
        '/ticker GME',
        '/chart GME',
        '/why GME',
        '/add KOSS',
        '/watchlist',
        '/basket meme',
        '/basket megacap',
        '/quiet 06:00-08:00',
        '/report daily',
        '/report weekly',
        '/performance',
        '/missed',
        '/suggest',
        '/portfolio',
        '/dips',
        '/thresholds',
        '/status',
      ])
        if (process.env.DEBUG_REACH) console.log(line, '→', (await say(app, line)).slice(0, 300));
        else await say(app, line);
      for (let i = 0; i < 2; i++) await sayTo(app, '/top', { userId: '99', userName: 'stranger', chatType: 'private' });
    } finally {
      stop();
    }

    const settable = [...app.loaded.sources.keys()].filter((k) => settingMark(k) === null);
    expect(settable.length).toBeGreaterThan(80);
    expect(settable.filter((k) => !wasRead(reads, k))).toEqual([]);
  });

  it('refuses a key no code reads, and a restart-only one, changing nothing', async () => {
    const app = open();
    expect(oneLine(await say(app, '/set short_interest.quality_threshold 0.9'))).toContain('not used by this version');
    expect(oneLine(await say(app, '/set telegram.request_timeout_ms 5000'))).toContain('read at start');
    expect(app.settings.stored()).toEqual([]);
  });
});
