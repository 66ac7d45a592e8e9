import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from '../support/cli';
import Database from 'better-sqlite3';
import { hasSharedData, sharedPath, SHARED_SKIP_MESSAGE } from '../support/shared-data';
import { GME_2021_01_15 } from '../fixtures/collectors/payloads';
import { shrtFileText } from '../fixtures/collectors/finra-shrt';

// The CLI as users start it: `node bin/squeezebot.mjs <verb>` in a child process. Every provider
// base URL points at 127.0.0.1, so nothing here can reach a real provider host.

let dir: string;
let server: Server;
let port: number;
let closedPort: number;

/** Local stand-in: answers FINRA's file host; everything else is a closed port. */
function localEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // no .env of the developer's may leak keys (and real hosts) into these runs
  return isolatedEnv({
    dir,
    dbPath: join(dir, 'cli.db'),
    closedPort,
    extra: { SQUEEZEBOT_CFG__providers__finra_files__base_url: `http://127.0.0.1:${port}`, ...extra },
  });
}

const cli = (args: string[], env = localEnv()) => runCli(args, env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-cli-'));
  server = createServer((req, res) => {
    if (req.url?.startsWith('/equity/regsho/daily/')) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market\r\n0\r\n');
    } else if (req.url === '/equity/otcmarket/biweekly/shrt20210115.csv') {
      res.writeHead(200, { 'content-type': 'binary/octet-stream' });
      res.end(shrtFileText([GME_2021_01_15]));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as { port: number }).port;
  // a port that was just free: connecting to it is refused
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((ok) => probe.close(ok));
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('squeezebot CLI', () => {
  it('lists its verbs, and answers an unknown verb or a bad argument with the usage line', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const verb of ['start', 'import', 'ingest', 'doctor']) expect(help.stdout).toContain(`squeezebot ${verb}`);
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown verb "frobnicate"/);
    const bad = await cli(['ingest', 'shortvol', '--date', '2021-01-27', '--from', '2021-01-01', '--to', '2021-01-05']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/give --date or --from\/--to, not both\nusage: squeezebot ingest/);
    const dataset = await cli(['ingest', 'prices']);
    expect(dataset.stderr).toMatch(/unknown dataset "prices"/);
  });

  it('doctor explains each unreachable provider in one line and exits 1', async () => {
    const r = await cli(['doctor'], localEnv({ POLYGON_API_KEY: 'k' }));
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.includes('finra_files'))).toMatch(/^ok\s+finra_files\s+reachable in \d+ ms/);
    expect(lines.find((l) => l.includes(' yahoo '))).toMatch(
      /^FAIL yahoo\s+unreachable: connection refused .*— check the network\/proxy, or providers\.yahoo\.base_url \(http:\/\/127\.0\.0\.1:\d+\)/,
    );
    expect(lines.find((l) => l.includes(' polygon '))).toMatch(/^FAIL polygon\s+unreachable/);
    expect(lines.find((l) => l.includes(' fmp '))).toMatch(/^off\s+fmp\s+not configured — set FMP_API_KEY/);
    expect(lines.find((l) => l.includes('database'))).toMatch(/^ok\s+database\s+.*cli\.db \(wal, integrity ok\)/);
    // one summary naming the hosts not reached and the consequence (empty store); FINRA answered: not "no network"
    expect(lines.find((l) => /^FAIL data /.test(l))).toMatch(
      /providers? down: cannot reach 127\.0\.0\.1:\d+ — nothing to scan yet$/,
    );
    expect(lines.find((l) => l.includes(' offline '))).toMatch(
      /squeezebot import FOLDER, then squeezebot chat --as-of/,
    );
    expect(r.stdout).toMatch(/check\(s\) failed\.$/m);
  });

  it('refuses a bad config at start, naming every bad key, exit 1', async () => {
    const r = await cli(
      ['doctor'],
      localEnv({
        SQUEEZEBOT_CFG__adhoc__max_active_candidates: '-1',
        SQUEEZEBOT_CFG__alerting__cooldown__high_alert_dayz: '3',
      }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/adhoc\.max_active_candidates: .*\[from env\]/);
    expect(r.stdout + r.stderr).toMatch(/unknown key\(s\) alerting\.cooldown\.high_alert_dayz/);
  });

  it('ingest skips a holiday with a note and stores an empty FINRA day without error', async () => {
    const holiday = await cli(['ingest', 'shortvol', '--date', '2021-01-18']);
    expect(holiday.code).toBe(0);
    expect(holiday.stdout).toMatch(/skipped .*2021-01-18 is a market holiday \(Martin Luther King/);
    const empty = await cli(['ingest', 'shortvol', '--date', '2021-01-27']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^empty\s+shortvol\s+2021-01-27\s+0 rows/m);
  });

  it('ingest shortinterest --date takes the keyless CDN file when there are no FINRA credentials', async () => {
    const r = await cli(['ingest', 'shortinterest', '--date', '2021-01-15']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ok\s+shortinterest\s+2021-01-15\s+1 rows\s+finra cdn shrt file$/m);
  });

  it.skipIf(!hasSharedData)(
    'imports ../shared/data/meme-2020-2021: 12 symbols, 231 short-volume days, bars',
    async () => {
      const db = join(dir, 'meme.db');
      const r = await cli(['import', sharedPath('meme-2020-2021'), '--db', db]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/0 rejected/);
      const sqlite = new Database(db, { readonly: true });
      expect(
        sqlite.prepare("SELECT count(DISTINCT symbol) FROM short_volume WHERE facility = 'CNMS'").pluck().get(),
      ).toBe(12);
      expect(sqlite.prepare('SELECT count(DISTINCT date) FROM short_volume').pluck().get()).toBe(231);
      expect(sqlite.prepare('SELECT count(DISTINCT symbol) FROM daily_bars').pluck().get()).toBe(12);
      expect(
        sqlite.prepare("SELECT close FROM daily_bars WHERE symbol = 'GME' AND date = '2021-01-27'").pluck().get(),
      ).toBeCloseTo(347.51, 2);
      sqlite.close();
    },
  );
  if (!hasSharedData) it.skip(SHARED_SKIP_MESSAGE, () => {});
});
