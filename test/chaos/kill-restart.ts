import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { isolatedEnv } from '../support/cli-process';
import { FAST_SCREENER, startKeylessMarket } from '../support/keyless-market-server';
import { writeFinraFolder } from '../support/finra-folder';
import { mulberry32 } from '../support/random';

// Chaos scenario (issue 14): kill -9 at a random instant of the first backfill and of the scan that
// follows, then start again and let both finish; every table must end as a clean run's does. The CLI is
// the real one (`node bin/squeezebot.mjs`, its clock shifted to a fixed weekday evening), the providers
// one local keyless market on 127.0.0.1 answering slowly enough for a kill to land mid-step.
// Logs of attempts (job runs, ingest attempts, provider calls, run ids) differ by nature between the two
// and are compared by what they must agree on only; data tables are compared row for row.

const BIN = resolve(import.meta.dirname, '../../bin/squeezebot.mjs');
const SHIFT = resolve(import.meta.dirname, '../support/shifted-clock.ts');
const NOW = '2026-12-02T23:30:00Z'; // a Wednesday, after FINRA's 18:00 ET posting and the close

/**
 * Secrets every child holds (none changes what a backfill or scan fetches: Finnhub's sentiment call goes
 * to the closed port and fails, its token in the URL): no output and no table may show one of them.
 */
const SECRETS = {
  FINNHUB_API_KEY: 'fh-chaos-7d1e9a',
  TELEGRAM_WEBHOOK_SECRET: 'whs-chaos-42f0c1',
  SMTP_URL: 'smtp://bot:sm-chaos-pa55@127.0.0.1:9',
};
const FORBIDDEN = ['fh-chaos-7d1e9a', 'whs-chaos-42f0c1', 'sm-chaos-pa55'].flatMap((v) => [
  v,
  Buffer.from(v).toString('base64'),
]);
/** every secret form found in `text` */
const secretsIn = (text: string) => FORBIDDEN.filter((f) => text.includes(f));

/** attempt logs: a re-run adds rows by design */
const LOG_TABLES = new Set([
  '__drizzle_migrations',
  // autoincrement counters: a killed attempt used up ids
  'sqlite_sequence',
  'dataset_status',
  // the market-writes log: a re-written batch is logged again, by design (market-cache.ts reads it)
  'market_writes',
  'provider_health',
  'job_runs',
  'pipeline_runs',
  'pipeline_stages',
  'pipeline_eliminations',
]);
/** columns that name an instant or an id of the attempt that wrote the row */
const VOLATILE = /(^id$|_at$|^run_id$|^fetched|^ingested|^created|^updated|^started|^finished)/;

export interface KillRestartResult {
  scenario: string;
  kills: number;
  killedAtMs: number[];
  /** the step each kill landed in */
  killedIn: string[];
  /** tables that differ from the clean run after restart (should be none) */
  differing: string[];
  /** children that ended neither 0 nor by the kill */
  crashes: number;
  cleanMs: number;
  /** rows the clean run holds in the compared tables: what the comparison had to match */
  cleanRows: number;
  /** secret forms found in any child's stdout/stderr or any table of any store (should be none) */
  secretsFound: string[];
}

const leaked = new Set<string>();

function run(args: string[], env: NodeJS.ProcessEnv, killAfterMs?: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', SHIFT, BIN, ...args], {
    env: { ...env, SQUEEZEBOT_TEST_NOW: NOW },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const started = performance.now();
  return new Promise<{ code: number | null; signal: string | null; ms: number; stderr: string }>((ok) =>
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      for (const f of secretsIn(stdout + stderr)) leaked.add(`${f} in the output of ${args.join(' ')}`);
      ok({ code, signal, ms: performance.now() - started, stderr });
    }),
  );
}

/** Every table as sorted rows of its non-volatile columns (log tables: their row count only is skipped). */
export function tableImage(dbPath: string): Map<string, string[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const out = new Map<string, string[]>();
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all() as string[];
    for (const t of tables) {
      if (LOG_TABLES.has(t)) continue;
      const cols = (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[])
        .map((c) => c.name)
        .filter((c) => !VOLATILE.test(c));
      if (!cols.length) continue;
      const rows = db
        .prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${t}"`)
        .raw()
        .all() as unknown[][];
      out.set(t, rows.map((r) => JSON.stringify(r)).sort());
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every row of every table (logs included) as text: what the secrets scan reads. */
function dumpAll(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
    return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).raw().all())).join('\n');
  } finally {
    db.close();
  }
}

export function differingTables(a: Map<string, string[]>, b: Map<string, string[]>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => JSON.stringify(a.get(n) ?? []) !== JSON.stringify(b.get(n) ?? [])).sort();
}

export async function killRestart(
  options: { kills?: number; seed?: number; sessions?: number; delayMs?: number; importDays?: number } = {},
) {
  const { kills = 6, seed = 20261202, sessions = 5, delayMs = 40, importDays = 10 } = options;
  const random = mulberry32(seed);
  // each answer delayed: a backfill lasts long enough past the CLI's start for kills to land inside it
  const market = await startKeylessMarket({ delayMs });
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-chaos-kill-'));
  const envFor = (db: string) =>
    isolatedEnv({
      dir,
      dbPath: join(dir, db),
      extra: {
        ...market.env,
        ...FAST_SCREENER,
        ...SECRETS,
        SQUEEZEBOT_CFG__app__backfill_sessions: String(sessions),
        SQUEEZEBOT_CFG__app__data_dir: join(dir, 'data'),
      },
    });
  // a folder of FINRA files imported between the backfill and the scan (imports commit in slices)
  const folder = join(dir, 'finra');
  writeFinraFolder(folder, { days: importDays, symbols: 4_000, from: '2026-09-01' });
  const steps: { name: string; args: string[] }[] = [
    { name: 'backfill', args: ['ingest', 'backfill'] },
    { name: 'import', args: ['import', folder] },
    { name: 'scan', args: ['scan'] },
  ];
  try {
    const clean = envFor('clean.db');
    const stepMs: number[] = [];
    for (const step of steps) {
      const r = await run(step.args, clean);
      if (r.code !== 0) throw new Error(`the clean ${step.name} failed: ${r.stderr}`);
      stepMs.push(r.ms);
    }
    const cleanMs = stepMs.reduce((a, b) => a + b, 0);
    const expected = tableImage(join(dir, 'clean.db'));
    const killedAtMs: number[] = [];
    const killedIn: string[] = [];
    const differing = new Set<string>();
    let crashes = 0;
    for (let k = 0; k < kills; k++) {
      const db = `chaos-${k}.db`;
      const env = envFor(db);
      // a kill inside the backfill, the import or the scan (the steps before it run whole first)
      const victim = k % steps.length;
      for (const step of steps.slice(0, victim)) if ((await run(step.args, env)).code !== 0) crashes++;
      const at = Math.round(random() * stepMs[victim]! * 0.9);
      killedAtMs.push(at);
      killedIn.push(steps[victim]!.name);
      const killed = await run(steps[victim]!.args, env, at);
      if (killed.signal !== 'SIGKILL' && killed.code !== 0) crashes++;
      // start again, as a user would: the backfill resumes, the import is run again, the scan runs
      for (const step of steps) if ((await run(step.args, env)).code !== 0) crashes++;
      for (const t of differingTables(expected, tableImage(join(dir, db)))) differing.add(t);
      for (const f of secretsIn(dumpAll(join(dir, db)))) leaked.add(`${f} in ${db}`);
    }
    return {
      scenario: `kill -9 at a random instant of a ${sessions}-session backfill (answers delayed ${delayMs} ms), an import of ${importDays} FINRA files × 4,000 symbols or the scan, ${kills} times (seed ${seed}), then restart`,
      kills,
      killedAtMs,
      killedIn,
      differing: [...differing],
      crashes,
      cleanMs: Math.round(cleanMs),
      cleanRows: [...expected.values()].reduce((n, rows) => n + rows.length, 0),
      secretsFound: [...leaked],
    } satisfies KillRestartResult;
  } finally {
    await market.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run chaos`'s printout of the scenario (CHAOS_KILLS, default 10). */
export async function killRestartScenario(): Promise<void> {
  const kills = Number(process.env.CHAOS_KILLS ?? 10);
  const r = await killRestart({ kills, sessions: 10, delayMs: 300, importDays: 40 });
  console.log(r.scenario);
  console.log(`  clean run: ${(r.cleanMs / 1000).toFixed(1)} s, ${r.cleanRows} rows in the compared tables`);
  console.log(`  killed at (ms after start): ${r.killedAtMs.map((ms, i) => `${ms} (${r.killedIn[i]})`).join(', ')}`);
  console.log(
    `  crashes after restart: ${r.crashes}; tables differing from the clean run: ${r.differing.join(', ') || 'none'}`,
  );
  console.log(`  secrets found in any output or table: ${r.secretsFound.join('; ') || 'none'}`);
}
