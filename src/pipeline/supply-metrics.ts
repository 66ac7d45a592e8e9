import { tradingDayDistance } from '../market/trading-calendar';
import { BORROW_DAYS, computeBorrowMetrics } from '../signals/borrow-metrics';
import type { MetricFlag, SupplyMetrics } from '../signals/metric-types';
import { computeFailsMetrics } from '../signals/fails-metrics';
import { computeOptionsMetrics } from '../signals/options-metrics';
import { computeThresholdMetrics } from '../signals/threshold-metrics';
import type { PipelineSource } from './pipeline-source';

// The supply side of one symbol on the source's day (issue 12): borrow, fails-to-deliver, threshold
// lists and options, each read point in time from the source and handed to its pure metric function.

export interface SupplyContext {
  floatShares: number | null;
  /** the 20-day average daily volume the other metrics use (consolidated, or FINRA's when proxied) */
  adv20: number | null;
}

/** Threshold-list dates read: three months of sessions bounds the streak (the card says "at least"). */
export const THRESHOLD_DAYS = 63;
/** A list older than this many sessions before the day scored is flagged stale (a job that stopped). */
export const THRESHOLD_STALE_SESSIONS = 3;
/** An options snapshot older than this many sessions is flagged stale. */
export const OPTIONS_STALE_SESSIONS = 2;
/**
 * Fails settlement days read: the files lag 2-3 weeks and cover half a month each, so 60 sessions hold the
 * 20 settlement days counted, the streak before them and every T+35 close-out still ahead.
 */
export const FAILS_DAYS = 60;
/** Fails whose newest settlement day is older than this many sessions before the day scored are stale. */
export const FAILS_STALE_SESSIONS = 30;

export function collectSupplyMetrics(
  symbol: string,
  source: PipelineSource,
  ctx: SupplyContext,
): { supply: SupplyMetrics; flags: MetricFlag[] } {
  const flags: MetricFlag[] = [];

  const borrow = computeBorrowMetrics(source.borrow(symbol, BORROW_DAYS), source.asOf);
  if (borrow) flags.push(...borrow.flags);

  const reading = computeThresholdMetrics(symbol, source.threshold(symbol, THRESHOLD_DAYS));
  if (reading?.truncated) {
    flags.push({
      code: 'threshold_streak_partial',
      message: `threshold-list streak counted back to ${reading.knownFrom} only (no list held before): it may be longer`,
    });
  }
  if (reading && tradingDayDistance(reading.metrics.date, source.asOf) > THRESHOLD_STALE_SESSIONS) {
    flags.push({ code: 'threshold_stale', message: `newest threshold list held is of ${reading.metrics.date}` });
  }

  const snapshot = source.options(symbol, 1)[0];
  const options = snapshot ? computeOptionsMetrics(snapshot, ctx.adv20) : null;
  if (options && tradingDayDistance(options.date, source.asOf) > OPTIONS_STALE_SESSIONS) {
    flags.push({ code: 'options_stale', message: `newest options snapshot is of ${options.date}` });
  }

  const failsReading = computeFailsMetrics(source.fails(symbol, FAILS_DAYS), ctx, source.asOf);
  const fails = failsReading?.metrics ?? null;
  if (failsReading?.truncated) {
    flags.push({
      code: 'fails_persistence_partial',
      message: `fails-to-deliver persistence counted within the files held only (${fails!.persistenceDays} days): it may be longer`,
    });
  }
  if (fails && tradingDayDistance(fails.settlementDate, source.asOf) > FAILS_STALE_SESSIONS) {
    flags.push({ code: 'fails_stale', message: `newest fails-to-deliver held are of ${fails.settlementDate}` });
  }

  return {
    supply: { borrow: borrow?.metrics ?? null, fails, threshold: reading?.metrics ?? null, options },
    flags,
  };
}
