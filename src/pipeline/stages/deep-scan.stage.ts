import type { Config } from '../../config/schema';
import type { EliminationReason } from '../../domain/runs';
import { reasonWithFigures, stageLabel } from '../../present/labels/reasons';
import type { MetricFlag, ScoreResult, SymbolMetrics } from '../../signals/metric-types';
import { scoreSymbol } from '../../signals/scoring/hybrid-score';
import type { PipelineSource } from '../pipeline-source';
import type { RunRecorder } from '../run-recorder';
import { collectSymbolMetrics } from '../symbol-metrics';
import type { VolumeCandidate } from './volume.stage';

// Stage 4, squeeze detection (the deep scan): every volume candidate, every active ad-hoc ticker
// (even one the funnel cut: the trader asked for it) and every followed name (alerted or top-ranked in the
// last volume_detector.filters.follow_days trading days: a run through max_price, or a quiet day inside a
// run, must not drop a name a trader is riding) gets its full metrics and the hybrid score.
// Symbols are worked in batches of deep_scan.batch_size, so per-symbol provider calls (sentiment)
// run a batch at a time; one symbol's failure is recorded and the rest go on.

export interface ScannedSymbol {
  symbol: string;
  source: 'volume_detector' | 'adhoc' | 'followed';
  metrics: SymbolMetrics;
  result: ScoreResult;
}

export interface DeepScanOut {
  scanned: ScannedSymbol[];
  /** symbols whose scan threw */
  failed: { symbol: string; error: string }[];
}

export async function deepScanStage(
  candidates: Map<string, VolumeCandidate>,
  adhoc: string[],
  context: {
    source: PipelineSource;
    config: Config;
    recorder: RunRecorder;
    floatOf: (symbol: string) => number | null;
    /** names alerted or top-ranked recently (pipeline.service / backtest), scanned whatever the funnel said */
    followed?: readonly string[];
  },
): Promise<DeepScanOut> {
  const { source, config, recorder } = context;
  const extra = adhoc.filter((s) => !candidates.has(s));
  const followed = (context.followed ?? []).filter((s) => !candidates.has(s) && !extra.includes(s));
  const work: { symbol: string; source: ScannedSymbol['source'] }[] = [
    ...[...candidates.keys()].map((symbol) => ({ symbol, source: 'volume_detector' as const })),
    ...extra.map((symbol) => ({ symbol, source: 'adhoc' as const })),
    ...followed.map((symbol) => ({ symbol, source: 'followed' as const })),
  ];
  const stage = recorder.stage('squeeze_detection', work.length, {
    weights: 'one table, missing inputs at their neutral prior',
    finra_max_age_days: config.deep_scan.metrics.finra_max_age_days,
    adhoc: adhoc.length,
    followed: followed.length,
    batch_size: config.deep_scan.batch_size,
  });
  const scanned: ScannedSymbol[] = [];
  const failed: DeepScanOut['failed'] = [];
  const batch = Math.max(1, config.deep_scan.batch_size);
  for (let i = 0; i < work.length; i += batch) {
    const results = await Promise.allSettled(
      work.slice(i, i + batch).map(async (w) => {
        const cut = recorder.run.eliminations.get(w.symbol);
        const metrics = await collectSymbolMetrics(w.symbol, source, config, {
          floatShares: context.floatOf(w.symbol),
          volume: candidates.get(w.symbol)
            ? { metrics: candidates.get(w.symbol)!.volume, flags: candidates.get(w.symbol)!.flags }
            : undefined,
        });
        // an ad-hoc ticker the store holds nothing for: every input would sit at its prior, and a score of
        // priors ranked among real names reads as a finding. Cut here, said as "no data".
        if (!hasData(metrics)) return { ...w, metrics, result: null };
        if (cut) {
          // an ad-hoc ticker the funnel had cut: scanned anyway, and the card says what the funnel thought
          metrics.flags.push(override(cut, w.source));
          recorder.run.eliminations.delete(w.symbol);
        }
        return { ...w, metrics, result: scoreSymbol(metrics, config) };
      }),
    );
    results.forEach((r, j) => {
      const symbol = work[i + j]!.symbol;
      if (r.status === 'fulfilled') {
        const { result, ...rest } = r.value;
        if (result) scanned.push({ ...rest, result });
        else if (!recorder.run.eliminations.has(symbol))
          stage.eliminate(symbol, NO_DATA, null, null, 'no bars, short volume or short interest held: not scored');
      } else {
        const error = r.reason instanceof Error ? r.reason.message : String(r.reason);
        failed.push({ symbol, error });
        stage.error(`${symbol}: ${error}`);
        stage.eliminate(symbol, 'scan_error', null, null, error);
      }
    });
  }
  let withFinra = 0;
  for (const s of scanned) if (s.result.weightSet === 'with_finra') withFinra++;
  stage.record.criteria.scored_with_short_interest = withFinra;
  stage.record.criteria.scored_without_short_interest = scanned.length - withFinra;
  // no symbol with a usable short-interest report: every score's short-interest input sat at its prior
  if (withFinra === 0 && scanned.length > 0)
    stage.fallback('no usable short-interest report: every score counted short interest at its neutral prior');
  stage.done(scanned.length);
  return { scanned, failed };
}

/** The criterion of a symbol the deep scan could not score: the store holds nothing for it. */
export const NO_DATA = 'no_data' satisfies EliminationReason;

function hasData(m: SymbolMetrics): boolean {
  return m.volume !== null || m.shortVolume !== null || m.shortInterest !== null;
}

function override(
  cut: { stage: string; criterion: string; value: number | null; threshold: number | null },
  source: ScannedSymbol['source'],
): MetricFlag {
  // the flag is shown as it is (/why, the card): the stage and reason in words, the figures in their units
  const figures = reasonWithFigures(cut.criterion, cut.value, cut.threshold);
  const because = source === 'followed' ? 'alerted or top-ranked recently: its run is followed' : 'on the ad-hoc list';
  return {
    code: source === 'followed' ? 'followed_override' : 'adhoc_override',
    message: `the funnel cut it at ${stageLabel(cut.stage)}: ${figures}; scanned because it is ${because}`,
  };
}
