import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from '../support/cli';
import { startKeylessMarket, type KeylessMarket } from '../support/keyless-market-server';

// `squeezebot ingest backfill` as users run it: the real CLI in a child process against one local server
// standing in for FINRA's CDN, the Nasdaq Trader directory and the Nasdaq screener. Every request is
// counted: the budget the CLI prints is what goes over the wire, and a second run fetches nothing.

let market: KeylessMarket;
let dir = '';
let seen: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-backfill-'));
  market = await startKeylessMarket();
  seen = market.seen;
});
afterAll(async () => {
  await market.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (db = 'backfill.db') => isolatedEnv({ dir, dbPath: join(dir, db), extra: market.env });

describe('squeezebot ingest backfill', () => {
  it('prints the budget, a progress line per step and the outcome lines, and keeps the budget', async () => {
    const r = await runCli(['ingest', 'backfill', '--sessions', '3'], env());
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'backfill: 3 FINRA short-volume files, 2 short-interest files, 1 screener request, 2 directory files — 8 requests',
    );
    expect(lines.filter((l) => /^\[[#.]+\] +\d+\/8 /.test(l)).at(-1)).toMatch(/ 8\/8 /);
    expect(lines.filter((l) => /^ok +shortvol/.test(l))).toHaveLength(3);
    expect(lines.filter((l) => /^ok +shortinterest/.test(l))).toHaveLength(2);
    expect(lines.some((l) => /^ok +universe/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^backfill: 8 of 8 requests, \d+ rows stored; nothing failed$/);
    expect(seen).toHaveLength(8);
    expect(seen.filter((p) => p.endsWith('screener/stocks'))).toHaveLength(1);
    expect(r.code).toBe(0);
  });

  it('a second run plans nothing and fetches nothing', async () => {
    seen.length = 0;
    const r = await runCli(['ingest', 'backfill', '--sessions', '3'], env());
    expect(r.stdout).toMatch(/^backfill: nothing to fetch/);
    expect(seen).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('says so when the all-exchange screener answer failed and the per-exchange requests went over the budget', async () => {
    seen.length = 0;
    market.allExchanges = 'short';
    try {
      const r = await runCli(['ingest', 'backfill', '--sessions', '3'], env('fallback.db'));
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/1 screener request, 2 directory files — 8 requests$/);
      expect(lines.at(-1)).toMatch(
        /^backfill: 11 of 8 requests \(3 screener requests more than planned: a failed answer was asked again, see the log\), \d+ rows stored; nothing failed$/,
      );
      expect(seen).toHaveLength(11);
      expect(r.code).toBe(0);
    } finally {
      market.allExchanges = 'rows';
    }
  });

  it('refuses a bad --sessions with the usage line', async () => {
    const r = await runCli(['ingest', 'backfill', '--sessions', 'lots'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sessions is a number of sessions/);
  });
});
