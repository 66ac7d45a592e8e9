import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, type CliResult } from '../support/cli';
import { FAST_SCREENER, startKeylessMarket, type KeylessMarket } from '../support/keyless-market-server';

// The keyless first start as a script meets it: `printf '/top\n' | squeezebot start` (no token, stdin a
// pipe) on an empty store, the real CLI in a child process against one local stand-in for FINRA's CDN,
// the Nasdaq Trader directory and the Nasdaq screener. The backfill prints plain lines, the first scan
// runs, and only then is the piped /top answered — once. Every other provider is a closed local port.

let market: KeylessMarket;
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-first-start-'));
  market = await startKeylessMarket();
});
afterAll(async () => {
  await market.close();
  rmSync(dir, { recursive: true, force: true });
});

const SHIFTED_CLOCK = resolve(import.meta.dirname, '../support/shifted-clock.ts');

/**
 * `start` with `input` piped in, on the store `db` in the test's dir; resolves when the process ends.
 * `now` shifts the child's clock (the plan differs before and after the close: a bars step joins it).
 */
function startPiped(
  db: string,
  input: string,
  options: { extra?: NodeJS.ProcessEnv; args?: string[]; now?: string } = {},
) {
  const env = isolatedEnv({
    dir,
    dbPath: join(dir, db),
    extra: {
      SQUEEZEBOT_CFG__app__backfill_sessions: '3',
      SQUEEZEBOT_CFG__app__data_dir: join(dir, 'data'),
      ...options.extra,
    },
  });
  const clock = options.now ? ['--import', 'tsx', '--import', SHIFTED_CLOCK] : [];
  if (options.now) env.SQUEEZEBOT_TEST_NOW = options.now;
  const child = spawn(process.execPath, [...clock, BIN, 'start', ...(options.args ?? [])], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdin.end(input);
  return new Promise<CliResult>((ok) => child.on('close', (code) => ok({ code: code ?? -1, stdout, stderr })));
}

const BUDGET =
  'backfill: 3 FINRA short-volume files, 2 short-interest files, 1 screener request, 2 directory files — 8 requests';
/** /top's answer from a run (a ranking, or a run that ranked nothing): not "no pipeline run yet" */
const TOP_FROM_A_RUN =
  /^(Top \d+ · as of \d{4}-\d{2}-\d{2}|Run discovery_\d{8}_\d{6} \(as of(?: \d{4}-\d{2}-\d{2},\s+completed\))?$)/m;

// each spawn compiles the sources through tsx: seconds apiece on a busy machine
describe('squeezebot start, piped, on an empty store', { timeout: 90_000 }, () => {
  it('backfills with a plain line per step, runs the first scan, then answers the piped /top once', async () => {
    market.seen.length = 0;
    const r = await startPiped('first.db', '/top\n', { extra: market.env });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain(
      'Providers: keyless FINRA, Nasdaq Trader, the Nasdaq screener and Yahoo (no API keys set).',
    );
    const budget = lines.indexOf(BUDGET);
    expect(lines[budget - 1]).toMatch(/^The store has no short volume yet: fetching what a scan needs — 3 sessions/);
    // piped: no \r-rewritten bar, a line per step up to the whole budget
    expect(r.stdout).not.toContain('\r');
    const steps = lines.filter((l) => /^\[[#.]+\] +\d+\/8 /.test(l));
    expect(steps.length).toBeGreaterThanOrEqual(6);
    expect(steps.at(-1)).toMatch(/ 8\/8 short volume /);
    const summary = lines.findIndex((l) => /^backfill: 8 of 8 requests, \d+ rows stored; nothing failed$/.test(l));
    expect(summary).toBeGreaterThan(budget);
    const scan = lines.indexOf('First scan…');
    expect(scan).toBeGreaterThan(summary);
    // the piped /top speaks after the scan, from the scan's run; the first start adds no /top of its own
    const tops = lines.map((l, i) => [l, i] as const).filter(([l]) => TOP_FROM_A_RUN.test(l));
    expect(tops, r.stdout).toHaveLength(1);
    expect(tops[0]![1]).toBeGreaterThan(scan);
    expect(r.stdout).not.toMatch(/No pipeline run/);
    expect(market.seen).toHaveLength(8);
    // piped: no background daily update and no scheduler beside the script
    expect(r.stdout).not.toMatch(/Data update|Scheduler running/);
  });

  it('a second start on that store fetches nothing more and answers /top from the stored run', async () => {
    market.seen.length = 0;
    const r = await startPiped('first.db', '/top\n', { extra: market.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/^backfill:/m);
    expect(r.stdout).not.toContain('First scan…');
    expect(r.stdout.split('\n').filter((l) => TOP_FROM_A_RUN.test(l))).toHaveLength(1);
    expect(market.seen).toEqual([]);
  });

  // Before the close the plan has no bars step; after it, the bars step shares the universe's screener
  // snapshot — which failed, so its retry meets the open circuit: no request goes out, none is counted
  // (CI at 21:41 UTC once printed "5 of 8 requests (1 screener request more than planned …)").
  it.each([
    ['midday', '2026-12-02T16:00:00Z'],
    ['evening, after the close', '2026-12-02T23:30:00Z'],
  ])(
    'offline (%s): stops after three failures with the hosts it could not reach, and /top names the cause',
    async (_, now) => {
      // every provider on the closed port isolatedEnv sets
      const r = await startPiped(`offline-${now.slice(11, 13)}.db`, '/top\n', { extra: FAST_SCREENER, now });
      expect(r.stdout).not.toMatch(/more than planned/);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /^backfill: \d+ of 8 requests, 0 rows stored; 3 failed — stopped after 3 failures in a row/m,
      );
      expect(r.stdout).toMatch(
        /^No network: cannot reach 127\.0\.0\.1:9 — nothing to scan yet\. Offline: squeezebot import FOLDER, then squeezebot chat --as-of DATE\.$/m,
      );
      expect(r.stdout).not.toContain('First scan…');
      expect(r.stdout).toMatch(
        /^No pipeline run as of \d{4}-\d{2}-\d{2} yet\. No network: cannot reach 127\.0\.0\.1:9/m,
      );
    },
  );

  it('--no-update opens the chat on the empty store without fetching anything', async () => {
    market.seen.length = 0;
    const r = await startPiped('skipped.db', '/top\n', { extra: market.env, args: ['--no-update'] });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/^backfill:/m);
    expect(r.stdout).toMatch(/^No pipeline run as of/m);
    expect(market.seen).toEqual([]);
  });
});
