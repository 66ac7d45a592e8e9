import { spawnSync } from 'node:child_process';
import { compiledChild } from './compiled-child';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MARKET, ensureMarket, type MarketParams } from './generate-market';
import { median } from './stats';

// The market held by the long-running bot (pipeline/market-cache.ts) over the generated whole market
// (10,000 symbols × 300 trading days, cached in bench-results/cache/): in a process built as the bot
// builds itself, the first scan (loads the window), then the close's data written as the jobs write it
// and the scheduled scan that follows (takes in just that day), each child on a fresh copy of the file.
// Medians of `runs`; the scheduled scan against the first scan of the same process is the ratio.

const childSource = fileURLToPath(new URL('./market-child.ts', import.meta.url));

interface Scan {
  ms: number;
  how: string;
  barsMs: number;
  stages: Record<string, number>;
  scored: number;
  top: string[];
}
interface ChildOut {
  first: Scan;
  write: { ms: number; rows: number };
  scheduled: Scan;
  again: Scan;
  baseRssMb: number;
  rssAfterFirstMb: number;
  rssMb: number;
  heapUsedMb: number;
  arrayBuffersMb: number;
  maxRssMb: number;
}

export async function benchMarket(opts: { runs: number; market?: MarketParams }) {
  const market = ensureMarket(opts.market ?? DEFAULT_MARKET);
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-bench-market-'));
  const loadBefore = loadavg()[0]!;
  try {
    // compiled, as the bot runs: its RSS is the figure the target is about
    const child = compiledChild(childSource);
    const outs: ChildOut[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const db = join(dir, `market-${i}.db`);
      copyFileSync(market.path, db);
      const r = spawnSync(process.execPath, ['--expose-gc', child, db, market.lastDay], {
        encoding: 'utf8',
        maxBuffer: 16 << 20,
      });
      if (r.status !== 0) throw new Error(`market child failed: ${r.stderr}`);
      outs.push(JSON.parse(r.stdout) as ChildOut);
      rmSync(db, { force: true });
    }
    const ms = (xs: number[]) => Math.round(median(xs));
    const last = outs.at(-1)!;
    return {
      name: 'held market: the scheduled scan in the running bot',
      market: { ...market.params, as_of: market.lastDay },
      runs: opts.runs,
      first_scan: {
        what: 'the first scan after start (the day before): reads the 190-day window whole',
        ms_median: ms(outs.map((o) => o.first.ms)),
        bars_load_ms_median: ms(outs.map((o) => o.first.barsMs)),
        how: last.first.how,
        stages_ms: last.first.stages,
      },
      close_written: {
        what: "the day's bars and CNMS short volume written through the repos (the jobs' writers)",
        rows: last.write.rows,
        ms_median: ms(outs.map((o) => o.write.ms)),
      },
      scheduled_scan: {
        what: 'the scan after the close: takes in the new day from the market-writes log, runs, saves, alerts, tracks',
        ms_median: ms(outs.map((o) => o.scheduled.ms)),
        ms_per_run: outs.map((o) => Math.round(o.scheduled.ms)),
        bars_update_ms_median: ms(outs.map((o) => o.scheduled.barsMs)),
        how: last.scheduled.how,
        stages_ms: last.scheduled.stages,
        scored: last.scheduled.scored,
        top: last.scheduled.top,
      },
      again: { ms_median: ms(outs.map((o) => o.again.ms)), how: last.again.how },
      ratio_scheduled_to_first_median: Number(median(outs.map((o) => o.scheduled.ms / o.first.ms)).toFixed(2)),
      rss_mb: {
        base: last.baseRssMb,
        after_first_scan: last.rssAfterFirstMb,
        after_scheduled_scan_gc: ms(outs.map((o) => o.rssMb)),
        heap_used_after_gc: last.heapUsedMb,
        array_buffers_after_gc: last.arrayBuffersMb,
        peak: Math.max(...outs.map((o) => o.maxRssMb)),
      },
      load_average_1m: { before: Number(loadBefore.toFixed(1)), after: Number(loadavg()[0]!.toFixed(1)) },
      targets: { scheduled_scan_ms: '< 1000', rss_mb: '< 300' },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
