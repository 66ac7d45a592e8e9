import type { BorrowSnapshot } from '../domain/short-supply';
import { addTradingDays, lastTradingDayOnOrBefore, tradingDayDistance } from '../market/trading-calendar';
import type { BorrowMetrics, MetricFlag } from './metric-types';

// Borrow cost and availability as of a day, from IBKR's stock-loan snapshots (stored as changes, carried to
// the newest snapshot taken: borrow.repo.ts). Pure. The reading is the newest snapshot published by asOf;
// the 1- and 5-day changes compare it with the figures in force at the end of the session 1 and 5 trading
// days before (the newest snapshot published by then). Fees are annual % and their changes percentage
// points: 30% → 45% is +15, whatever the base. Availability falling to zero is the classic trigger: no
// new short can be opened at IBKR, and lenders recalling shares often comes with it.

/** Sessions of snapshots read (with the one in force before): the 5-day change needs five sessions back. */
export const BORROW_DAYS = 5;
/** A reading older than this many sessions before the day scored is flagged stale (the job stopped). */
export const BORROW_STALE_SESSIONS = 1;

export interface BorrowReading {
  metrics: BorrowMetrics;
  flags: MetricFlag[];
}

/** The figures in force at the end of `day`: the newest snapshot published by then. */
function asOfDay(snapshots: readonly BorrowSnapshot[], day: string): BorrowSnapshot | null {
  let found: BorrowSnapshot | null = null;
  for (const s of snapshots) if (s.publishedOn <= day && (!found || s.takenAt > found.takenAt)) found = s;
  return found;
}

const points = (now: number | null, then: number | null | undefined) =>
  now === null || then === null || then === undefined ? null : Math.round((now - then) * 10_000) / 10_000;

function relativeChange(now: number | null, then: number | null | undefined): number | null {
  if (now === null || then === null || then === undefined) return null;
  if (then === 0) return now === 0 ? 0 : null;
  return (now - then) / then;
}

/**
 * @param snapshots the symbol's snapshots published by asOf (any order), with the one in force before the
 *   window (PipelineSource.borrow)
 */
export function computeBorrowMetrics(snapshots: readonly BorrowSnapshot[], asOf: string): BorrowReading | null {
  const now = asOfDay(snapshots, asOf);
  if (!now) return null;
  const session = lastTradingDayOnOrBefore(asOf);
  const day1 = asOfDay(snapshots, addTradingDays(session, -1));
  const day5 = asOfDay(snapshots, addTradingDays(session, -5));
  const flags: MetricFlag[] = [];
  const listed = !(now.feeRate === null && now.rebateRate === null && now.available === null);

  // fell to zero: zero now, and above zero at the end of the session before or at any snapshot since
  const since = snapshots.filter((s) => s.takenAt < now.takenAt && (!day1 || s.takenAt >= day1.takenAt));
  const wentToZero = now.available === 0 && since.some((s) => (s.available ?? 0) > 0);

  const metrics: BorrowMetrics = {
    takenAt: now.takenAt,
    feeRate: now.feeRate,
    feeChange1d: points(now.feeRate, day1?.feeRate),
    feeChange5d: points(now.feeRate, day5?.feeRate),
    available: now.available,
    availableCapped: now.availableCapped,
    availabilityChange5d: relativeChange(now.available, day5?.available),
    noSharesAvailable: now.available === 0,
    availabilityWentToZero: wentToZero,
  };

  const age = tradingDayDistance(now.publishedOn, session);
  if (age > BORROW_STALE_SESSIONS) {
    flags.push({ code: 'borrow_stale', message: `newest borrow snapshot is of ${now.publishedOn} (${now.takenAt})` });
  }
  if (!listed) {
    flags.push({ code: 'borrow_not_listed', message: 'not in IBKR’s stock-loan file any more: no borrow quoted' });
  } else if (now.feeRate === null) {
    flags.push({ code: 'borrow_fee_na', message: 'IBKR prints the borrow fee as NA' });
  }
  if (now.availableCapped) {
    flags.push({ code: 'borrow_capped', message: 'more than 10,000,000 shares available (the file caps the figure)' });
  }
  if (!day1) {
    const first = snapshots.reduce((a, b) => (b.takenAt < a.takenAt ? b : a));
    flags.push({
      code: 'borrow_no_history',
      message: `borrow changes unknown: the first snapshot held is of ${first.publishedOn}`,
    });
  }
  return { metrics, flags };
}
