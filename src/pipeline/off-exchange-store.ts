import type { PipelineDataRepo } from '../db/repos/pipeline-data.repo';
import type { VolumeDay } from '../signals/volume-metrics';

// FINRA's off-exchange volume per symbol (the CNMS file's TotalVolume), the volume detector's proxy
// where the daily bars are too few (volume-metrics.ts). Read per symbol and only for the symbols that
// need it — keyed stores with full bars never ask — and kept for the store's life, so a backtest reads a
// symbol's range once for all its days.

export interface OffExchangeStore {
  /** the sessions on or before asOf, oldest first */
  upTo(symbol: string, asOf: string): readonly VolumeDay[];
}

export function createOffExchangeStore(
  data: Pick<PipelineDataRepo, 'shortVolume'>,
  range: { from: string; to: string },
): OffExchangeStore {
  const cache = new Map<string, VolumeDay[]>();
  return {
    upTo(symbol, asOf) {
      let days = cache.get(symbol);
      if (!days) {
        days = data.shortVolume(symbol, range.from, range.to).map((r) => ({ date: r.date, volume: r.totalVolume }));
        cache.set(symbol, days);
      }
      // point in time: a day's file is published that evening, so a run as of D sees D and earlier
      let end = days.length;
      while (end > 0 && days[end - 1]!.date > asOf) end--;
      return end === days.length ? days : days.slice(0, end);
    },
  };
}
