import type { Config } from '../config/schema';
import { barVolumes } from '../signals/days-to-cover';
import type { MetricFlag, SymbolMetrics, TransientMetrics, VolumeMetrics } from '../signals/metric-types';
import { computeOffExchangeMetrics } from '../signals/off-exchange-metrics';
import { computeShortInterestMetrics } from '../signals/short-interest-metrics';
import { computeShortVolumeMetrics } from '../signals/short-volume-metrics';
import {
  computeVolumeMetrics,
  computeVolumeMetricsOfColumns,
  type VolumeMetricsResult,
} from '../signals/volume-metrics';
import { NO_TRANSIENT, type PipelineSource } from './pipeline-source';
import { collectSupplyMetrics } from './supply-metrics';
import type { SiReport } from '../domain/short-data';

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

/** The volume detector's metrics of one symbol on the source's day (the volume stage and the deep scan). */
export function volumeMetricsFor(symbol: string, source: PipelineSource, config: Config): VolumeMetricsResult {
  const a = config.volume_detector.analysis;
  const options = {
    lookback: a.volume_lookback_days,
    momentumPeriod: a.momentum_period,
    offExchange: () => source.offExchangeVolume(symbol),
  };
  // straight from the held columns where they are clean (the same figures, no object per bar: the volume
  // stage asks this for hundreds of names a day); the bar objects otherwise
  const held = source.barColumns?.(symbol);
  const fast = held ? computeVolumeMetricsOfColumns(held.columns, held.from, held.end, source.asOf, options) : null;
  return fast ?? computeVolumeMetrics(source.bars(symbol), source.asOf, options);
}

export async function collectSymbolMetrics(
  symbol: string,
  source: PipelineSource,
  config: Config,
  ctx: SymbolContext,
): Promise<SymbolMetrics> {
  const asOf = source.asOf;
  const volume = ctx.volume ?? volumeMetricsFor(symbol, source, config);

  const reports = source.shortInterest(symbol);
  const si = computeShortInterestMetrics(reports, {
    asOf,
    floatShares: ctx.floatShares,
    volumes: barVolumes(source.bars(symbol)),
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
  const supply = collectSupplyMetrics(symbol, source, {
    floatShares: ctx.floatShares,
    adv20: consolidatedAdv(volume.metrics, reports[0]),
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
    supply: supply.supply,
    transient,
    flags: [...volume.flags, ...si.flags, ...sv.flags, ...off.flags, ...supply.flags],
  };
}

/**
 * Today's average daily volume the supply metrics divide by: our 20-day consolidated average; where the
 * volume figures are the off-exchange proxy (a fraction of the market's volume), FINRA's own average of
 * the newest settlement period instead.
 */
function consolidatedAdv(volume: VolumeMetrics | null, report: SiReport | undefined): number | null {
  if (volume?.volumeBasis !== 'off_exchange') return volume?.avgVolume20 ?? null;
  const finra = report?.avgDailyVolume ?? null;
  return finra !== null && finra > 0 ? finra : null;
}
