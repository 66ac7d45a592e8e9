import { createLearningService } from '../../src/learning/learning.service';
import { trackingId } from '../../src/learning/recommendations';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { fakeClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { testConfig } from '../support/config';
import { mulberry32 } from '../support/random';
import { tempDb } from '../support/temp-db';
import { median } from './stats';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// The learning tracker's daily checkpoint (issue 6 target: 10,000 tracked recommendations under 2 s):
// 10,000 open recommendations on 10,000 symbols discovered over the last 29 sessions (none completes,
// so every run updates all of them), 60 sessions of bars per symbol in daily_bars, plus `runs` live
// runs' eliminations for the missed-opportunity scan the same call makes. Each figure is one whole
// updateCheckpoints call: one bar read, the outcome math, one transaction.

export async function benchLearning(
  options: { recommendations?: number; runs?: number; eliminationsPerRun?: number; repeats?: number } = {},
) {
  const { recommendations = 10_000, runs = 30, eliminationsPerRun = 2_000, repeats = 3 } = options;
  const store = tempDb();
  const asOf = '2021-06-30';
  const sessions = tradingDaysBetween(addTradingDays(asOf, -59), asOf);
  const recent = sessions.slice(-30, -1);
  const rand = mulberry32(20210630);
  const symbols = Array.from({ length: recommendations }, (_, i) => `S${String(i).padStart(5, '0')}`);
  const sqlite = store.db.$client;
  const t0 = performance.now();
  sqlite.transaction(() => {
    const bar = sqlite.prepare(
      "INSERT INTO daily_bars (symbol, date, close, volume, source, published_on) VALUES (?, ?, ?, 1000000, 'bench', ?)",
    );
    for (const s of symbols) {
      let close = 5 + rand() * 20;
      for (const d of sessions) {
        close *= 1 + (rand() - 0.48) * 0.08;
        bar.run(s, d, close, d);
      }
    }
    const rec =
      sqlite.prepare(`INSERT INTO tracked_recommendations (id, origin, symbol, as_of, reason, price, score, features, thesis, status)
      VALUES (?, 'live', ?, ?, 'ranked', ?, ?, '{}', 'bench', 'tracking')`);
    symbols.forEach((s, i) => {
      const d = recent[i % recent.length]!;
      rec.run(trackingId('live', d, s), s, d, 10, 0.3 + rand() * 0.6);
    });
    const run = sqlite.prepare(
      "INSERT INTO pipeline_runs (id, kind, status, as_of, started_at) VALUES (?, 'live', 'completed', ?, ?)",
    );
    const elim = sqlite.prepare(
      "INSERT INTO pipeline_eliminations (run_id, symbol, stage, criterion, value, threshold) VALUES (?, ?, 'volume_filtering', 'insufficient_volume_spike', ?, 3)",
    );
    for (const d of sessions.slice(-runs - 1, -1)) {
      const id = `discovery_${d.replaceAll('-', '')}_224500`;
      run.run(id, d, `${d}T22:45:00.000Z`);
      const offset = Math.floor(rand() * symbols.length);
      for (let k = 0; k < eliminationsPerRun; k++) elim.run(id, symbols[(offset + k) % symbols.length]!, rand() * 3);
    }
  })();
  const setupMs = performance.now() - t0;

  const learning = createLearningService({
    repos: createRepos(store.db),
    settings: fixedSettings(testConfig()),
    clock: fakeClock(`${asOf}T23:00:00Z`),
    logger: createLogger({ level: 'silent' }),
  });
  const figures = [];
  for (let i = 0; i < repeats; i++) figures.push(learning.updateCheckpoints(asOf));
  // the tracked part alone: no live runs to scan
  sqlite.exec('DELETE FROM pipeline_runs');
  const trackedOnly = [];
  const trackedCpu = [];
  for (let i = 0; i < repeats; i++) {
    // CPU time beside wall time: a loaded machine stretches the wall figure, not the work
    const c0 = process.cpuUsage();
    trackedOnly.push(learning.updateCheckpoints(asOf).ms);
    const c = process.cpuUsage(c0);
    trackedCpu.push(Math.round((c.user + c.system) / 1000));
  }
  store.cleanup();
  return {
    recommendations,
    bars: recommendations * sessions.length,
    live_runs_scanned: runs,
    eliminations_per_run: eliminationsPerRun,
    setup_ms: Math.round(setupMs),
    update_ms: figures.map((f) => f.ms),
    update_median_ms: median(figures.map((f) => f.ms)),
    updated: figures[0]!.updated,
    missed_found: figures[0]!.missedFound,
    tracked_only_ms: trackedOnly,
    tracked_only_median_ms: median(trackedOnly),
    tracked_only_cpu_ms: trackedCpu,
    target_ms: 2000,
  };
}
