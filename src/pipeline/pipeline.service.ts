import { asOfDate } from '../market/as-of';
import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { ScoreInsert } from '../db/repos/pipeline-runs.repo';
import { addCalendarDays } from '../market/iso-date';
import { addTradingDays, lastTradingDayOnOrBefore, marketDateAt } from '../market/trading-calendar';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { SymbolMetrics, TransientMetrics } from '../signals/metric-types';
import type { AdhocService } from './adhoc.service';
import { createBarStore } from './bar-store';
import { BAR_LOOKBACK_CALENDAR_DAYS, createDbPipelineSource, knownNewest } from './db-pipeline-source';
import { runFunnel } from './run-pipeline';
import type { RunRecord, StageRecord } from '../domain/runs';
import { createRunRecorder } from './run-recorder';
import type { Ranked } from './stages/ranking.stage';
import { createVolumeScreen } from './volume-screen';
import type { MarketCache, MarketView } from './market-cache';
import { createOffExchangeStore } from './off-exchange-store';

// The live discovery run: loads the bars of the lookback window once, runs the funnel for the day,
// saves the run (stages, eliminations) with every scanned symbol's score and metrics in one
// transaction, and promotes ad-hoc tickers that reached adhoc.auto_promote_threshold.

export type RankedCandidate = Ranked;

export interface PipelineResult {
  run: RunRecord;
  /** the day's list (deep_scan.ranking_size), rank 1 first */
  ranking: RankedCandidate[];
  /** every deep-scanned symbol, ranked by score */
  scored: RankedCandidate[];
  /** ad-hoc tickers promoted by this run */
  promoted: string[];
}

export interface PipelineDeps {
  repos: Repos;
  settings: Settings;
  clock: Clock;
  logger: Logger;
  adhoc: AdhocService;
  transient?: (symbol: string) => Promise<TransientMetrics>;
  /** the market held in memory (a long-running process); absent: each run reads its window */
  market?: MarketCache;
}

/** The trading day a run made now scores: today in New York once it is a trading day, else the last one. */
export function defaultAsOf(now: Date): string {
  return lastTradingDayOnOrBefore(marketDateAt(now));
}

export function createPipelineService(deps: PipelineDeps) {
  const data = deps.repos.pipelineData;
  const runs = deps.repos.pipelineRuns;
  const status = deps.repos.datasetStatus;
  const log = deps.logger.child({ component: 'pipeline' });

  /** The run window's bars read for this run alone (no market held). */
  function readWindow(asOf: string, lookback: number): MarketView {
    const t0 = performance.now();
    const from = addCalendarDays(asOf, -BAR_LOOKBACK_CALENDAR_DAYS);
    const bars = createBarStore(data.barsBetween(from, asOf));
    return {
      bars,
      screen: createVolumeScreen(bars, lookback),
      offExchange: createOffExchangeStore(data, { from, to: asOf }),
      how: 'one-off',
      loadMs: performance.now() - t0,
    };
  }

  /** The funnel for one day, not saved: a scan's discovery pass, or the run itself before save(). */
  async function evaluate(options: RunOptions = {}): Promise<EvaluatedRun> {
    const config = deps.settings.current();
    const asOf = options.asOf ?? defaultAsOf(deps.clock.now());
    const t0 = performance.now();
    const lookback = config.volume_detector.analysis.volume_lookback_days;
    const market = deps.market?.at(asOf, lookback) ?? readWindow(asOf, lookback);
    const source = createDbPipelineSource({
      asOf,
      data,
      bars: market.bars,
      screen: market.screen,
      offExchange: market.offExchange,
      // point in time: today's sentiment never enters a run as of a past day
      transient: asOf === defaultAsOf(deps.clock.now()) ? deps.transient : undefined,
      newest: knownNewest(status, asOf),
    });
    const recorder = createRunRecorder({ kind: 'live', asOf, clock: deps.clock });
    const adhoc = deps.adhoc.list(asOfDate(asOf)).map((a) => a.symbol);
    const followDays = config.volume_detector.filters.follow_days;
    const followed =
      followDays > 0
        ? runs.followedBetween(addTradingDays(asOf, -followDays), asOf, config.deep_scan.ranking_size)
        : [];
    const result = await runFunnel({ source, config, recorder, adhoc, followed, onStage: options.onStage });
    result.run.summary.bars_load_ms = Math.round(market.loadMs);
    result.run.summary.bars_held = market.how;
    return { ...result, startedMs: t0 };
  }

  /** Saves an evaluated run with every scanned symbol's score, and promotes ad-hoc tickers it scored high. */
  function save(result: EvaluatedRun): PipelineResult {
    runs.save(
      result.run,
      result.scored.map((r) => scoreRow(result.run.id, r)),
    );
    const promoted =
      result.run.status === 'aborted'
        ? []
        : deps.adhoc.promote(result.scored.map((r) => ({ symbol: r.symbol, score: r.result.score })));
    log.info(
      {
        runId: result.run.id,
        asOf: result.run.asOf,
        status: result.run.status,
        health: result.run.healthScore,
        scored: result.scored.length,
        ms: Math.round(performance.now() - result.startedMs),
      },
      'pipeline run finished',
    );
    const { startedMs: _started, ...funnel } = result;
    return { ...funnel, promoted };
  }

  return {
    evaluate,
    save,
    async run(options: RunOptions = {}): Promise<PipelineResult> {
      return save(await evaluate(options));
    },
  };
}

export interface RunOptions {
  asOf?: string;
  onStage?: (stage: StageRecord) => void | Promise<void>;
}

/** A run computed and not yet saved. */
export interface EvaluatedRun extends Omit<PipelineResult, 'promoted'> {
  /** performance.now() at the start, for the run's logged duration */
  startedMs: number;
}

export type PipelineService = ReturnType<typeof createPipelineService>;

export function scoreRow(runId: string, r: Ranked): ScoreInsert {
  return {
    asOf: r.result.asOf,
    symbol: r.symbol,
    runId,
    rank: r.rank,
    score: r.result.score,
    fuel: r.result.fuel,
    trigger: r.result.trigger,
    level: r.result.level,
    weightSet: r.result.weightSet,
    components: r.result.components,
    missing: r.result.missing,
    levelNotes: r.result.levelNotes,
    metrics: storedMetrics(r.metrics),
    flags: r.metrics.flags,
    source: r.source,
  };
}

/** The metrics as stored with a score: everything but the symbol, date and flags (stored apart). */
function storedMetrics(m: SymbolMetrics): Record<string, unknown> {
  return {
    volume: m.volume,
    shortInterest: m.shortInterest,
    shortVolume: m.shortVolume,
    offExchange: m.offExchange,
    supply: m.supply,
    transient: m.transient,
  };
}
