// NYSE trading calendar over ISO dates. Backtests call it millions of times, so each year is built once
// (holidays, early closes, the sorted trading days and, for every calendar day, how many trading days
// fall on or before it) and every query after that is a Map lookup plus index arithmetic.
import { daysInMonth, fromDayNumber, isoDate, toDayNumber, dayNumberWeekday } from './iso-date';
import { earlyCloseCandidates, nyseHolidays } from './nyse-holidays';

export { marketDateAt, isAfterTime, minutesOfDayAt, MARKET_TIME_ZONE } from './market-time';

/** Years outside this range are refused rather than silently computed by rules that did not apply then. */
export const MIN_YEAR = 1971;
export const MAX_YEAR = 2200;

export interface TradingCalendar {
  isTradingDay(date: string): boolean;
  /** The holiday or closure name when the exchange is closed on a weekday, else null. */
  holidayName(date: string): string | null;
  /** True when the session closes at 13:00 ET instead of 16:00. */
  earlyClose(date: string): boolean;
  /**
   * The trading day `n` sessions after (n > 0) or before (n < 0) `date`. From a non-trading date the first
   * session after it counts as +1 and the last one before it as −1; n = 0 returns `date` unchanged.
   */
  addTradingDays(date: string, n: number): string;
  /** Trading days in [from, to], both inclusive, oldest first; [] when from > to. */
  tradingDaysBetween(from: string, to: string): string[];
  /**
   * Sessions in (from, to] when to is later (negated when earlier): consecutive trading days are 1 apart
   * and a weekend date is 0 from the Friday before it.
   */
  tradingDayDistance(from: string, to: string): number;
}

interface YearCalendar {
  year: number;
  holidays: Map<string, string>;
  earlyCloses: Set<string>;
  tradingDays: string[];
  /** calendar date → (trading days on or before it) * 2 + (1 if it is a trading day) */
  position: Map<string, number>;
}

function buildYear(year: number, unscheduled: boolean): YearCalendar {
  const holidays = nyseHolidays(year, { unscheduled });
  const tradingDays: string[] = [];
  const position = new Map<string, number>();
  const first = toDayNumber(isoDate(year, 1, 1));
  const last = toDayNumber(isoDate(year, 12, daysInMonth(year, 12)));
  for (let day = first; day <= last; day++) {
    const date = fromDayNumber(day);
    const wd = dayNumberWeekday(day);
    const trading = wd !== 0 && wd !== 6 && !holidays.has(date);
    if (trading) tradingDays.push(date);
    position.set(date, tradingDays.length * 2 + (trading ? 1 : 0));
  }
  const earlyCloses = new Set(earlyCloseCandidates(year).filter((d) => (position.get(d) ?? 0) & 1));
  return { year, holidays, earlyCloses, tradingDays, position };
}

/**
 * `unscheduled: false` builds the calendar as it was known in advance, without ad-hoc closures: FINRA's
 * short-interest schedule is such a calendar (the 2024-12-31 cycle was still published on 2025-01-10,
 * although 2025-01-09 was a day of mourning).
 */
export function createTradingCalendar({ unscheduled = true }: { unscheduled?: boolean } = {}): TradingCalendar {
  const years = new Map<number, YearCalendar>();
  let lastYear: YearCalendar | null = null;

  function calendarFor(year: number): YearCalendar {
    if (lastYear?.year === year) return lastYear;
    let cal = years.get(year);
    if (!cal) {
      if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
        throw new RangeError(`trading calendar covers ${MIN_YEAR}–${MAX_YEAR}, not ${year}`);
      }
      cal = buildYear(year, unscheduled);
      years.set(year, cal);
    }
    lastYear = cal;
    return cal;
  }

  /** Year calendar and the encoded position of `date`; throws on a malformed date. */
  function locate(date: string): { cal: YearCalendar; pos: number } {
    const cal = calendarFor(Number(date.slice(0, 4)));
    const pos = cal.position.get(date);
    if (pos === undefined) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
    return { cal, pos };
  }

  function addTradingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
    const located = locate(date);
    const { pos } = located;
    let { cal } = located;
    if (n === 0) return date;
    const onOrBefore = pos >> 1;
    // 0-based index into cal.tradingDays; may run past either end of the year.
    let index = (pos & 1) === 1 || n > 0 ? onOrBefore - 1 + n : onOrBefore + n;
    while (index >= cal.tradingDays.length) {
      index -= cal.tradingDays.length;
      cal = calendarFor(cal.year + 1);
    }
    while (index < 0) {
      cal = calendarFor(cal.year - 1);
      index += cal.tradingDays.length;
    }
    return cal.tradingDays[index]!;
  }

  function tradingDaysBetween(from: string, to: string): string[] {
    const start = locate(from);
    const end = locate(to);
    if (from > to) return [];
    const out: string[] = [];
    for (let y = start.cal.year; y <= end.cal.year; y++) {
      const cal = y === start.cal.year ? start.cal : y === end.cal.year ? end.cal : calendarFor(y);
      // from: skip the trading days strictly before `from`; to: stop after those on or before `to`.
      const lo = y === start.cal.year ? (start.pos >> 1) - (start.pos & 1) : 0;
      const hi = y === end.cal.year ? end.pos >> 1 : cal.tradingDays.length;
      for (let i = lo; i < hi; i++) out.push(cal.tradingDays[i]!);
    }
    return out;
  }

  function tradingDayDistance(from: string, to: string): number {
    if (from > to) return -tradingDayDistance(to, from);
    const a = locate(from);
    const b = locate(to);
    let count = (b.pos >> 1) - (a.pos >> 1);
    for (let y = a.cal.year; y < b.cal.year; y++) count += calendarFor(y).tradingDays.length;
    return count;
  }

  return {
    isTradingDay: (date) => (locate(date).pos & 1) === 1,
    holidayName: (date) => locate(date).cal.holidays.get(date) ?? null,
    earlyClose: (date) => locate(date).cal.earlyCloses.has(date),
    addTradingDays,
    tradingDaysBetween,
    tradingDayDistance,
  };
}

/** The exchange as it actually traded, unscheduled closures included. */
export const nyseCalendar: TradingCalendar = createTradingCalendar();

export const isTradingDay = (date: string): boolean => nyseCalendar.isTradingDay(date);
export const holidayName = (date: string): string | null => nyseCalendar.holidayName(date);
export const earlyClose = (date: string): boolean => nyseCalendar.earlyClose(date);
export const addTradingDays = (date: string, n: number): string => nyseCalendar.addTradingDays(date, n);
export const tradingDaysBetween = (from: string, to: string): string[] => nyseCalendar.tradingDaysBetween(from, to);
export const tradingDayDistance = (from: string, to: string): number => nyseCalendar.tradingDayDistance(from, to);

/** The first trading day strictly after `date`. */
export function nextTradingDay(date: string): string {
  return addTradingDays(date, 1);
}

/** The last trading day strictly before `date`. */
export function previousTradingDay(date: string): string {
  return addTradingDays(date, -1);
}

export function lastTradingDayOnOrBefore(date: string): string {
  return isTradingDay(date) ? date : addTradingDays(date, -1);
}

export function firstTradingDayOnOrAfter(date: string): string {
  return isTradingDay(date) ? date : addTradingDays(date, 1);
}

/** Close of the session in ET as 'HH:MM', or null when the market is closed that day. */
export function sessionClose(date: string): string | null {
  if (!isTradingDay(date)) return null;
  return earlyClose(date) ? '13:00' : '16:00';
}
