import type { Config } from '../config/schema';
import type { LearningRepo, MissedInsert } from '../db/repos/learning.repo';
import type { BacktestAlert } from '../pipeline/backtest';
import type { BarStore } from '../pipeline/bar-store';
import type { FunnelResult } from '../pipeline/run-pipeline';
import type { CloseSource } from './close-series';
import { featuresOf } from './features';
import { findMissed, missedCandidates, type MissedHit } from './missed-candidates';
import { recommendationsOf } from './recommendations';
import type { TrackedInsert } from '../db/repos/learning.repo';

// What `squeezebot backtest` would have recommended, recorded as origin 'backtest' so /performance,
// /missed and /suggest work on imported history before the bot has run live. Each replayed day hands
// over its funnel result (runBacktest's onResult): its alerts after cooldowns and top-ranked names
// become tracked recommendations; the names it passed over are checked against the closes the replay
// already holds (bars up to OUTCOME_CALENDAR_DAYS after `to`, so the last days' windows are shorter).
// `save` replaces earlier backtest records of the same days, so re-running never doubles them.

export function createBacktestRecorder(deps: { repo: LearningRepo; config: Config; now: () => Date }) {
  const tracked: TrackedInsert[] = [];
  const missed: MissedInsert[] = [];
  const l = deps.config.learning;

  return {
    onResult(day: { date: string; result: FunnelResult; alerts: BacktestAlert[]; bars: BarStore }): void {
      const { date, result, alerts, bars } = day;
      tracked.push(
        ...recommendationsOf({
          origin: 'backtest',
          asOf: date,
          runId: null,
          discoveredAt: null,
          ranking: result.ranking,
          scored: result.scored,
          alerts: alerts.map((a) => ({ symbol: a.symbol, alertId: null, level: a.level })),
          topN: l.track_top_n,
        }),
      );
      const candidates = missedCandidates({
        asOf: date,
        runId: null,
        eliminations: result.run.eliminations.values(),
        stages: l.missed_stages,
        low: deps.config.alerting.thresholds.low,
        scored: result.scored.map((r) => ({
          symbol: r.symbol,
          score: r.result.score,
          level: r.result.level,
          features: featuresOf(r.metrics, r.result),
        })),
      });
      const closes: CloseSource = { get: (symbol) => bars.columns(symbol) };
      for (const hit of findMissed(candidates, closes, '9999-12-31', l.missed_min_return))
        missed.push(missedInsert('backtest', hit));
    },
    /** Replaces the backtest records of [from, to] with this replay's. */
    save(from: string, to: string): { tracked: number; missed: number; replaced: { tracked: number; missed: number } } {
      const replaced = deps.repo.clearBacktest(from, to);
      deps.repo.track(tracked);
      deps.repo.saveMissed(missed, deps.now().toISOString());
      return { tracked: tracked.length, missed: missed.length, replaced };
    },
  };
}

export type BacktestRecorder = ReturnType<typeof createBacktestRecorder>;

export function missedInsert(origin: 'live' | 'backtest', h: MissedHit): MissedInsert {
  return {
    origin,
    asOf: h.asOf,
    symbol: h.symbol,
    runId: h.runId,
    stage: h.stage,
    criterion: h.criterion,
    value: h.value,
    threshold: h.threshold,
    detail: h.detail,
    score: h.score,
    features: { ...(h.features ?? {}) },
    price: h.price,
    peakPrice: h.peakPrice,
    peakReturn: h.peakReturn,
    daysToPeak: h.daysToPeak,
  };
}
