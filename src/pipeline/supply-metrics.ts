import type { MetricFlag, SupplyMetrics } from '../signals/metric-types';
import type { PipelineSource } from './pipeline-source';

// The supply side of one symbol on the source's day (issue 12): borrow, fails-to-deliver, threshold
// lists and options, each read point in time from the source and handed to its pure metric function.

export interface SupplyContext {
  floatShares: number | null;
  /** the 20-day average daily volume the other metrics use (consolidated, or FINRA's when proxied) */
  adv20: number | null;
}

export function collectSupplyMetrics(
  symbol: string,
  source: PipelineSource,
  ctx: SupplyContext,
): { supply: SupplyMetrics; flags: MetricFlag[] } {
  void symbol;
  void source;
  void ctx;
  return { supply: { borrow: null, fails: null, threshold: null, options: null }, flags: [] };
}
