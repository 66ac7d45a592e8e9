import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finraShrtFor } from '../fixtures/backfill/market';
import { NASDAQ_LISTED, OTHER_LISTED } from '../fixtures/collectors/payloads';
import { allExchangeRows, MARKET, screenerEnvelope, screenerRow, type Exchange } from '../fixtures/nasdaq-api/screener';
import { finraShortVolumeText } from '../support/ingest-harness';
import { isolatedEnv, runCli } from '../support/cli';

// `squeezebot ingest backfill` as users run it: the real CLI in a child process against one local server
// standing in for FINRA's CDN, the Nasdaq Trader directory and the Nasdaq screener. Every request is
// counted: the budget the CLI prints is what goes over the wire, and a second run fetches nothing.

let server: Server;
let base = '';
let dir = '';
const seen: string[] = [];
/** what the screener answers without `exchange`: every exchange's rows, or too few (a failed fetch) */
let allExchanges: 'rows' | 'short' = 'rows';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-backfill-'));
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    seen.push(url.pathname);
    const vol = /CNMSshvol(\d{4})(\d{2})(\d{2})\.txt$/.exec(url.pathname);
    const shrt = /shrt(\d{4})(\d{2})(\d{2})\.csv$/.exec(url.pathname);
    const exchange = url.searchParams.get('exchange') as Exchange | null;
    if (vol) res.end(finraShortVolumeText(`${vol[1]}-${vol[2]}-${vol[3]}`, [['GME', 600, 0, 1000, 'Q']]));
    else if (shrt) res.end(finraShrtFor(`${shrt[1]}-${shrt[2]}-${shrt[3]}`));
    else if (url.pathname.endsWith('nasdaqlisted.txt')) res.end(NASDAQ_LISTED);
    else if (url.pathname.endsWith('otherlisted.txt')) res.end(OTHER_LISTED);
    else if (url.pathname.endsWith('screener/stocks') && (!exchange || MARKET[exchange])) {
      const rows = exchange ? MARKET[exchange] : allExchanges === 'rows' ? allExchangeRows(MARKET)! : MARKET.amex;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(screenerEnvelope(rows.map(screenerRow))));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (db = 'backfill.db') =>
  isolatedEnv({
    dir,
    dbPath: join(dir, db),
    extra: {
      SQUEEZEBOT_CFG__providers__finra_files__base_url: base,
      SQUEEZEBOT_CFG__providers__nasdaq_trader__base_url: base,
      SQUEEZEBOT_CFG__providers__nasdaq_api__base_url: base,
      // the local screener is a market of a few rows, not thousands
      SQUEEZEBOT_CFG__providers__nasdaq_api__min_rows__nasdaq: '1',
      SQUEEZEBOT_CFG__providers__nasdaq_api__min_rows__nyse: '1',
      SQUEEZEBOT_CFG__providers__nasdaq_api__min_rows__amex: '1',
      // the default 6 a minute would pace a fallback's per-exchange requests 10 s apart
      SQUEEZEBOT_CFG__performance__api_rate_limits__nasdaq_api_calls_per_minute: '600',
    },
  });

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
    allExchanges = 'short';
    try {
      const r = await runCli(['ingest', 'backfill', '--sessions', '3'], env('fallback.db'));
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/1 screener request, 2 directory files — 8 requests$/);
      expect(lines.at(-1)).toMatch(
        /^backfill: 11 of 8 requests \(3 screener requests more than planned: an answer failed its check, see the log\), \d+ rows stored; nothing failed$/,
      );
      expect(seen).toHaveLength(11);
      expect(r.code).toBe(0);
    } finally {
      allExchanges = 'rows';
    }
  });

  it('refuses a bad --sessions with the usage line', async () => {
    const r = await runCli(['ingest', 'backfill', '--sessions', 'lots'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sessions is a number of sessions/);
  });
});
