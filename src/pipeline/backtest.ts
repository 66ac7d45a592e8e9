import { decideCooldown, type SentAlert } from '../alerts/cooldown';
import type { Config } from '../config/schema';
import type { Repos } from '../db/repos';
import { addCalendarDays } from '../market/iso-date';
import { addTradingDays, tradingDaysBetween } from '../market/trading-calendar';
import { withinBudget } from '../alerts/alert-budget';
import type { Clock } from '../shared/clock';
import type { AlertLevel } from '../signals/metric-types';
import { createBarStore, type BarStore } from './bar-store';
import { BAR_LOOKBACK_CALENDAR_DAYS, createDbPipelineSource, knownNewest } from './db-pipeline-source';
import { runFunnel, type FunnelResult } from './run-pipeline';
import { createRunRecorder } from './run-recorder';
import type { RunRecord } from '../domain/runs';
import { createReplayReads } from './replay-reads';
import { lazyShortVolumeStore } from './short-volume-store';
import { createVolumeScreen } from './volume-screen';

// The point-in-time replay: for each trading day D from..to, the same funnel the live run uses, over
// a source that answers only with what was published by D (bars ≤ D, short volume ≤ D, short interest
// published ≤ D, OTC weeks published ≤ D). Bars and short volume are loaded once for the whole replay,
// each symbol's raw indicators computed once (volume-screen.ts) and each deep-scanned symbol's short
// interest, OTC weeks, options, lit trades, borrow, fails and threshold rows read once (replay-reads.ts),
// so a day costs the funnel, not a reload.
// Alerts pass through the same cooldown decision and daily budget as the live engine (alerts/cooldown.ts,
// alerts/alert-budget.ts), and the names alerted or listed in the last follow_days are followed as live.
// Ad-hoc lists are not replayed: nobody's past watchlist is known.

export interface BacktestAlert {
  date: string;
  symbol: string;
  level: AlertLevel;
  score: number;
}

export interface BacktestRanking {
  date: string;
  symbol: string;
  rank: number;
  score: number;
}

export interface BacktestDay {
  date: string;
  status: RunRecord['status'];
  candidates: number;
  scored: number;
  alerts: number;
  healthScore: number | null;
}

export interface BacktestResult {
  from: string;
  to: string;
  /** pushed: after the cooldown and the daily budget, as the live engine decides */
  alerts: BacktestAlert[];
  /** over the daily budget: shown, not pushed (they start no cooldown) */
  held: BacktestAlert[];
  rankings: BacktestRanking[];
  days: BacktestDay[];
  /** bars held after `to` are kept for outcome checks (precision), never for scoring */
  bars: BarStore;
  ms: number;
}

/** Trading days of bars kept after `to`, for outcome checks. */
export const OUTCOME_CALENDAR_DAYS = 30;

export async function runBacktest(options: {
  repos: Repos;
  config: Config;
  clock: Clock;
  from: string;
  to: string;
  onDay?: (day: BacktestDay) => void;
  /**
   * each day's whole funnel result, its alerts after cooldowns and the bar store (the learning tracker
   * records them)
   */
  onResult?: (day: { date: string; result: FunnelResult; alerts: BacktestAlert[]; bars: BarStore }) => void;
}): Promise<BacktestResult> {
  const { repos, config, from, to } = options;
  const t0 = performance.now();
  const data = repos.pipelineData;
  const start = addCalendarDays(from, -BAR_LOOKBACK_CALENDAR_DAYS);
  // a year of the market is ~3 M rows, read once on this thread: two reader threads (tried) halve the
  // load only on an idle second core, and their freed memory stays with the process (peak RSS +130 MB)
  const bars = createBarStore(data.barsBetween(start, addCalendarDays(to, OUTCOME_CALENDAR_DAYS)));
  // short volume up to `to` only: rows after it are never asked for (point in time); each symbol's
  // window read on its first ask, once for every day
  const shortVolume = lazyShortVolumeStore(data, { from: start, to });
  const replay = createReplayReads(data, to);
  const screen = createVolumeScreen(bars, config.volume_detector.analysis.volume_lookback_days);
  const universe = data.universe();

  const size = config.deep_scan.ranking_size;

  const alerts: BacktestAlert[] = [];
  const held: BacktestAlert[] = [];
  const rankings: BacktestRanking[] = [];
  const days: BacktestDay[] = [];
  const last = new Map<string, SentAlert>();
  /** the replay's own alerts and day lists: the names it follows, as the live run reads them from the store */
  const seen: { date: string; symbol: string }[] = [];
  const followDays = config.volume_detector.filters.follow_days;
  for (const date of tradingDaysBetween(from, to)) {
    const newest = knownNewest(repos.datasetStatus, date);
    const source = createDbPipelineSource({ asOf: date, data, bars, screen, universe, newest, shortVolume, replay });
    const recorder = createRunRecorder({
      kind: 'backtest',
      asOf: date,
      clock: options.clock,
      id: `backtest_${date.replaceAll('-', '')}`,
    });
    const since = followDays > 0 ? addTradingDays(date, -followDays) : date;
    const followed = [...new Set(seen.filter((x) => x.date >= since && x.date < date).map((x) => x.symbol))];
    const result = await runFunnel({ source, config, recorder, adhoc: [], followed });
    const eligible: BacktestAlert[] = [];
    for (const r of result.scored) {
      const level = r.result.level;
      if (!level) continue;
      const decision = decideCooldown(last.get(r.symbol) ?? null, level, date, config.alerting.cooldown);
      if (!decision.send) continue;
      eligible.push({ date, symbol: r.symbol, level, score: round(r.result.score) });
    }
    const budget = withinBudget(eligible, config.alerting.daily_budget.squeeze_alerts);
    const dayAlerts = budget.sent;
    for (const a of dayAlerts) last.set(a.symbol, { date, level: a.level });
    alerts.push(...dayAlerts);
    held.push(...budget.held);
    seen.push(...dayAlerts, ...result.ranking.slice(0, size).map((r) => ({ date, symbol: r.symbol })));
    options.onResult?.({ date, result, alerts: dayAlerts, bars });
    for (const r of result.ranking.slice(0, size))
      rankings.push({ date, symbol: r.symbol, rank: r.rank, score: round(r.result.score) });
    const day: BacktestDay = {
      date,
      status: result.run.status,
      candidates: result.run.stages.find((s) => s.name === 'volume_filtering')?.symbolsOut ?? 0,
      scored: result.scored.length,
      alerts: dayAlerts.length,
      healthScore: result.run.healthScore,
    };
    days.push(day);
    options.onDay?.(day);
  }
  return { from, to, alerts, held, rankings, days, bars, ms: performance.now() - t0 };
}

/** The `--json` contract: exactly from, to, alerts, rankings. */
export function backtestJson(result: BacktestResult): {
  from: string;
  to: string;
  alerts: BacktestAlert[];
  rankings: BacktestRanking[];
} {
  return { from: result.from, to: result.to, alerts: result.alerts, rankings: result.rankings };
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
