import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCnmsFiles } from './generate-cnms';
import { median } from './stats';

// Our importer (stream FINRA files, check each line and trailer, upsert, one savepoint per file)
// against the sqlite3 shell's `.import` of the same rows, already in table form, into a table with
// the same definition and key. Alternated in one run so both see the same machine state.

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
    const ours: { ms: number; processMs: number; maxRssMb: number; rows: number }[] = [];
    const sqlite: number[] = [];
    const child = fileURLToPath(new URL('./import-child.ts', import.meta.url));
    for (let run = 0; run < opts.runs; run++) {
      const dbPath = join(dir, `ours-${run}.db`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', child, join(dir, 'files'), dbPath], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) throw new Error(`import child failed: ${r.stderr}`);
      // what import-child.ts prints
      const res = JSON.parse(r.stdout) as {
        ms: number;
        processMs: number;
        rows: number;
        rejected: number;
        maxRssMb: number;
      };
      if (res.rows !== gen.rows || res.rejected)
        throw new Error(`import stored ${res.rows} rows of ${gen.rows}, ${res.rejected} rejected`);
      ours.push(res);
      rmSync(dbPath, { force: true });
      rmSync(`${dbPath}-wal`, { force: true });

      const refPath = join(dir, `ref-${run}.db`);
      execFileSync('sqlite3', [refPath, referenceDdl()]);
      const t0 = performance.now();
      execFileSync('sqlite3', [
        refPath,
        '-cmd',
        '.mode list',
        '-cmd',
        '.separator |',
        `.import ${gen.dataFile} short_volume`,
      ]);
      sqlite.push(performance.now() - t0);
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
      days: opts.days,
      symbols: opts.symbols,
      rows: gen.rows,
      runs: opts.runs,
      ours_ms_median: Math.round(oursMs),
      sqlite3_ms_median: Math.round(refMs),
      ours_rows_per_s: Math.round(gen.rows / (oursMs / 1000)),
      sqlite3_rows_per_s: Math.round(gen.rows / (refMs / 1000)),
      // each run pairs ours with the sqlite3 load right after it: the median of those ratios is the
      // figure least moved by a noisy machine
      ratio_median_of_runs: Number(median(ours.map((o, i) => o.ms / sqlite[i]!)).toFixed(2)),
      ratios_per_run: ours.map((o, i) => Number((o.ms / sqlite[i]!).toFixed(2))),
      ratio_of_medians: Number((oursMs / refMs).toFixed(2)),
      // the same runs timed from our process's start (node, tsx, modules, migrations) to the import's end
      ours_with_startup_ms_median: Math.round(median(ours.map((o) => o.processMs))),
      ratio_with_startup_median_of_runs: Number(median(ours.map((o, i) => o.processMs / sqlite[i]!)).toFixed(2)),
      peak_rss_mb_max: Math.round(Math.max(...ours.map((o) => o.maxRssMb))),
      targets: { ratio: '<= 1.5', peak_rss_mb: '< 300' },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
