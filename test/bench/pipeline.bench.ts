import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCalendarDays } from '../../src/market/iso-date';
import { addTradingDays } from '../../src/market/trading-calendar';
import { BAR_LOOKBACK_CALENDAR_DAYS } from '../../src/pipeline/db-pipeline-source';
import { DEFAULT_MARKET, ensureMarket, type MarketParams } from './generate-market';
import { median, percentile } from './stats';

// The discovery pipeline over a whole generated market (10,000 symbols × 300 trading days of bars
// and CNMS short volume, plus listed symbols and FINRA short interest): one live run for the last
// day against the time to just read the rows it stands on, alternated in one bench run (read, run,
// read, run, ...) each in its own process, and one 250-day backtest. Generation is cached and never
// timed; each measurement works on a fresh copy of the cached file, since a run writes its record.

const child = fileURLToPath(new URL('./pipeline-child.ts', import.meta.url));

// What pipeline-child.ts prints, per mode; every mode adds the process figures in ChildOut.
interface ChildOut {
  cpuMs: number;
  baseRssMb: number;
  maxRssMb: number;
}
interface ReadOut extends ChildOut {
  ms: number;
  barsMs: number;
  shortVolumeMs: number;
  bars: number;
  shortVolume: number;
}
interface RunOut extends ChildOut {
  ms: number;
  status: string;
  barsLoadMs: number;
  stages: { name: string; in: number; out: number; ms: number; reasons: Record<string, number> }[];
  scored: number;
  alerts: number;
  top: string[];
}
interface BacktestOut extends ChildOut {
  ms: number;
  days: number;
  firstDayMs: number;
  dayMs: number[];
  candidatesPerDay: number;
  alerts: number;
  rankings: number;
}

function measure<T extends ChildOut>(args: string[], cpuProfDir?: string): T {
  const flags = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', child, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (r.status !== 0) throw new Error(`pipeline child ${args[0]} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export async function benchPipeline(opts: {
  runs: number;
  backtestDays: number;
  market?: MarketParams;
  cpuProfDir?: string;
}) {
  const market = ensureMarket(opts.market ?? DEFAULT_MARKET);
  const asOf = market.lastDay;
  const from = addCalendarDays(asOf, -BAR_LOOKBACK_CALENDAR_DAYS);
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-bench-pipeline-'));
  // the machine is shared: its 1-minute load before and after says how far to trust the wall times
  const loadBefore = loadavg()[0]!;
  try {
    const reads: ReadOut[] = [];
    const runs: RunOut[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const db = join(dir, `run-${i}.db`);
      copyFileSync(market.path, db);
      reads.push(measure<ReadOut>(['read', db, from, asOf]));
      runs.push(measure<RunOut>(['run', db, asOf], opts.cpuProfDir));
      rmSync(db, { force: true });
    }
    let backtest: BacktestOut | null = null;
    if (opts.backtestDays > 0) {
      const db = join(dir, 'backtest.db');
      copyFileSync(market.path, db);
      backtest = measure<BacktestOut>(
        ['backtest', db, addTradingDays(asOf, -(opts.backtestDays - 1)), asOf],
        opts.cpuProfDir,
      );
    }
    const ms = (xs: number[]) => Math.round(median(xs));
    const runMs = ms(runs.map((r) => r.ms));
    const readMs = ms(reads.map((r) => r.ms));
    const ratios = runs.map((r, i) => r.ms / reads[i]!.ms);
    const last = runs.at(-1)!;
    return {
      name: 'discovery pipeline',
      market: { ...market.params, as_of: asOf, generated_ms: market.generatedMs, cached_db: market.path },
      runs: opts.runs,
      read: {
        what: `raw iterate (better-sqlite3 .raw().iterate()) of the pipeline's bar SQL (daily_bars, date BETWEEN ${from} AND ${asOf}, ORDER BY date) plus every CNMS short_volume row of the same window, in a fresh process`,
        rows: { bars: reads[0]!.bars, short_volume: reads[0]!.shortVolume },
        ms_median: readMs,
        bars_ms_median: ms(reads.map((r) => r.barsMs)),
        short_volume_ms_median: ms(reads.map((r) => r.shortVolumeMs)),
        ms_per_run: reads.map((r) => Math.round(r.ms)),
        cpu_ms_per_run: reads.map((r) => Math.round(r.cpuMs)),
      },
      run: {
        what: `createPipelineService(...).run({ asOf: '${asOf}' }) in a fresh process: bar load, every stage, saving the run and scores`,
        ms_median: runMs,
        ms_per_run: runs.map((r) => Math.round(r.ms)),
        cpu_ms_per_run: runs.map((r) => Math.round(r.cpuMs)),
        bars_load_ms_median: ms(runs.map((r) => r.barsLoadMs)),
        stages_ms_median: Object.fromEntries(last.stages.map((s, k) => [s.name, ms(runs.map((r) => r.stages[k]!.ms))])),
        funnel: last.stages.map((s) => ({ stage: s.name, in: s.in, out: s.out, reasons: s.reasons })),
        scored: last.scored,
        alerts: last.alerts,
        top: last.top,
        peak_rss_mb_max: Math.round(Math.max(...runs.map((r) => r.maxRssMb))),
        base_rss_mb: last.baseRssMb,
      },
      // each run paired with the read just before it: the figure least moved by a noisy machine
      ratio_run_to_read_median: Number(median(ratios).toFixed(2)),
      ratios_per_run: ratios.map((x) => Number(x.toFixed(2))),
      ratio_of_medians: Number((runMs / readMs).toFixed(2)),
      cpu_ratio_run_to_read_median: Number(median(runs.map((r, i) => r.cpuMs / reads[i]!.cpuMs)).toFixed(2)),
      backtest: backtest && {
        days: backtest.days,
        ms: Math.round(backtest.ms),
        cpu_ms: Math.round(backtest.cpuMs),
        first_day_ms: Math.round(backtest.firstDayMs),
        day_ms_median: Math.round(median(backtest.dayMs)),
        day_ms_p90: Math.round(percentile(backtest.dayMs, 90)),
        candidates_per_day: backtest.candidatesPerDay,
        alerts: backtest.alerts,
        peak_rss_mb: Math.round(backtest.maxRssMb),
      },
      load_average_1m: { before: Number(loadBefore.toFixed(1)), after: Number(loadavg()[0]!.toFixed(1)) },
      targets: { run_ms: '< 5000', ratio: '<= 3', peak_rss_mb: '< 500', backtest_250_days_ms: '< 60000' },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
