import type { Config } from '../config/schema';
import type { Repos } from '../db/repos';
import type { ChatReadsRepo, SymbolInfo } from '../db/repos/chat-reads.repo';
import type { StoredScore } from '../db/repos/pipeline-runs.repo';
import { addCalendarDays } from '../market/iso-date';
import { lastTradingDayOnOrBefore } from '../market/trading-calendar';
import { createBarStore } from './bar-store';
import { BAR_LOOKBACK_CALENDAR_DAYS, createDbPipelineSource } from './db-pipeline-source';
import { collectSymbolMetrics } from './symbol-metrics';
import { createVolumeScreen } from './volume-screen';
import type { ScoreResult, SymbolMetrics } from '../signals/metric-types';
import { scoreSymbol } from '../signals/scoring/hybrid-score';
import { symbolInRun, type SymbolInRun } from './symbol-in-run';

// Everything /ticker shows about one symbol on one day: the run's stored score and metrics when the
// day's run scored it, else the same metrics and score computed now from what the store holds, so a
// name the funnel cut (or never saw) still gets a card. Which run and what it did with the symbol is
// symbolInRun's record, the one /why reads.

/** Bars older than this (calendar days) before the day asked make a card or chart fall back to their day. */
const STALE_BARS_DAYS = 10;

/**
 * The day a card or chart of `symbol` is about when `asked` is wanted: a store whose newest bars are
 * well before it (imported history, a collector down) shows the newest day it holds, said plainly,
 * rather than days of dashes. One rule for /ticker, /chart and the alert's chart button.
 */
export function dayWithBars(
  reads: Pick<ChatReadsRepo, 'newestBarOnOrBefore'>,
  symbol: string,
  asked: string,
): { day: string; stale: boolean } {
  const newest = reads.newestBarOnOrBefore(symbol, asked);
  const stale = newest !== null && newest < addCalendarDays(asked, -STALE_BARS_DAYS);
  return { day: stale ? newest : asked, stale };
}

export interface TickerSnapshot {
  symbol: string;
  /** the trading day the card is about */
  day: string;
  info: SymbolInfo | null;
  close: number | null;
  prevClose: number | null;
  barDate: string | null;
  metrics: SymbolMetrics;
  score: Pick<
    ScoreResult,
    'score' | 'fuel' | 'trigger' | 'level' | 'weightSet' | 'components' | 'missing' | 'levelNotes'
  >;
  /** the day's run and what it did with the symbol (no_run when no run is of `day`) */
  standing: SymbolInRun;
}

export async function tickerSnapshot(
  symbol: string,
  asOf: string,
  deps: { repos: Repos; config: Config },
): Promise<TickerSnapshot | null> {
  const reads = deps.repos.chatReads;
  if (!reads.knows(symbol)) return null;
  const asked = lastTradingDayOnOrBefore(asOf);
  const { day, stale } = dayWithBars(reads, symbol, asked);
  const bars = reads.barsOf(symbol, addCalendarDays(day, -10), day);
  const n = bars.close.length;
  const base = {
    symbol,
    day,
    info: reads.symbolInfo(symbol) ?? null,
    close: n ? bars.close[n - 1]! : null,
    prevClose: n > 1 ? bars.close[n - 2]! : null,
    barDate: n ? bars.dates[n - 1]! : null,
  };
  const staleFlag = stale
    ? [{ code: 'stale_card', message: `no bars after ${day}: this card is as of ${day}, not ${asked}` }]
    : [];
  const inRun = symbolInRun({ reads, runs: deps.repos.pipelineRuns }, symbol, day, deps.config.deep_scan.ranking_size);
  const standing: SymbolInRun = inRun.kind !== 'no_run' && inRun.run.asOf === day ? inRun : { kind: 'no_run' };
  if (standing.kind === 'scored') {
    const snap = { ...base, ...fromStored(standing.score), standing };
    snap.metrics.flags.unshift(...staleFlag);
    return snap;
  }

  const data = deps.repos.pipelineData;
  const store = createBarStore(
    new Map([[symbol, reads.barsOf(symbol, addCalendarDays(day, -BAR_LOOKBACK_CALENDAR_DAYS), day)]]),
  );
  const source = createDbPipelineSource({
    asOf: day,
    data,
    bars: store,
    screen: createVolumeScreen(store, deps.config.volume_detector.analysis.volume_lookback_days),
    newest: { bars: null, shortvol: null },
  });
  const metrics = await collectSymbolMetrics(symbol, source, deps.config, {
    floatShares: base.info?.floatShares ?? null,
  });
  metrics.flags.unshift(...staleFlag);
  return { ...base, metrics, score: scoreSymbol(metrics, deps.config), standing };
}

function fromStored(s: StoredScore): Pick<TickerSnapshot, 'metrics' | 'score'> {
  return {
    // stored apart from the metrics JSON: the symbol, the day and the flags (pipeline.service.ts scoreRow)
    metrics: {
      volume: null,
      shortInterest: null,
      shortVolume: null,
      offExchange: null,
      ...(s.metrics as Partial<SymbolMetrics>),
      symbol: s.symbol,
      asOf: s.asOf,
      flags: s.flags ?? [],
    } as SymbolMetrics,
    score: {
      score: s.score,
      fuel: s.fuel,
      trigger: s.trigger,
      level: s.level,
      weightSet: s.weightSet,
      components: s.components,
      missing: s.missing,
      levelNotes: s.levelNotes,
    },
  };
}
