import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCnmsFiles } from './generate-cnms';
import { median } from './stats';

// `squeezebot import DIR` as a user runs it (the compiled CLI: node's start, the modules, the
// migrations, then stream FINRA files, check each line and trailer, upsert in slices) against the
// sqlite3 shell's `.import` of the same rows, already in table form, into a plain table with our
// definition and key. Alternated in one run so both see the same machine state. Each process's peak
// RSS comes from GNU time when the machine has it.

/** The reference table is ours exactly: the CREATE TABLE of the real migration, same key. */
function referenceDdl(): string {
  const dir = fileURLToPath(new URL('../../migrations/', import.meta.url));
  const sql = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const m = /CREATE TABLE `short_volume` \([\s\S]*?\);/.exec(sql);
  if (!m) throw new Error('no short_volume table in migrations/');
  return m[0];
}

export async function benchImport(opts: { days: number; symbols: number; runs: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-bench-'));
  try {
    const gen = await generateCnmsFiles(dir, opts.days, opts.symbols);
    const ours: { ms: number; maxRssMb: number | null }[] = [];
    const sqlite: number[] = [];
    const cli = fileURLToPath(new URL('../../bin/squeezebot.mjs', import.meta.url));
    const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
    // built before the first timed run, so no run pays for a build
    execFileSync(process.execPath, [cli, '--help'], { stdio: 'ignore' });
    for (let run = 0; run < opts.runs; run++) {
      const dbPath = join(dir, `ours-${run}.db`);
      const args = [cli, 'import', join(dir, 'files'), '--db', dbPath];
      const t0 = performance.now();
      const r = gnuTime
        ? spawnSync(gnuTime, ['-f', 'maxrss_kb=%M', process.execPath, ...args], { encoding: 'utf8' })
        : spawnSync(process.execPath, args, { encoding: 'utf8' });
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`squeezebot import failed: ${r.stderr}`);
      const rows = Number(
        execFileSync('sqlite3', [dbPath, 'SELECT count(*) FROM short_volume'], { encoding: 'utf8' }).trim(),
      );
      if (rows !== gen.rows) throw new Error(`squeezebot import stored ${rows} rows of ${gen.rows}: ${r.stdout}`);
      const rss = /maxrss_kb=(\d+)/.exec(r.stderr);
      ours.push({ ms, maxRssMb: rss ? Number(rss[1]) / 1024 : null });
      rmSync(dbPath, { force: true });
      rmSync(`${dbPath}-wal`, { force: true });
      rmSync(`${dbPath}-shm`, { force: true });

      const refPath = join(dir, `ref-${run}.db`);
      execFileSync('sqlite3', [refPath, referenceDdl()]);
      const r0 = performance.now();
      execFileSync('sqlite3', [
        refPath,
        '-cmd',
        '.mode list',
        '-cmd',
        '.separator |',
        `.import ${gen.dataFile} short_volume`,
      ]);
      sqlite.push(performance.now() - r0);
      const count = Number(
        execFileSync('sqlite3', [refPath, 'SELECT count(*) FROM short_volume'], { encoding: 'utf8' }).trim(),
      );
      if (count !== gen.rows) throw new Error(`sqlite3 imported ${count} rows of ${gen.rows}`);
      rmSync(refPath, { force: true });
    }
    const oursMs = median(ours.map((o) => o.ms));
    const refMs = median(sqlite);
    return {
      name: 'import CNMS files',
      what: '`squeezebot import DIR --db NEW` (compiled CLI, whole process) against `sqlite3 NEW .import` of the same rows into our short_volume definition',
      days: opts.days,
      symbols: opts.symbols,
      rows: gen.rows,
      runs: opts.runs,
      ours_ms_median: Math.round(oursMs),
      sqlite3_ms_median: Math.round(refMs),
      ours_rows_per_s: Math.round(gen.rows / (oursMs / 1000)),
      sqlite3_rows_per_s: Math.round(gen.rows / (refMs / 1000)),
      // each run pairs ours with the sqlite3 load right after it: the median of those ratios is the
      // figure least moved by a noisy machine; both are whole processes, start-up included
      ratio_median_of_runs: Number(median(ours.map((o, i) => o.ms / sqlite[i]!)).toFixed(2)),
      ratios_per_run: ours.map((o, i) => Number((o.ms / sqlite[i]!).toFixed(2))),
      ratio_of_medians: Number((oursMs / refMs).toFixed(2)),
      peak_rss_mb_max: gnuTime ? Math.round(Math.max(...ours.map((o) => o.maxRssMb ?? 0))) : null,
      targets: { ratio: '<= 1.5', peak_rss_mb: '< 300' },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
