import type { Config } from '../../config/schema';
import { NO_TRANSIENT, type PipelineSource } from '../pipeline-source';
import type { RunRecorder } from '../run-recorder';
import { SCREEN_MARGIN } from '../volume-screen';
import type { MetricFlag, SymbolMetrics, VolumeMetrics } from '../../signals/metric-types';
import { weightedScore } from '../../signals/scoring/hybrid-score';
import { readInput, type ReadContext } from '../../signals/scoring/score-inputs';
import { volumeMetricsFor } from '../symbol-metrics';

/** The detector's inputs are all from bars: no short-interest report or options floor applies. */
const VOLUME_READ_CONTEXT: ReadContext = { shortInterest: null, optionsMinVolume: 0 };

// Stage 3, volume filtering (the volume detector): unusual volume (spike ≥ min_volume_spike_ratio)
// or strong momentum (RSI ≥ min_rsi_threshold), on liquid names (20-day average volume ≥
// universe_loader.filters.min_avg_volume). Survivors are ranked by the detector's own weighted score
// (volume_detector.scoring.weights) and the best max_candidates go to the deep scan. A raw first pass
// (volume-screen.ts) cuts the symbols nowhere near a threshold without computing their full metrics.

export interface VolumeCandidate {
  symbol: string;
  volume: VolumeMetrics;
  flags: MetricFlag[];
  detectionScore: number;
}

export function detectionScore(symbol: string, asOf: string, volume: VolumeMetrics, config: Config): number {
  const m: SymbolMetrics = {
    symbol,
    asOf,
    volume,
    shortInterest: null,
    shortVolume: null,
    offExchange: null,
    transient: NO_TRANSIENT,
    flags: [],
  };
  return (
    weightedScore(config.volume_detector.scoring.weights, (key) => readInput(key, m, VOLUME_READ_CONTEXT)).score ?? 0
  );
}

export function volumeStage(
  symbols: string[],
  source: PipelineSource,
  config: Config,
  recorder: RunRecorder,
): Map<string, VolumeCandidate> {
  const a = config.volume_detector.analysis;
  const minAvg = config.universe_loader.filters.min_avg_volume;
  const max = config.volume_detector.filters.max_candidates;
  const stage = recorder.stage('volume_filtering', symbols.length, {
    volume_spike_min: a.min_volume_spike_ratio,
    rsi_min: a.min_rsi_threshold,
    min_avg_volume: minAvg,
    lookback_days: a.volume_lookback_days,
    max_candidates: max,
  });
  const passing: VolumeCandidate[] = [];
  let screenedOut = 0;
  for (const symbol of symbols) {
    // the raw screen cuts symbols far from every threshold; the rest get the exact check below
    const raw = source.screen(symbol);
    if (raw) {
      if (raw.avgVolume < minAvg * SCREEN_MARGIN.avgVolumeFactor) {
        stage.eliminate(symbol, 'avg_volume_too_low', raw.avgVolume, minAvg);
        screenedOut++;
        continue;
      }
      const farFromSpike = raw.spike < a.min_volume_spike_ratio * SCREEN_MARGIN.spikeFactor;
      const farFromRsi = !(raw.rsi >= a.min_rsi_threshold - SCREEN_MARGIN.rsiPoints);
      if (farFromSpike && farFromRsi) {
        const rsiNote = Number.isFinite(raw.rsi) ? `RSI ${raw.rsi.toFixed(1)} < ${a.min_rsi_threshold}` : null;
        stage.eliminate(symbol, 'insufficient_volume_spike', raw.spike, a.min_volume_spike_ratio, rsiNote);
        screenedOut++;
        continue;
      }
    }
    const { metrics, flags } = volumeMetricsFor(symbol, source, config);
    if (!metrics || metrics.volumeSpikeRatio === null || metrics.avgVolume20 === null) {
      const why =
        flags.find((f) => f.code === 'thin_history' || f.code === 'zero_volume' || f.code === 'no_bars') ?? flags[0];
      stage.eliminate(
        symbol,
        why?.code === 'zero_volume' ? 'zero_volume' : 'insufficient_history',
        metrics?.barsAvailable ?? 0,
        a.volume_lookback_days + 1,
        why?.message ?? null,
      );
      continue;
    }
    // the off-exchange proxy's average is a share of the market's volume: the threshold is scaled alike
    const proxy = metrics.volumeBasis === 'off_exchange';
    const minAvgHere = proxy ? minAvg * a.off_exchange_share : minAvg;
    if (metrics.avgVolume20 < minAvgHere) {
      const note = proxy ? `off-exchange volume, threshold × ${a.off_exchange_share} off-exchange share` : null;
      stage.eliminate(symbol, 'avg_volume_too_low', metrics.avgVolume20, minAvgHere, note);
      continue;
    }
    const spikes = metrics.volumeSpikeRatio >= a.min_volume_spike_ratio;
    const overbought = metrics.rsi14 !== null && metrics.rsi14 >= a.min_rsi_threshold;
    if (!spikes && !overbought) {
      stage.eliminate(
        symbol,
        'insufficient_volume_spike',
        metrics.volumeSpikeRatio,
        a.min_volume_spike_ratio,
        metrics.rsi14 !== null ? `RSI ${metrics.rsi14.toFixed(1)} < ${a.min_rsi_threshold}` : null,
      );
      continue;
    }
    passing.push({
      symbol,
      volume: metrics,
      flags,
      detectionScore: detectionScore(symbol, source.asOf, metrics, config),
    });
  }
  passing.sort((x, y) => y.detectionScore - x.detectionScore || x.symbol.localeCompare(y.symbol));
  const kept = passing.slice(0, max);
  const cut = kept.at(-1)?.detectionScore ?? null;
  for (const c of passing.slice(max))
    stage.eliminate(c.symbol, 'below_candidate_cut', c.detectionScore, cut, `${max} candidates kept`);
  stage.record.criteria.screened_out = screenedOut;
  stage.done(kept.length);
  return new Map(kept.map((c) => [c.symbol, c]));
}
