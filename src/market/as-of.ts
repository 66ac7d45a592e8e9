import { addCalendarDays } from './iso-date';
import { marketDateAt, MARKET_TIME_ZONE, zoneOffsetMs } from './market-time';

// What was known on day D. Every read that answers "as of D" (views, reports, /status, the health
// score) takes one of these instead of asking the store for its newest row: a row counts when its data
// date or publication date is on or before `date`, or when it was written (an alert raised, a job run)
// by `endOfDay`. Rebuilding a past day later then reads the store as it stood that evening.

export interface AsOf {
  /** the New York market date, YYYY-MM-DD */
  date: string;
  /** the last instant of that New York day */
  endOfDay: Date;
}

/** The instant a New York calendar day starts. */
export function marketDayStart(date: string): Date {
  const naive = Date.parse(`${date}T00:00:00Z`);
  return new Date(naive - zoneOffsetMs(naive, MARKET_TIME_ZONE));
}

export function asOfDate(date: string): AsOf {
  return { date, endOfDay: new Date(marketDayStart(addCalendarDays(date, 1)).getTime() - 1) };
}

/** Today in New York, as of `now`. */
export function asOfNow(now: Date): AsOf {
  return asOfDate(marketDateAt(now));
}

/** The ISO instant rows stamped after were not yet written on the day (created_at ≤ this). */
export function endOfDayIso(asOf: AsOf): string {
  return asOf.endOfDay.toISOString();
}

/** Whether an ISO instant was written by the end of the day. */
export function writtenBy(asOf: AsOf, instant: string | null | undefined): boolean {
  return instant != null && instant <= endOfDayIso(asOf);
}

/** The instant freshness of day D is judged at: `now`, or the end of D once D is past. */
export function judgedAt(asOf: AsOf, now: Date): Date {
  return asOf.endOfDay < now ? asOf.endOfDay : now;
}
