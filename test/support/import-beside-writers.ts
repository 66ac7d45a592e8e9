import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, openDb } from '../../src/db/client';
import { BIN, isolatedEnv, runCli } from './cli-process';
import { symbolAt, writeFinraFolder } from './finra-folder';

// Issue 14's "many processes, one database", run for real: `squeezebot import` of a generated FINRA
// folder while a long-lived `squeezebot chat` session (piped, like the bot: one process, one
// connection) adds symbols one after another, a few one-shot `chat "/add SYM"` processes write too,
// and a `scan` runs. Shared by the e2e test (which asserts) and the chaos figures (which print).

export interface BesideWritersOptions {
  days: number;
  symbols: number;
  /** one-shot `chat "/add SYM"` processes started during the import, one after another */
  oneShotAdds?: number;
  /** also time the same import alone on a fresh file, for the ratio */
  alone?: boolean;
  /** the longest wait for the import's first committed slice before the others begin anyway */
  headStartMs?: number;
}

export interface BesideWritersFigures {
  rows: number;
  importMs: number;
  importExit: number | null;
  importAloneMs: number | null;
  /** `/add` commands sent during the import, through the session and one-shot processes */
  addsAttempted: number;
  /** of those, not in adhoc_candidates afterwards (or answered with a failure) */
  addsLost: string[];
  /** send-to-reply of each `/add` in the long-lived session, ms */
  sessionLatencies: number[];
  /** process start to exit of each one-shot `chat "/add"`, ms (includes starting Node and tsx) */
  oneShotLatencies: number[];
  oneShotExits: (number | null)[];
  sessionExit: number | null;
  scanExit: number | null;
  stderr: string[];
}

const REPLY = /(?:Added|Renewed) (\S+) until|failed on our side|remove one first|Easy there/;
const WARM_UP = "I'm squeezebot";
/** a reply slower than this counts the add as lost and ends the session */
const REPLY_TIMEOUT_MS = 120_000;

/** Resolves once the import's first slice is committed (or it ended, or `maxMs` passed). */
async function importWriting(dbPath: string, done: () => boolean, maxMs: number): Promise<void> {
  const db = openDb(dbPath, { migrate: false });
  try {
    const count = db.$client.prepare('SELECT count(*) FROM market_writes').pluck();
    const t0 = performance.now();
    while (!done() && (count.get() as number) === 0 && performance.now() - t0 < maxMs)
      await new Promise((ok) => setTimeout(ok, 10));
  } finally {
    closeDb(db);
  }
}

/** `/add` targets: letters only (a ticker), and none of them a symbol of the generated files. */
const addSymbol = (i: number) => `QQ${symbolAt(i).slice(1)}`;

export async function importBesideWriters(options: BesideWritersOptions): Promise<BesideWritersFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-beside-'));
  try {
    const folder = join(dir, 'finra');
    writeFinraFolder(folder, { days: options.days, symbols: options.symbols });
    const env = (dbPath: string) =>
      isolatedEnv({
        dir,
        dbPath,
        // every add stays active (a new row to find afterwards), and the session is no spammer to throttle
        extra: {
          SQUEEZEBOT_CFG__app__data_dir: join(dir, 'data'),
          SQUEEZEBOT_CFG__adhoc__max_active_candidates: '1000',
          SQUEEZEBOT_CFG__chat__rate_limit_per_minute: '10000',
        },
      });
    const dbPath = join(dir, 'beside.db');
    closeDb(openDb(dbPath));

    let importAloneMs: number | null = null;
    if (options.alone) {
      const alonePath = join(dir, 'alone.db');
      closeDb(openDb(alonePath));
      const t0 = performance.now();
      const r = await runCli(['import', folder], env(alonePath), 600_000);
      if (r.code !== 0) throw new Error(`import alone failed (${r.code}): ${r.stderr}`);
      importAloneMs = performance.now() - t0;
    }

    const stderr: string[] = [];
    // the session starts (compiles, migrates) before the import: on a loaded machine a short import
    // could otherwise end before the session's first add, and nothing would have been written beside it
    let importDone = false;
    let begin!: () => void;
    const begun = new Promise<void>((ok) => (begin = ok));
    let warm!: () => void;
    const warmed = new Promise<void>((ok) => (warm = ok));
    const sessionRun = chatSession(env(dbPath), () => importDone, begun, warm);
    await warmed;
    const t0 = performance.now();
    const importing = runCli(['import', folder], env(dbPath), 600_000).then((r) => {
      if (r.stderr.trim()) stderr.push(`import: ${r.stderr.trim()}`);
      return { code: r.code, ms: performance.now() - t0 };
    });
    void importing.then(() => (importDone = true));
    // the writers begin once the import has committed its first slice (its first market-writes entry),
    // not after a fixed wait: a compiled start and a fast import could end before a wait did
    await importWriting(dbPath, () => importDone, options.headStartMs ?? 30_000);
    begin();

    const scanning = runCli(['scan'], env(dbPath), 600_000).then((r) => {
      if (r.code !== 0) stderr.push(`scan: ${r.stderr.trim()}`);
      return r.code;
    });
    const oneShots = (async () => {
      const exits: (number | null)[] = [];
      const ms: number[] = [];
      const sent: string[] = [];
      for (let i = 0; i < (options.oneShotAdds ?? 0); i++) {
        const symbol = addSymbol(10_000 + i);
        sent.push(symbol);
        const t = performance.now();
        const r = await runCli(['chat', `/add ${symbol}`], env(dbPath));
        ms.push(performance.now() - t);
        exits.push(r.code);
        if (r.code !== 0 || !r.stdout.includes(`Added ${symbol}`))
          stderr.push(`chat /add ${symbol}: ${r.stdout}${r.stderr}`);
      }
      return { exits, ms, sent };
    })();
    const session = await sessionRun;
    stderr.push(...session.problems);
    const imported = await importing;
    const [scanExit, shots] = await Promise.all([scanning, oneShots]);

    const db = openDb(dbPath);
    try {
      const held = new Set(db.$client.prepare('SELECT symbol FROM adhoc_candidates').pluck().all() as string[]);
      const rows = db.$client.prepare('SELECT count(*) FROM short_volume').pluck().get() as number;
      const attempted = [...session.sent, ...shots.sent];
      return {
        rows,
        importMs: imported.ms,
        importExit: imported.code,
        importAloneMs,
        addsAttempted: attempted.length,
        addsLost: attempted.filter((s) => !held.has(s) || session.failed.includes(s)),
        sessionLatencies: session.latencies,
        oneShotLatencies: shots.ms,
        oneShotExits: shots.exits,
        sessionExit: session.exit,
        scanExit,
        stderr,
      };
    } finally {
      closeDb(db);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One piped `squeezebot chat` that sends `/add` after `/add`, each after the last reply, until `done()`.
 * A `/start` first, so the adds are timed on a process that has started (compiled, migrated).
 */
function chatSession(
  env: NodeJS.ProcessEnv,
  done: () => boolean,
  begin: Promise<void>,
  onWarm: () => void,
): Promise<{ sent: string[]; failed: string[]; latencies: number[]; exit: number | null; problems: string[] }> {
  return new Promise((resolve, reject) => {
    const problems: string[] = [];
    const child = spawn(process.execPath, [BIN, 'chat'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const sent: string[] = [];
    const failed: string[] = [];
    const latencies: number[] = [];
    let sentAt = 0;
    let out = '';
    let warm = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      child.stdin.end();
    };
    const next = () => {
      clearTimeout(timer);
      if (done()) return finish();
      const symbol = addSymbol(sent.length);
      sent.push(symbol);
      sentAt = performance.now();
      timer = setTimeout(() => {
        failed.push(symbol);
        problems.push(`no reply to /add ${symbol} in ${REPLY_TIMEOUT_MS} ms`);
        finish();
      }, REPLY_TIMEOUT_MS);
      child.stdin.write(`/add ${symbol}\n`);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!warm) {
        if (!out.includes(WARM_UP)) return;
        warm = true;
        out = '';
        onWarm();
        void begin.then(next);
        return;
      }
      let m: RegExpExecArray | null;
      while ((m = REPLY.exec(out))) {
        out = out.slice(m.index + m[0].length);
        latencies.push(performance.now() - sentAt);
        if (!m[1]) {
          failed.push(sent.at(-1)!);
          problems.push(`/add ${sent.at(-1)}: ${m[0]}`);
        }
        next();
      }
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (exit) => {
      clearTimeout(timer);
      if (latencies.length < sent.length)
        problems.push(`session ended with /add ${sent.at(-1)} unanswered; ${out.slice(-200)}`);
      if (stderr.trim()) problems.push(`session stderr: ${stderr.trim().slice(-500)}`);
      resolve({ sent, failed, latencies, exit, problems });
    });
    child.stdin.write('/start\n');
  });
}

/** The q-quantile of `xs` (nearest rank), 0 when empty. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
