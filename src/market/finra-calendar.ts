// FINRA short-interest and OTC-transparency publication calendars, so collectors know what to fetch and
// backtests know what was public on a given day (point in time: a figure is usable from its publication
// date on). All dates are ISO 'YYYY-MM-DD'; "as of" means at the end of that day.
import { addCalendarDays, daysInMonth, isoDate, mondayOf, weekday } from './iso-date';
import { createTradingCalendar } from './trading-calendar';
import type { OtcTier } from '../domain/market-data';

/**
 * FINRA fixes its calendars a year ahead on the scheduled NYSE holidays; ad-hoc closures do not move them
 * (settlement 2024-12-31 was published 2025-01-10 as planned, past the 2025-01-09 closure).
 */
const finraDays = createTradingCalendar({ unscheduled: false });

function lastTradingDayOnOrBefore(date: string): string {
  return finraDays.isTradingDay(date) ? date : finraDays.addTradingDays(date, -1);
}

function firstTradingDayOnOrAfter(date: string): string {
  return finraDays.isTradingDay(date) ? date : finraDays.addTradingDays(date, 1);
}

export interface SettlementCycle {
  settlementDate: string;
  publicationDate: string;
}

/** Firms report positions by 6 pm ET two business days after settlement. */
export const SI_DUE_TRADING_DAYS = 2;
/** FINRA publishes on the 7th business day after settlement (matches every observed release 2020–2026). */
export const SI_PUBLICATION_TRADING_DAYS = 7;

/** Both settlement dates of a month: mid-month (15th or the business day before) and month end. */
export function monthSettlementDates(year: number, month: number): [string, string] {
  return [
    lastTradingDayOnOrBefore(isoDate(year, month, 15)),
    lastTradingDayOnOrBefore(isoDate(year, month, daysInMonth(year, month))),
  ];
}

/** Settlement dates in [from, to], inclusive, oldest first. */
export function shortInterestSettlementDates(from: string, to: string): string[] {
  if (from > to) return [];
  const out: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const endKey = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (year * 12 + month <= endKey) {
    for (const d of monthSettlementDates(year, month)) if (d >= from && d <= to) out.push(d);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

export function isSettlementDate(date: string): boolean {
  const [mid, end] = monthSettlementDates(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  return date === mid || date === end;
}

export function shortInterestDueDate(settlement: string): string {
  return finraDays.addTradingDays(settlement, SI_DUE_TRADING_DAYS);
}

export function shortInterestPublicationDate(settlement: string): string {
  return finraDays.addTradingDays(settlement, SI_PUBLICATION_TRADING_DAYS);
}

/** Settlements from two months before `date` to one month after: enough to bracket any query. */
function settlementsAround(date: string): string[] {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const from = isoDate(m <= 2 ? y - 1 : y, ((m + 9) % 12) + 1, 1);
  const toYear = m === 12 ? y + 1 : y;
  const toMonth = (m % 12) + 1;
  return shortInterestSettlementDates(from, isoDate(toYear, toMonth, daysInMonth(toYear, toMonth)));
}

/** The newest settlement whose figures are public by the end of `asOf`. */
export function latestPublishedSettlement(asOf: string): string {
  const published = settlementsAround(asOf).filter((s) => shortInterestPublicationDate(s) <= asOf);
  // Publication trails settlement by ~9–11 calendar days, so two months back always holds one.
  return published[published.length - 1]!;
}

/** The first settlement date strictly after `asOf`. */
export function nextSettlement(asOf: string): SettlementCycle {
  const s = settlementsAround(asOf).find((d) => d > asOf)!;
  return { settlementDate: s, publicationDate: shortInterestPublicationDate(s) };
}

/** The first publication strictly after `asOf` (a publication on `asOf` counts as already out). */
export function nextPublication(asOf: string): SettlementCycle {
  for (const s of settlementsAround(asOf)) {
    const p = shortInterestPublicationDate(s);
    if (p > asOf) return { settlementDate: s, publicationDate: p };
  }
  throw new Error(`no publication found after ${asOf}`); // unreachable: a settlement every ~2 weeks
}

// ---- OTC transparency (ATS / non-ATS weekly) ----

/** Calendar days from a week's Monday to its publication: 2 weeks for Tier 1, 4 for Tier 2 and OTC. */
export const OTC_PUBLICATION_LAG_DAYS: Readonly<Record<OtcTier, number>> = { T1: 14, T2: 28, OTC: 28 };

/**
 * Publication date of the OTC-transparency week holding `weekStart`.
 * Assumption (FORMATS.md only says "2 weeks after the week" / "4 weeks"): the week's Monday + 14 or 28
 * calendar days, moved forward to the next (scheduled) trading day when that Monday is a holiday. This is
 * a planning rule, not a FINRA-published table; a collector should still accept data a day late.
 */
export function otcWeekPublicationDate(weekStart: string, tier: OtcTier): string {
  const lag = OTC_PUBLICATION_LAG_DAYS[tier];
  if (lag === undefined) throw new RangeError(`unknown OTC tier: ${String(tier)}`);
  return firstTradingDayOnOrAfter(addCalendarDays(mondayOf(weekStart), lag));
}

/** The Monday of the newest OTC week of `tier` published by the end of `asOf`. */
export function latestPublishedOtcWeek(asOf: string, tier: OtcTier): string {
  let monday = addCalendarDays(mondayOf(asOf), -OTC_PUBLICATION_LAG_DAYS[tier]);
  // A holiday can push publication a few days, so step back until the week is out (at most once or twice).
  while (otcWeekPublicationDate(monday, tier) > asOf) monday = addCalendarDays(monday, -7);
  return monday;
}

/** True for a Monday, the form OTC weeks are keyed by. */
export function isWeekStart(date: string): boolean {
  return weekday(date) === 1;
}
