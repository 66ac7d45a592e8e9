import type { FailsRow } from '../domain/short-supply';
import { addCalendarDays } from '../market/iso-date';
import { failsPeriodFromName, failsPeriodEnd, failsPeriodStart } from '../market/sec-fails-calendar';
import {
  addTradingDays,
  firstTradingDayOnOrAfter,
  previousTradingDay,
  tradingDaysBetween,
} from '../market/trading-calendar';
import type { FailsMetrics } from './metric-types';

// Fails-to-deliver from the SEC's half-month files, as of one day. Pure. A row is the outstanding balance
// of fails on a settlement day; a symbol missing from a file on a trading day it covers had a zero balance
// that day (FORMATS-keyless.md §3). A day outside every file read is unknown, not zero: a streak reaching
// one stops there and is a lower bound (`truncated`).
//
// Close-out: Reg SHO Rule 204(a)(2) gives a fail from a long sale or from bona fide market making until the
// start of trading on the 35th calendar day after the settlement date to be closed out (bought in); a
// persistent balance whose T+35 dates are still ahead may have to be covered by then. (Short sales get
// T+1 under 204(a); the threshold lists' Rule 203(b)(3) buy-in after 13 days is threshold-metrics.ts.)

/** Calendar days from settlement to a Rule 204(a)(2) close-out. */
export const CLOSE_OUT_CALENDAR_DAYS = 35;
/** The settlement-day window `daysWithFails20` counts over. */
export const FAILS_RECENT_DAYS = 20;

export interface FailsContext {
  floatShares: number | null;
  adv20: number | null;
}

export interface FailsReading {
  metrics: FailsMetrics;
  /** the persistence streak reached a day no file read covers: it may be longer */
  truncated: boolean;
}

/** Settlement + 35 calendar days, rolled to the next trading day when that is a weekend or holiday. */
export function closeOutDate(settlementDate: string): string {
  return firstTradingDayOnOrAfter(addCalendarDays(settlementDate, CLOSE_OUT_CALENDAR_DAYS));
}

/**
 * @param rows the symbol's rows published by asOf (any order; several CUSIPs a day are summed)
 * @param asOf the day scored: close-out dates after it are "still ahead"
 */
export function computeFailsMetrics(rows: readonly FailsRow[], ctx: FailsContext, asOf: string): FailsReading | null {
  const byDay = new Map<string, { quantity: number; publishedOn: string }>();
  const covered = new Set<string>();
  const files = new Set<string>();
  for (const r of rows) {
    if (r.quantity <= 0) continue;
    const d = byDay.get(r.settlementDate);
    if (d) {
      d.quantity += r.quantity;
      if (r.publishedOn > d.publishedOn) d.publishedOn = r.publishedOn;
    } else byDay.set(r.settlementDate, { quantity: r.quantity, publishedOn: r.publishedOn });
    files.add(r.file);
  }
  if (byDay.size === 0) return null;
  for (const file of files) {
    const p = failsPeriodFromName(file);
    if (!p) continue;
    for (const d of tradingDaysBetween(failsPeriodStart(p), failsPeriodEnd(p))) covered.add(d);
  }
  const newest = [...byDay.keys()].sort().at(-1)!;
  const last = byDay.get(newest)!;

  const streak: string[] = [];
  let truncated = false;
  for (let d = newest; ; d = previousTradingDay(d)) {
    if (byDay.has(d)) {
      streak.push(d);
      continue;
    }
    truncated = !covered.has(d);
    break;
  }

  const recentFrom = addTradingDays(newest, -(FAILS_RECENT_DAYS - 1));
  let daysWithFails20 = 0;
  for (const d of byDay.keys()) if (d >= recentFrom && d <= newest) daysWithFails20++;

  const closeOutDates = [...new Set(streak.map(closeOutDate))].filter((d) => d > asOf).sort();
  return {
    metrics: {
      settlementDate: newest,
      quantity: last.quantity,
      shareOfFloat: ctx.floatShares && ctx.floatShares > 0 ? last.quantity / ctx.floatShares : null,
      shareOfAdv: ctx.adv20 && ctx.adv20 > 0 ? last.quantity / ctx.adv20 : null,
      persistenceDays: streak.length,
      daysWithFails20,
      closeOutDates,
      publishedOn: last.publishedOn,
    },
    truncated,
  };
}
