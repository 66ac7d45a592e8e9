import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleDeps } from '../../src/cli/chat.verb';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { useMsw } from '../support/msw';
import { oneLine } from '../support/phone-width';

// Offline with an empty store, as a newcomer on a plane meets it: every provider host fails at the network
// level. Each surface names the hosts it could not reach and the offline path, not a spelling mistake
// or an empty ranking with no reason.

useMsw(http.all('*', () => HttpResponse.error()));

let dir: string;
let app: App;
const clock = fakeClock('2024-11-26T23:30:00Z'); // 18:30 New York, after FINRA's file is due

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-offline-'));
  app = createApp({
    dbPath: join(dir, 'offline.db'),
    env: {},
    clock,
    logLevel: 'silent',
    // one attempt per call: the point is what is said afterwards, not how long retries wait
    tweak: (l) => (l.config.performance.error_handling.max_retries = 0),
  });
  await app.ingest.daily();
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const OFFLINE = 'squeezebot import FOLDER, then squeezebot chat --as-of DATE';

describe('offline, empty store', () => {
  it('an empty /top names the hosts it could not reach and the offline path', async () => {
    const text = oneLine((await sayTo(app, '/top')).text);
    expect(text).toMatch(/No network: cannot reach [^—]*cdn\.finra\.org[^—]* — nothing to scan yet\./);
    expect(text).toContain(OFFLINE);
    expect(text).not.toContain('/scan runs one now');
  });

  it('/ticker GME says the store is empty and offline, not "check the spelling"', async () => {
    const text = oneLine((await sayTo(app, '/ticker GME')).text);
    expect(text).toContain('I have no data for GME.');
    expect(text).toMatch(/No network: cannot reach .*cdn\.finra\.org/);
    expect(text).not.toMatch(/spelling/i);
  });

  it('/status and /pipeline lead with the unreachable hosts and what that means', async () => {
    const status = (await sayTo(app, '/status')).text;
    // the cause comes first, under the title line, wrapped for a phone
    expect(status.split('\n')[1]).toMatch(/^⚠ No network: cannot reach/);
    expect(oneLine(status.split('<b>Data</b>')[0]!)).toMatch(
      /⚠ No network: cannot reach .*cdn\.finra\.org.* — nothing to scan yet\./,
    );
    expect(oneLine(status)).toContain(OFFLINE);
    expect(oneLine((await sayTo(app, '/pipeline')).text)).toContain(OFFLINE);
  });

  it('opens the console chat with the store state and the offline path', () => {
    const deps = consoleDeps(app, { args: [], flags: {}, out: () => {}, err: () => {} });
    const line = deps.greeting!();
    expect(line).toMatch(/^Store: empty\. No network: cannot reach .*cdn\.finra\.org/);
    expect(line).toContain(`Offline: ${OFFLINE}.`);
  });
});

describe('a misspelt ticker with the providers answering', () => {
  it('still suggests checking the spelling', async () => {
    app.db.$client
      .prepare(
        `INSERT INTO daily_bars (symbol, date, close, volume, source, published_on) VALUES ('GME', '2024-11-26', 10, 1000, 'test', '2024-11-26')`,
      )
      .run();
    // the daily update above failed at the network level for the other providers: clear them as answered
    for (const p of app.repos.providerHealth.all())
      app.repos.providerHealth.call({
        provider: p.provider,
        url: 'x',
        ok: true,
        status: 200,
        ms: 1,
        at: new Date(clock.now().getTime() + 1000),
      });
    expect(oneLine((await sayTo(app, '/ticker GMEE')).text)).toContain('Check the spelling');
  });
});
