import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEGA_CAPS, MEGA_SPIKE, PLANTED, TODAY, WORLD_NOW } from '../fixtures/keyless-world/market';
import { runCliAt } from '../support/cli-at';
import { keylessEnv, printedBudget, providersDown, topTickers, whyReply } from '../support/keyless-cli';
import { startKeylessServer, type KeylessServer } from '../support/keyless-server';

// Issue 11 as a new user meets it: `npm start` with no API keys on an empty store, its input piped
// (`/top`, then `/why` for a mega cap and a planted name). One local server plays every keyless host
// with a market of ~1,000 symbols (fixtures/keyless-world): 60 sessions of CNMS files in which four
// small/mid caps and AAPL carry a planted volume spike today, the screener, the directory, two shrt
// files and Yahoo for whoever asks. No symbol was ever tracked, so whatever /top ranks was discovered
// from the whole-market files. "Now" is 19:30 New York time on Thursday 2026-11-19 (shifted-clock.ts).
//
// Needs two pieces under way elsewhere: a piped first `start` that backfills and scans before it answers
// (today only an interactive one does), and the off-exchange volume proxy (without Polygon the screener
// gives one bar a day, so the spike has to come from FINRA's TotalVolume history).

const INPUT = `/top\n/why ${MEGA_SPIKE}\n/why MSFT\n/why ${PLANTED[0]}\n`;

describe('npm start, piped, on an empty store with the keyless providers answering', () => {
  let server: KeylessServer;
  let dir = '';
  let run: Awaited<ReturnType<typeof runCliAt>>;

  beforeAll(async () => {
    server = await startKeylessServer();
    dir = mkdtempSync(join(tmpdir(), 'squeezebot-keyless-'));
    run = await runCliAt(['start'], keylessEnv(dir, 'keyless.db', server.env()), { now: WORLD_NOW, input: INPUT });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the piped commands and exits 0 at the end of its input', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No TELEGRAM_BOT_TOKEN: opening the console chat');
  });

  it('backfills the empty store first, printing its budget', () => {
    expect(run.stdout).toMatch(/^The store has no short volume yet: fetching what a scan needs — 60 sessions/m);
    expect(printedBudget(run.stdout)).toBe(65);
    expect(run.stdout).toMatch(/^backfill: 65 of 65 requests, \d+ rows stored; nothing failed$/m);
  });

  it('makes no more whole-market requests than the budget it printed', () => {
    const budget = printedBudget(run.stdout) ?? 0;
    const wholeMarket = server.hits.filter((h) => h.host !== 'yahoo');
    expect(wholeMarket.length).toBeGreaterThan(0);
    expect(wholeMarket.length).toBeLessThanOrEqual(budget);
    // before the first scan, everything (Yahoo included) fits in the budget
    const scanAt = run.lines.find((l) => l.text.startsWith('First scan'))?.at ?? Infinity;
    expect(server.hits.filter((h) => h.at < scanAt).length).toBeLessThanOrEqual(budget);
    expect(server.hits.filter((h) => h.host === 'unknown')).toEqual([]);
  });

  it('asks Yahoo at most once per short-list symbol', () => {
    const charts = server.hits.filter((h) => h.host === 'yahoo' && h.path.startsWith('/v8/finance/chart/'));
    const symbols = charts.map((h) => decodeURIComponent(h.path.split('/')[4]!.split('?')[0]!));
    expect(new Set(symbols).size).toBe(symbols.length);
    // the short list: the volume candidates (at most max_candidates) — no whole-market per-symbol sweep
    expect(symbols.length).toBeLessThanOrEqual(100);
  });

  it('ranks the planted names in /top although no symbol was ever tracked', () => {
    const ranked = topTickers(run.stdout);
    expect(ranked, run.stdout).toEqual(expect.arrayContaining([...PLANTED]));
  });

  it('cuts the AAPL-sized caps at the market-cap filter, not the volume filter', () => {
    for (const mega of MEGA_CAPS) expect(topTickers(run.stdout)).not.toContain(mega);
    expect(whyReply(run.stdout, MEGA_SPIKE)).toMatch(
      /^Cut at universe — market cap \$3\.4\d+T, above the \$10B max\.$/m,
    );
    expect(whyReply(run.stdout, 'MSFT')).toMatch(/^Cut at universe — market cap \$[\d.]+T, above the \$10B max/m);
  });

  it('fetched the history of the listed names the proxy found, after the first scan began, once each', () => {
    const scanAt = run.lines.find((l) => l.text.startsWith('First scan'))?.at ?? Infinity;
    const charts = server.hits.filter((h) => h.host === 'yahoo' && h.path.startsWith('/v8/finance/chart/'));
    expect(charts.every((h) => h.at >= scanAt)).toBe(true);
    const charted = charts.map((h) => decodeURIComponent(h.path.split('/')[4]!.split('?')[0]!));
    expect(charted).toEqual(expect.arrayContaining([...PLANTED]));
    const why = whyReply(run.stdout, PLANTED[0]);
    expect(why).toMatch(/^Picked: rank \d+/m);
  });
});

describe('npm start, piped, on an empty store with every provider down', () => {
  let dir = '';
  let hosts: string[] = [];
  let run: Awaited<ReturnType<typeof runCliAt>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'squeezebot-keyless-down-'));
    const down = await providersDown();
    hosts = down.hosts;
    run = await runCliAt(['start'], keylessEnv(dir, 'down.db', down.env), { now: WORLD_NOW, input: '/top\n' });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 at the end of its input, quickly', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.ms).toBeLessThan(30_000);
  });

  it('says at start which hosts it cannot reach', () => {
    const said = run.lines.map((l) => l.text).filter((t) => /cannot reach/.test(t) && !t.startsWith('No pipeline'));
    expect(said.length, run.stdout).toBeGreaterThan(0);
    for (const host of hosts) expect(said.join('\n')).toContain(host);
  });

  it('answers /top with the plain cannot-reach reply and the offline path', () => {
    const reply = run.lines.map((l) => l.text).find((t) => t.startsWith(`No pipeline run as of ${TODAY} yet.`));
    expect(reply, run.stdout).toMatch(
      /^No pipeline run as of 2026-11-19 yet\. No network: cannot reach .+ — nothing to scan yet\. Offline: squeezebot import FOLDER, then squeezebot chat --as-of DATE\.$/,
    );
    for (const host of hosts) expect(reply).toContain(host);
    expect(reply).not.toMatch(/threshold|spelling/i);
  });

  it('never shows a ranking', () => {
    expect(topTickers(run.stdout)).toEqual([]);
  });
});

describe('npm start, piped, on an empty store during market hours', () => {
  let server: KeylessServer;
  let dir = '';
  let run: Awaited<ReturnType<typeof runCliAt>>;

  beforeAll(async () => {
    server = await startKeylessServer();
    dir = mkdtempSync(join(tmpdir(), 'squeezebot-keyless-open-'));
    // 11:00 New York time: the screener holds live prices, FINRA's newest file is yesterday's
    run = await runCliAt(['start'], keylessEnv(dir, 'open.db', server.env()), {
      now: '2026-11-19T16:00:00.000Z',
      input: '/top\n',
    });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backfills through yesterday, stores no live price as a close, and says when the closes come', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/60 sessions of FINRA short-volume files \(2026-08-26 to 2026-11-18;/);
    expect(run.stdout).not.toMatch(/day of screener bars/);
    // the reply wraps for a phone: from its first line on, its words read as one line
    const words = run.stdout.replace(/\s+/g, ' ');
    const reply = words.slice(words.indexOf('Run discovery_'));
    expect(reply, run.stdout).toMatch(
      /ranked nothing\. No closes held yet: until 16:30 ET the Nasdaq screener holds live prices, which are not stored as a close\./,
    );
  });
});
