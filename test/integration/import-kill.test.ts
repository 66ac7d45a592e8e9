import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../src/db/client';

// A crash mid-import must leave no file counted as imported that is not whole: SIGKILL the importer
// while a file is in flight, run it again, and the store must equal one clean run. The importer runs
// as a child process (test/support/import-child.ts, what `squeezebot import` calls) so the kill is a
// real one. The child commits every write step and is told to stop inside the third file after rows
// of it were committed, so the kill always lands mid-file rather than between two files.

const FILES = 30;
const ROWS = 20_000;
const CHILD = resolve(import.meta.dirname, '../support/import-child.ts');
const ROOT = resolve(import.meta.dirname, '../..');
/** dataset_status is the log of attempts (times, ids, the killed run's rows): not part of the data. */
const TABLES: Record<string, string> = {
  short_volume: 'symbol, date, facility',
  daily_bars: 'symbol, date',
  short_interest: 'symbol, settlement_date, source',
  otc_weekly: 'symbol, week_start, tier, summary_type, mpid',
  symbols: 'symbol',
};

let dir: string;
let data: string;

function tradingDates(n: number): string[] {
  const out: string[] = [];
  for (let d = new Date('2021-02-01T00:00:00Z'); out.length < n; d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

function writeCnmsFiles(): void {
  tradingDates(FILES).forEach((date, f) => {
    const compact = date.replaceAll('-', '');
    const lines = ['Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market'];
    for (let i = 0; i < ROWS; i++) {
      const total = 1000 + ((i * 7919 + f * 104729) % 900_000);
      lines.push(
        `${compact}|S${i.toString(36).toUpperCase().padStart(4, '0')}|${Math.floor(total * 0.45)}|${i % 97}|${total}|B,Q,N`,
      );
    }
    lines.push(String(ROWS));
    writeFileSync(join(data, `CNMSshvol${compact}.txt`), `${lines.join('\r\n')}\r\n`);
  });
}

/** Runs the importer; with killInFile, SIGKILLs it while that file (1-based) is in flight. */
function runImport(
  db: string,
  killInFile?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: string[] }> {
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env, IMPORT_CHILD_HANG_IN_FILE: String(killInFile ?? 0) };
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, data], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines.push(...parts);
      if (killInFile !== undefined && lines.some((l) => l.startsWith('in-flight'))) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`import child failed (${code}): ${stderr}`));
      else resolvePromise({ code, signal, lines });
    });
  });
}

function dump(path: string): Record<string, { rows: number; sha256: string }> {
  const db = openDb(path);
  try {
    const out: Record<string, { rows: number; sha256: string }> = {};
    for (const [table, key] of Object.entries(TABLES)) {
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db.$client.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).raw().iterate()) {
        hash.update(JSON.stringify(row));
        rows++;
      }
      out[table] = { rows, sha256: hash.digest('hex') };
    }
    return out;
  } finally {
    closeDb(db);
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-kill-'));
  data = join(dir, 'cnms');
  mkdirSync(data);
  writeCnmsFiles();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an import killed mid-file', () => {
  it('leaves only whole files, and a re-run makes the store equal to a clean run', { timeout: 180_000 }, async () => {
    const resumed = join(dir, 'resumed.db');
    const killed = await runImport(resumed, 3);
    expect(killed.signal).toBe('SIGKILL');
    const inFlight = killed.lines.find((l) => l.startsWith('in-flight'))!.split(' ');
    expect(inFlight[1]).toMatch(/CNMSshvol20210203\.txt$/);
    expect(Number(inFlight[2])).toBeGreaterThan(0);

    const afterKill = openDb(resumed);
    const perDate = afterKill.$client
      .prepare('SELECT date, count(*) AS n FROM short_volume GROUP BY date ORDER BY date')
      .all() as { date: string; n: number }[];
    const committed = afterKill.$client
      .prepare("SELECT count(*) FROM dataset_status WHERE status = 'ok'")
      .pluck()
      .get() as number;
    closeDb(afterKill);
    // the two files before it whole and recorded; of the third some rows (imports commit in slices)
    // but no `ok` record, which is written with a file's last slice: the re-run imports it again
    expect(perDate.slice(0, 2)).toEqual([
      { date: '2021-02-01', n: ROWS },
      { date: '2021-02-02', n: ROWS },
    ]);
    expect(perDate[2]!.date).toBe('2021-02-03');
    expect(perDate[2]!.n).toBeGreaterThan(0);
    expect(perDate[2]!.n).toBeLessThan(ROWS);
    expect(committed).toBe(2);

    const rerun = await runImport(resumed);
    expect(rerun.code).toBe(0);
    const clean = join(dir, 'clean.db');
    const once = await runImport(clean);
    expect(once.code).toBe(0);
    expect(once.lines.filter((l) => l.startsWith('imported'))).toHaveLength(FILES);

    const expected = dump(clean);
    expect(expected.short_volume!.rows).toBe(FILES * ROWS);
    expect(dump(resumed)).toEqual(expected);
  });
});
