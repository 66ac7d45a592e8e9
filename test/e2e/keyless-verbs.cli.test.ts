import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { MEGA_SPIKE, PLANTED, TODAY, WORLD_NOW } from '../fixtures/keyless-world/market';
import { runCliAt } from '../support/cli-at';
import { countByHost, keylessEnv, printedBudget, providersDown, topTickers, whyReply } from '../support/keyless-cli';
import { startKeylessServer, type KeylessServer } from '../support/keyless-server';

// The keyless world of keyless-start.cli.test.ts driven by hand, verb by verb, as the README's
// `squeezebot ingest backfill` then `scan` then `chat "/top"`: the same discovery without `start`.
// Each process starts a minute after the one before (run ids are per second).

const at = (minutes: number) => new Date(Date.parse(WORLD_NOW) + minutes * 60_000).toISOString();

describe('ingest backfill, scan and chat on an empty store, the keyless providers answering', () => {
  let server: KeylessServer;
  let dir = '';
  let env: NodeJS.ProcessEnv;
  let step = 0;
  const cli = (...args: string[]) => runCliAt(args, env, { now: at(step++) });

  beforeAll(async () => {
    server = await startKeylessServer();
    dir = mkdtempSync(join(tmpdir(), 'squeezebot-keyless-verbs-'));
    env = keylessEnv(dir, 'verbs.db', server.env());
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backfills 60 sessions of CNMS files, two shrt files, the screener and the directory in its 65-request budget', async () => {
    const r = await cli('ingest', 'backfill');
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(
      'backfill: 60 FINRA short-volume files, 2 short-interest files, 1 screener request, 2 directory files — 65 requests',
    );
    expect(r.stdout).toMatch(/^backfill: 65 of 65 requests, \d+ rows stored; nothing failed$/m);
    expect(server.hits).toHaveLength(printedBudget(r.stdout)!);
    expect(countByHost(server.hits)).toEqual({ finra_files: 62, nasdaq_api: 1, nasdaq_trader: 2 });
    // the 60 sessions ending today, Labor Day skipped: no request for a day without a file
    const sessions = tradingDaysBetween(addTradingDays(TODAY, -59), TODAY).map((d) => d.replaceAll('-', ''));
    const files = server.hits.flatMap((h) => /CNMSshvol(\d{8})/.exec(h.path)?.[1] ?? []);
    expect(files.sort()).toEqual(sessions);
    expect(server.hits.every((h) => h.status === 200)).toBe(true);
    expect(r.stdout).toMatch(/^ok +bars +2026-11-19 +\d+ rows +nasdaq screener/m);
    expect(r.code).toBe(0);
  }, 60_000);

  it('scans: the market-cap filter cuts the mega caps at the universe stage', async () => {
    const r = await cli('scan');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^universe +1,0\d\d → +\d+/m);
    expect(r.stdout).toMatch(/^ +cut: .*market cap above max \d+/m);
    const why = await cli('chat', `/why ${MEGA_SPIKE}`);
    // the reply wraps for a phone: its words read as one line once the breaks are spaces
    expect(why.stdout.replace(/\s+/g, ' ')).toMatch(/Cut at universe — market cap \$3\.4\d+T, above the \$10B max\./);
  }, 60_000);

  it('ranks the planted names in /top from the whole-market files alone', async () => {
    const r = await cli('chat', '/top');
    expect(topTickers(r.stdout), r.stdout).toEqual(expect.arrayContaining([...PLANTED]));
    expect(topTickers(r.stdout)).not.toContain(MEGA_SPIKE);
  }, 60_000);

  it('the scan fetched the history of the listed names the proxy found, once each, and ranked them on it', async () => {
    // the discovery pass ran on FINRA's off-exchange volume (no symbol had 21 bars); the names it listed
    // got a year of Yahoo bars and the float, and the saved run is on those
    const charts = server.hits.filter((h) => h.host === 'yahoo' && h.path.startsWith('/v8/finance/chart/'));
    const charted = charts.map((h) => decodeURIComponent(h.path.split('/')[4]!.split('?')[0]!));
    expect(charted).toEqual(expect.arrayContaining([...PLANTED]));
    expect(new Set(charted).size).toBe(charted.length);
    expect(charted).not.toContain(MEGA_SPIKE);
    const r = await cli('chat', `/why ${PLANTED[0]}`);
    expect(whyReply(r.stdout, PLANTED[0]), r.stdout).toMatch(/^Picked: rank \d+/m);
    expect(whyReply(r.stdout, PLANTED[0])).not.toMatch(/off_exchange_proxy/);
  }, 60_000);

  it('with a year of Yahoo bars for the planted names and AAPL, ranks every planted name and still cuts AAPL by cap', async () => {
    const before = server.hits.length;
    const symbols = [...PLANTED, MEGA_SPIKE];
    const bars = await cli('ingest', 'bars', '--from', '2025-11-19', '--to', TODAY, '--symbols', symbols.join(','));
    expect(bars.stdout).toMatch(/^ok +bars +2026-11-19 +\d+ rows +yahoo chart +— 5\/5 symbols$/m);
    const yahoo = server.hits.slice(before);
    expect(yahoo.map((h) => h.host)).toEqual(symbols.map(() => 'yahoo'));
    expect((await cli('scan')).code).toBe(0);
    const top = await cli('chat', '/top');
    expect(topTickers(top.stdout), top.stdout).toEqual(expect.arrayContaining([...PLANTED]));
    expect(topTickers(top.stdout)).not.toContain(MEGA_SPIKE);
    const why = await cli('chat', `/why ${MEGA_SPIKE}`);
    expect(why.stdout.replace(/\s+/g, ' ')).toMatch(/Cut at universe — market cap \$[\d.]+T, above the \$10B max/);
  }, 60_000);
});

describe('ingest backfill and chat with every provider down', () => {
  let dir = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops after three failures and /top names each host it cannot reach', async () => {
    dir = mkdtempSync(join(tmpdir(), 'squeezebot-keyless-verbs-down-'));
    const { env, hosts } = await providersDown();
    const cliEnv = keylessEnv(dir, 'down.db', env);
    const backfill = await runCliAt(['ingest', 'backfill'], cliEnv, { now: at(0) });
    expect(backfill.stdout).toMatch(/stopped after 3 failures in a row \(network down\?\)/);
    expect(backfill.ms).toBeLessThan(20_000);
    const top = await runCliAt(['chat', '/top'], cliEnv, { now: at(1) });
    expect(top.stdout.trim()).toMatch(
      /^No pipeline run as of 2026-11-19 yet\. No network: cannot reach .+ — nothing to scan yet\. Offline: squeezebot import FOLDER, then squeezebot chat --as-of DATE\.$/,
    );
    for (const host of hosts) expect(top.stdout).toContain(host);
  }, 60_000);
});
