import { lastTradingDayOnOrBefore, tradingDayDistance } from '../market/trading-calendar';
import type { StageRecord } from '../domain/runs';

// The pipeline health score, 0..1: half for the stages that ran, 0.3 for how fresh the inputs are
// against the day scored, 0.2 for the error rate of the per-symbol work. 1.0 = every stage ran on
// current data without errors; a run on week-old bars cannot score above ~0.7.

export const STAGE_COUNT = 5;

/** 1 when `newest` is the last trading day on or before asOf, minus 0.25 per trading day behind. */
export function freshnessOf(newest: string | null, asOf: string): number {
  if (!newest) return 0;
  const behind = tradingDayDistance(newest, lastTradingDayOnOrBefore(asOf));
  return Math.max(0, 1 - 0.25 * Math.max(0, behind));
}

export function healthScore(input: {
  stages: StageRecord[];
  asOf: string;
  newestBars: string | null;
  newestShortVolume: string | null;
  errors: number;
  processed: number;
}): number {
  const ran = input.stages.filter((s) => s.status === 'ok').length / STAGE_COUNT;
  const fresh = (freshnessOf(input.newestBars, input.asOf) + freshnessOf(input.newestShortVolume, input.asOf)) / 2;
  const errorRate = input.processed > 0 ? input.errors / input.processed : 0;
  const score = 0.5 * ran + 0.3 * fresh + 0.2 * (1 - errorRate);
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}
