import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import { addTradingDays } from '../market/trading-calendar';
import type { PipelineResult } from '../pipeline/pipeline.service';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { defaultAsOf } from '../pipeline/pipeline.service';
import { createBacktestRecorder, missedInsert } from './backtest-recorder';
import { checkpointUpdates } from './checkpoint-update';
import { featuresOf, type MetricsLike } from './features';
import { findMissed, missedCandidates, type ScoredName } from './missed-candidates';
import { createLearningReads, type Origin } from './learning-reads';
import { TRACKING_DAYS } from './outcome';
import { recommendationsOf, type RankedLike } from './recommendations';

// The learning tracker. Called by:
// - src/main.ts after each live run of the current day (after the alert engine): recordRun(result)
//   tracks its alerts and top-ranked names;
// - the scheduler's learning_tracker job after the close: updateCheckpoints(asOf) moves every open
//   recommendation to the day's close in one read of bars and one transaction, and finds the live
//   runs' missed opportunities of the tracking window;
// - `squeezebot backtest`: backtestRecorder() records a replay's recommendations as origin 'backtest'.

export interface UpdateStats {
  asOf: string;
  updated: number;
  completed: number;
  missedFound: number;
  ms: number;
}

export function createLearningService(deps: { repos: Repos; settings: Settings; clock: Clock; logger: Logger }) {
  const repo = deps.repos.learning;
  const log = deps.logger.child({ component: 'learning' });
  const cfg = () => deps.settings.current().learning;

  function liveMissed(asOf: string): number {
    const from = addTradingDays(asOf, -TRACKING_DAYS);
    const stages = cfg().missed_stages;
    const low = deps.settings.current().alerting.thresholds.low;
    const byDay = new Map<
      string,
      { runId: string; eliminations: ReturnType<typeof repo.liveEliminations>; scored: ScoredName[] }
    >();
    const dayOf = (d: string, runId: string) =>
      byDay.get(d) ?? byDay.set(d, { runId, eliminations: [], scored: [] }).get(d)!;
    for (const e of repo.liveEliminations(
      from,
      asOf,
      stages.filter((s) => s !== 'alerting'),
    )) {
      const day = dayOf(e.asOf, e.runId);
      day.runId = e.runId;
      day.eliminations.push(e);
    }
    for (const s of repo.liveScores(from, asOf)) {
      const metrics = JSON.parse(s.metrics) as MetricsLike;
      dayOf(s.asOf, s.runId).scored.push({
        symbol: s.symbol,
        score: s.score,
        level: s.level as never,
        features: featuresOf(metrics, s),
      });
    }
    const candidates = [...byDay].flatMap(([d, day]) =>
      missedCandidates({ asOf: d, runId: day.runId, eliminations: day.eliminations, scored: day.scored, stages, low }),
    );
    if (candidates.length === 0) return 0;
    const closes = repo.closes([...new Set(candidates.map((c) => c.symbol))], addTradingDays(from, -1), asOf);
    const hits = findMissed(candidates, closes, asOf, cfg().missed_min_return);
    repo.saveMissed(
      hits.map((h) => missedInsert('live', h)),
      deps.clock.now().toISOString(),
    );
    return hits.length;
  }

  return {
    /** Tracks a finished live run's alerts (already raised by the alert engine) and top-ranked names. Never throws. */
    recordRun(result: {
      run: PipelineResult['run'];
      ranking: readonly RankedLike[];
      scored?: readonly RankedLike[];
    }): number {
      try {
        if (result.run.kind !== 'live' || result.run.status === 'aborted') return 0;
        const alerts = repo
          .alertsOfRun(result.run.id)
          .map((a) => ({ symbol: a.symbol, alertId: a.id, level: a.severity }));
        const rows = recommendationsOf({
          origin: 'live',
          asOf: result.run.asOf,
          runId: result.run.id,
          discoveredAt: result.run.startedAt,
          ranking: result.ranking,
          scored: result.scored ?? result.ranking,
          alerts,
          topN: cfg().track_top_n,
        });
        repo.track(rows);
        log.info({ runId: result.run.id, tracked: rows.length, alerts: alerts.length }, 'recommendations tracked');
        return rows.length;
      } catch (err) {
        log.error(
          { runId: result.run.id, err: err instanceof Error ? err.message : String(err) },
          'tracking recommendations failed',
        );
        return 0;
      }
    },

    /** The daily checkpoint as of the close of `asOf` (default: the last trading day by the clock). */
    updateCheckpoints(asOf: string = defaultAsOf(deps.clock.now())): UpdateStats {
      const t0 = performance.now();
      const open = repo.openBefore(asOf);
      let updated = 0;
      let completed = 0;
      if (open.length > 0) {
        const since = open.reduce((m, r) => (r[2] < m ? r[2] : m), open[0]![2]);
        const closes = repo.closes([...new Set(open.map((r) => r[1]))], since, asOf);
        const updates = checkpointUpdates(open, closes, asOf, cfg());
        repo.applyOutcomes(updates, deps.clock.now().toISOString());
        updated = updates.length;
        completed = updates.filter((u) => u.status === 'completed').length;
      }
      const missedFound = liveMissed(asOf);
      const stats = { asOf, updated, completed, missedFound, ms: Math.round(performance.now() - t0) };
      log.info(stats, 'learning checkpoints updated');
      return stats;
    },

    /** /performance: outcomes of the tracked recommendations over a window. */
    performance: (origin: Origin, days: number | undefined, asOf: string) =>
      createLearningReads(deps.repos, deps.settings.current()).performance(origin, days, asOf),
    /** /missed: names cut or scored below alerting that ran anyway. */
    missed: (origin: Origin, days: number | undefined, asOf: string) =>
      createLearningReads(deps.repos, deps.settings.current()).missed(origin, days, asOf),
    /** /suggest: thresholds the outcomes argue for. */
    suggest: (origin: Origin, days: number | undefined, asOf: string) =>
      createLearningReads(deps.repos, deps.settings.current()).suggest(origin, days, asOf),

    backtestRecorder() {
      return createBacktestRecorder({ repo, config: deps.settings.current(), now: () => deps.clock.now() });
    },
    repo,
  };
}

export type LearningService = ReturnType<typeof createLearningService>;
