// NYSE holidays and early closes computed by rule, so the calendar works for any year without a table
// that somebody has to remember to extend. The rules are the current ones (Monday-holiday law of 1971,
// MLK Day since 1998, Juneteenth since 2022); only the unscheduled closures need a list.
import { daysInMonth, isoDate, toDayNumber, dayNumberWeekday, fromDayNumber } from './iso-date';

/** Closures announced ad hoc (national days of mourning, 9/11, Hurricane Sandy). */
export const UNSCHEDULED_CLOSURES: Readonly<Record<string, string>> = {
  '1994-04-27': 'National Day of Mourning (Richard Nixon)',
  '2001-09-11': 'September 11 attacks',
  '2001-09-12': 'September 11 attacks',
  '2001-09-13': 'September 11 attacks',
  '2001-09-14': 'September 11 attacks',
  '2004-06-11': 'National Day of Mourning (Ronald Reagan)',
  '2007-01-02': 'National Day of Mourning (Gerald Ford)',
  '2012-10-29': 'Hurricane Sandy',
  '2012-10-30': 'Hurricane Sandy',
  '2018-12-05': 'National Day of Mourning (George H. W. Bush)',
  '2025-01-09': 'National Day of Mourning (Jimmy Carter)',
};

/** Gregorian Easter Sunday (anonymous Gregorian computus, a.k.a. Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** The nth (1-based) given weekday of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, wd: number, n: number): number {
  if (n > 0) {
    const first = toDayNumber(isoDate(year, month, 1));
    return first + ((wd - dayNumberWeekday(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = toDayNumber(isoDate(year, month, daysInMonth(year, month)));
  return last - ((dayNumberWeekday(last) - wd + 7) % 7);
}

/** Saturday → Friday before, Sunday → Monday after; `null` when the rule drops it (New Year on a Saturday). */
function observed(day: number, dropSaturday = false): number | null {
  const wd = dayNumberWeekday(day);
  if (wd === 6) return dropSaturday ? null : day - 1;
  if (wd === 0) return day + 1;
  return day;
}

/**
 * Every full-day closure of the year, date → name. `unscheduled: false` leaves out the ad-hoc closures:
 * calendars fixed in advance (FINRA's short-interest schedule) do not move for them.
 */
export function nyseHolidays(
  year: number,
  { unscheduled = true }: { unscheduled?: boolean } = {},
): Map<string, string> {
  const out = new Map<string, string>();
  const add = (day: number | null, name: string): void => {
    if (day !== null) out.set(fromDayNumber(day), name);
  };
  const fixed = (month: number, dayOfMonth: number): number => toDayNumber(isoDate(year, month, dayOfMonth));

  // NYSE rule 7.2: a New Year's Day on Saturday is not observed on Friday Dec 31 (it would close the year's
  // last session), so that year simply has no New Year holiday.
  add(observed(fixed(1, 1), true), "New Year's Day");
  if (year >= 1998) add(nthWeekday(year, 1, 1, 3), 'Martin Luther King Jr. Day');
  add(nthWeekday(year, 2, 1, 3), "Washington's Birthday");
  add(toDayNumber(easterSunday(year)) - 2, 'Good Friday');
  add(nthWeekday(year, 5, 1, -1), 'Memorial Day');
  if (year >= 2022) add(observed(fixed(6, 19)), 'Juneteenth National Independence Day');
  add(observed(fixed(7, 4)), 'Independence Day');
  add(nthWeekday(year, 9, 1, 1), 'Labor Day');
  add(nthWeekday(year, 11, 4, 4), 'Thanksgiving Day');
  add(observed(fixed(12, 25)), 'Christmas Day');

  if (!unscheduled) return out;
  const prefix = `${year}-`;
  for (const [date, name] of Object.entries(UNSCHEDULED_CLOSURES)) {
    if (date.startsWith(prefix)) out.set(date, name);
  }
  return out;
}

/**
 * Candidate 13:00 ET closes: July 3, the day after Thanksgiving, December 24. The caller keeps only the
 * ones that are trading days (July 3 is itself the holiday when July 4 falls on a Saturday).
 */
export function earlyCloseCandidates(year: number): string[] {
  const thanksgiving = nthWeekday(year, 11, 4, 4);
  return [isoDate(year, 7, 3), fromDayNumber(thanksgiving + 1), isoDate(year, 12, 24)];
}
