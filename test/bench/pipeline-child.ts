// One pipeline-benchmark measurement in its own process, so its peak RSS is that work's alone:
//   read <db> <from> <to>        the raw rows a run reads, no pipeline code
//   run <db> <asOf>              one live pipeline run (createPipelineService(...).run)
//   backtest <db> <from> <to>    runBacktest over [from, to]
// Prints one JSON line. Opening the db and loading config are outside every timer.
import { loadConfig } from '../../src/config/load-config';
import { closeDb, openDb } from '../../src/db/client';
import { createAdhocService } from '../../src/pipeline/adhoc.service';
import { runBacktest } from '../../src/pipeline/backtest';
import { createPipelineService } from '../../src/pipeline/pipeline.service';
import { fakeClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

const [mode, dbPath, a, b] = process.argv.slice(2);
const db = openDb(dbPath!, { migrate: false });
const { config } = loadConfig({ env: {} });
const rssMb = () => Math.round(process.memoryUsage.rss() / 1048576);
const baseRssMb = rssMb();
let out: Record<string, unknown>;
// CPU time (user + system) of the measured work: on a shared, loaded machine it moves far less than
// wall time, and for this single-threaded work it is what the wall time would be on an idle one
const cpu0 = process.cpuUsage();

if (mode === 'read') {
  // The pipeline's own bar SQL (pipeline-data.repo.ts barsBetween) and every CNMS short-volume row
  // of the same window, iterated raw: the floor any run over these rows pays.
  const sqlite = db.$client;
  const barsSql = sqlite
    .prepare(
      'SELECT symbol, date, open, high, low, close, volume FROM daily_bars WHERE date BETWEEN ? AND ? ORDER BY date',
    )
    .raw(true);
  const svSql = sqlite
    .prepare(
      `SELECT symbol, date, short_volume, short_exempt_volume, total_volume FROM short_volume WHERE facility = 'CNMS' AND date BETWEEN ? AND ?`,
    )
    .raw(true);
  const t0 = performance.now();
  let bars = 0;
  for (const _ of barsSql.iterate(a, b)) bars++;
  const t1 = performance.now();
  let shortVolume = 0;
  for (const _ of svSql.iterate(a, b)) shortVolume++;
  const t2 = performance.now();
  out = { barsMs: t1 - t0, shortVolumeMs: t2 - t1, ms: t2 - t0, bars, shortVolume };
} else if (mode === 'run') {
  const clock = fakeClock(new Date(`${a}T23:00:00Z`));
  const logger = createLogger({ level: 'warn' });
  const pipeline = createPipelineService({
    repos: createRepos(db),
    settings: fixedSettings(config),
    clock,
    logger,
    adhoc: createAdhocService({ repos: createRepos(db), settings: fixedSettings(config), clock }),
  });
  const t0 = performance.now();
  const result = await pipeline.run({ asOf: a });
  const ms = performance.now() - t0;
  const run = result.run;
  out = {
    ms,
    status: run.status,
    barsLoadMs: run.summary.bars_load_ms,
    stages: run.stages.map((s) => ({
      name: s.name,
      in: s.symbolsIn,
      out: s.symbolsOut,
      ms: Math.round(s.durationMs),
      reasons: s.eliminationReasons,
    })),
    scored: result.scored.length,
    alerts: result.scored.filter((r) => r.result.level).length,
    top: result.ranking.slice(0, 5).map((r) => `${r.symbol} ${r.result.score.toFixed(3)}`),
  };
} else if (mode === 'backtest') {
  const clock = fakeClock(new Date(`${b}T23:00:00Z`));
  const dayMs: number[] = [];
  let last = performance.now();
  const t0 = last;
  const result = await runBacktest({
    repos: createRepos(db),
    config,
    clock,
    from: a!,
    to: b!,
    onDay: () => {
      const now = performance.now();
      dayMs.push(now - last);
      last = now;
    },
  });
  const ms = performance.now() - t0;
  out = {
    ms,
    days: result.days.length,
    // the first day carries the bar load and the screen's warm-up; the rest are the per-day cost
    firstDayMs: dayMs[0],
    dayMs: dayMs.slice(1),
    candidatesPerDay: result.days.reduce((n, d) => n + d.candidates, 0) / Math.max(1, result.days.length),
    alerts: result.alerts.length,
    rankings: result.rankings.length,
  };
} else throw new Error(`unknown mode ${mode}`);

const cpu = process.cpuUsage(cpu0);
closeDb(db);
process.stdout.write(
  JSON.stringify({
    ...out,
    cpuMs: (cpu.user + cpu.system) / 1000,
    baseRssMb,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
