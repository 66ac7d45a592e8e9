import { lastTradingDayOnOrBefore, tradingDayDistance } from '../market/trading-calendar';
import type { StageRecord } from '../domain/runs';

// The pipeline health score, 0..1: half for the stages that ran, 0.3 for how fresh the inputs are
// against the day scored (the staler of bars and short volume: a run is as current as its oldest
// input), 0.2 for the error rate of the per-symbol work. 1.0 = every stage ran on current data without
// errors; a run on week-old bars or short volume cannot score above 0.7. The newest dates passed in
// are those known on the day scored (datasetStatus.newestDate with its AsOf), never the store's newest.

export const STAGE_COUNT = 5;

/** 1 when `newest` is the last trading day on or before asOf, minus 0.25 per trading day behind. */
export function freshnessOf(newest: string | null, asOf: string): number {
  if (!newest) return 0;
  const behind = tradingDayDistance(newest, lastTradingDayOnOrBefore(asOf));
  return Math.max(0, 1 - 0.25 * Math.max(0, behind));
}

export interface HealthInput {
  stages: StageRecord[];
  asOf: string;
  newestBars: string | null;
  newestShortVolume: string | null;
  errors: number;
  processed: number;
}

export function healthScore(input: HealthInput): number {
  const ran = input.stages.filter((s) => s.status === 'ok').length / STAGE_COUNT;
  const fresh = Math.min(freshnessOf(input.newestBars, input.asOf), freshnessOf(input.newestShortVolume, input.asOf));
  const errorRate = input.processed > 0 ? input.errors / input.processed : 0;
  const score = 0.5 * ran + 0.3 * fresh + 0.2 * (1 - errorRate);
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}

/** What took the score below 1, in words: `short volume 11 trading days behind 2020-12-15 (newest 2020-11-27)`. */
export function healthReasons(input: HealthInput): string[] {
  const out: string[] = [];
  const ran = input.stages.filter((s) => s.status === 'ok').length;
  if (ran < STAGE_COUNT) out.push(`${STAGE_COUNT - ran} of ${STAGE_COUNT} stages did not finish`);
  const day = lastTradingDayOnOrBefore(input.asOf);
  for (const [label, newest] of [
    ['bars', input.newestBars],
    ['short volume', input.newestShortVolume],
  ] as const) {
    if (!newest) out.push(`no ${label} held on ${day}`);
    else {
      const behind = tradingDayDistance(newest, day);
      if (behind > 0)
        out.push(`${label} ${behind} trading day${behind === 1 ? '' : 's'} behind ${day} (newest ${newest})`);
    }
  }
  if (input.errors > 0) out.push(`${input.errors} of ${input.processed} symbols failed`);
  return out;
}
