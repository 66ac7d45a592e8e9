import type { Config } from '../config/schema';
import type { Repos } from '../db/repos';
import type { TrackedStored } from '../db/repos/learning.repo';
import { addCalendarDays } from '../market/iso-date';
import type { Features } from './features';
import { missedPatterns, type MissedRow } from './missed-patterns';
import { performanceModel, type PerformanceModel, type TrackedRow } from './performance.model';
import { suggestThresholds, type LevelSuggestion } from './threshold-suggest';

// What /performance, /missed and /suggest read: one origin at a time (live by default), over the `days`
// calendar days up to the newest record of that origin on or before the chat's as-of day, so imported
// history from years ago answers as readily as last month's live runs. The other origin's count is
// returned too, so a reply can point at it instead of mixing the two.

export type Origin = 'live' | 'backtest';

export interface Window {
  origin: Origin;
  from: string;
  to: string;
  days: number;
  /** records of the other origin, all time (a hint, never mixed in) */
  otherCount: number;
}

export function createLearningReads(repos: Repos, config: Config) {
  const repo = repos.learning;
  const windowOf = (origin: Origin, end: string | null, days: number | undefined, asOf: string): Window => {
    const d = days ?? config.learning.suggest_days;
    const to = end ?? asOf;
    return {
      origin,
      from: addCalendarDays(to, -d + 1),
      to,
      days: d,
      otherCount: repo.count(origin === 'live' ? 'backtest' : 'live'),
    };
  };

  return {
    performance(origin: Origin, days: number | undefined, asOf: string): { window: Window; model: PerformanceModel } {
      const window = windowOf(origin, repo.newestTracked(origin, asOf), days, asOf);
      return { window, model: performanceModel(repo.tracked(origin, window.from, window.to).map(trackedRow)) };
    },
    missed(
      origin: Origin,
      days: number | undefined,
      asOf: string,
    ): { window: Window; rows: MissedRow[]; patterns: string[] } {
      const window = windowOf(origin, repo.newestMissed(origin, asOf) ?? repo.newestTracked(origin, asOf), days, asOf);
      const rows = repo.missed(origin, window.from, window.to).map((m): MissedRow => ({
        symbol: m.symbol,
        asOf: m.asOf,
        stage: m.stage,
        criterion: m.criterion,
        value: m.value,
        threshold: m.threshold,
        price: m.price,
        features: m.features,
        peakReturn: m.peakReturn,
        daysToPeak: m.daysToPeak,
      }));
      return { window, rows, patterns: missedPatterns(rows) };
    },
    suggest(
      origin: Origin,
      days: number | undefined,
      asOf: string,
    ): { window: Window; measured: number; suggestions: LevelSuggestion[] } {
      const window = windowOf(origin, repo.newestTracked(origin, asOf), days, asOf);
      const rows = repo
        .tracked(origin, window.from, window.to)
        .filter((r) => r.lastReturn !== null)
        .map((r) => ({
          score: r.score,
          volumeSpike: (r.features as Partial<Features>).volumeSpike ?? null,
          success: r.success === true,
        }));
      return {
        window,
        measured: rows.length,
        suggestions: suggestThresholds(rows, config.alerting.thresholds, config.learning.suggest_min_count),
      };
    },
  };
}

function trackedRow(r: TrackedStored): TrackedRow {
  return {
    id: r.id,
    symbol: r.symbol,
    asOf: r.asOf,
    reason: r.reason,
    level: r.level,
    score: r.score,
    return1d: r.return1d,
    return7d: r.return7d,
    return30d: r.return30d,
    lastReturn: r.lastReturn,
    peakReturn: r.peakReturn,
    daysToPeak: r.daysToPeak,
    daysTracked: r.daysTracked,
    outcome: r.outcome,
    success: r.success,
    failure: r.failure,
    feedback: r.feedback,
  };
}
