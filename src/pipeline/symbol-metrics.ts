import type { Config } from '../config/schema';
import type { MetricFlag, SymbolMetrics, TransientMetrics, VolumeMetrics } from '../signals/metric-types';
import { computeOffExchangeMetrics } from '../signals/off-exchange-metrics';
import { computeShortInterestMetrics } from '../signals/short-interest-metrics';
import { computeShortVolumeMetrics } from '../signals/short-volume-metrics';
import { computeVolumeMetrics } from '../signals/volume-metrics';
import { NO_TRANSIENT, type PipelineSource } from './pipeline-source';

// Everything the deep scan knows about one symbol on one day, gathered from the source (point in
// time) and handed to the pure metric functions. Each part may be null; its flags say why.

/** Short-volume rows read: the z-score's 60 days plus room for holes. */
export const SHORT_VOLUME_DAYS = 80;
/** OTC weeks read: enough for a participation z-score. */
export const OTC_WEEKS = 26;
/** Lit trade days read. */
export const TRADE_DAYS = 10;

export interface SymbolContext {
  floatShares: number | null;
  /** volume metrics the volume stage already computed, to avoid doing it twice */
  volume?: { metrics: VolumeMetrics | null; flags: MetricFlag[] };
}

export async function collectSymbolMetrics(
  symbol: string,
  source: PipelineSource,
  config: Config,
  ctx: SymbolContext,
): Promise<SymbolMetrics> {
  const asOf = source.asOf;
  const analysis = config.volume_detector.analysis;
  const volume =
    ctx.volume ??
    computeVolumeMetrics(source.bars(symbol), asOf, {
      lookback: analysis.volume_lookback_days,
      momentumPeriod: analysis.momentum_period,
    });

  const reports = source.shortInterest(symbol);
  const si = computeShortInterestMetrics(reports, {
    asOf,
    floatShares: ctx.floatShares,
    adv20: volume.metrics?.avgVolume20 ?? null,
    quality: reports[0]?.quality ?? null,
    maxAgeDays: config.deep_scan.metrics.finra_max_age_days,
  });
  const sv = computeShortVolumeMetrics(source.shortVolume(symbol, SHORT_VOLUME_DAYS), asOf);
  const off = computeOffExchangeMetrics({
    asOf,
    otcWeeks: source.otcWeeks(symbol, OTC_WEEKS),
    bars: source.bars(symbol),
    trades: source.trades(symbol, TRADE_DAYS),
  });
  const transient: TransientMetrics = source.transient
    ? await source.transient(symbol).catch(() => NO_TRANSIENT)
    : NO_TRANSIENT;

  return {
    symbol,
    asOf,
    volume: volume.metrics,
    shortInterest: si.metrics,
    shortVolume: sv.metrics,
    offExchange: off.metrics,
    transient,
    flags: [...volume.flags, ...si.flags, ...sv.flags, ...off.flags],
  };
}
