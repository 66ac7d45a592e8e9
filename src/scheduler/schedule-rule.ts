import { Cron } from 'croner';
import { mondayOf, toDayNumber } from '../market/iso-date';
import { marketDateAt, minutesOfDayAt, parseHhmm, zoneOffsetMs } from '../market/market-time';
import { isTradingDay, sessionClose } from '../market/trading-calendar';

// When a job is due, as a pure function of time: croner turns the cron pattern into instants in the
// job's zone (DST included), and a date filter drops what the pattern cannot say (NYSE holidays, FINRA
// publication days, the session's early close). The scheduler asks only next(after) and previous(before),
// so a fake clock can step through a week without timers.

export interface ScheduleRule {
  /** 'Mon 08:00', 'trading days 18:15', 'every 5 min in market hours' */
  describe: string;
  timezone: string;
  /** the first occurrence strictly after `after` */
  next(after: Date): Date | null;
  /** the last occurrence at or before `at` */
  previous(at: Date): Date | null;
}

export interface RuleOptions {
  pattern: string;
  timezone: string;
  describe: string;
  tradingDaysOnly: boolean;
  /** extra test on the occurrence (its market date in the job's zone, and the instant) */
  filter?: (date: string, at: Date) => boolean;
}

/** Occurrences the pattern yields before one passes the filter: ~3 weeks of 5-minute slots. */
const MAX_STEPS = 10_000;
const LOOKBACK_DAYS = [1, 8, 40, 400];

export function createRule(options: RuleOptions): ScheduleRule {
  // croner's own timezone support goes through Intl on every step (~2.6 ms a call); instead it runs on
  // the zone's wall clock written as UTC (~0.09 ms), and the instant is read back through the cached
  // offset. In a DST change a wall time that does not exist runs an hour late, one that repeats runs once.
  const tz = options.timezone;
  const cron = new Cron(options.pattern, { utcOffset: 0, paused: true });
  const accepts = (at: Date): boolean => {
    const date = marketDateAt(at, tz);
    if (options.tradingDaysOnly && !isTradingDay(date)) return false;
    return options.filter ? options.filter(date, at) : true;
  };

  function next(after: Date): Date | null {
    let wall: Date | null = new Date(after.getTime() + zoneOffsetMs(after.getTime(), tz));
    for (let i = 0; i < MAX_STEPS && wall; i++) {
      wall = cron.nextRun(wall);
      if (!wall) return null;
      const at = wallToInstant(wall.getTime(), tz);
      if (at.getTime() > after.getTime() && accepts(at)) return at;
    }
    return null;
  }

  function previous(at: Date): Date | null {
    // croner only looks forward: walk forward from a window back, keeping the last hit
    for (const days of LOOKBACK_DAYS) {
      let found: Date | null = null;
      let t: Date | null = new Date(at.getTime() - days * 86_400_000);
      for (let i = 0; i < MAX_STEPS && t; i++) {
        t = next(t);
        if (!t || t.getTime() > at.getTime()) break;
        found = t;
      }
      if (found) return found;
    }
    return null;
  }

  return { describe: options.describe, timezone: options.timezone, next, previous };
}

/** bi_weekly: weeks counted from Monday 2024-01-01, every even one. */
const EPOCH_MONDAY = toDayNumber('2024-01-01');
const evenWeek = (date: string): boolean =>
  Math.abs(Math.floor((toDayNumber(mondayOf(date)) - EPOCH_MONDAY) / 7)) % 2 === 0;

const DOW: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
const DOW_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface ScheduleConfig {
  frequency: 'daily' | 'weekly' | 'bi_weekly' | 'on_publication' | 'every';
  day?: string;
  time?: string;
  every_minutes?: number;
  market_hours?: boolean;
}

/**
 * A rule from a `scheduling.*` entry. `publicationDay` is the calendar an on_publication job follows;
 * trading-day filtering is the caller's choice (a weekly job on a Monday holiday still runs, say).
 */
export function ruleFromConfig(
  s: ScheduleConfig,
  o: { timezone: string; tradingDaysOnly: boolean; publicationDay?: (date: string) => boolean },
): ScheduleRule {
  const base = { timezone: o.timezone, tradingDaysOnly: o.tradingDaysOnly };
  const days = o.tradingDaysOnly ? 'trading days' : 'daily';
  if (s.frequency === 'every') {
    const n = s.every_minutes!;
    const minutes = n >= 60 ? '0' : `*/${n}`;
    if (!s.market_hours)
      return createRule({
        ...base,
        pattern: `${minutes} * * * *`,
        describe: `every ${n} min${o.tradingDaysOnly ? ' on trading days' : ''}`,
      });
    // the regular session, 09:30 to the close (13:00 on early-close days)
    const open = parseHhmm('09:30');
    return createRule({
      ...base,
      tradingDaysOnly: true,
      pattern: `${minutes} 9-15 * * 1-5`,
      describe: `every ${n} min in market hours`,
      filter: (date, at) => {
        const m = minutesOfDayAt(at, o.timezone);
        const close = sessionClose(date);
        return close !== null && m >= open && m < parseHhmm(close);
      },
    });
  }
  const [hh, mm] = s.time!.split(':').map(Number) as [number, number];
  if (s.frequency === 'weekly' || s.frequency === 'bi_weekly') {
    const dow = DOW[s.day!]!;
    const bi = s.frequency === 'bi_weekly';
    return createRule({
      ...base,
      pattern: `${mm} ${hh} * * ${dow}`,
      describe: `${bi ? 'every other ' : ''}${DOW_SHORT[dow]} ${s.time}`,
      filter: bi ? (date) => evenWeek(date) : undefined,
    });
  }
  if (s.frequency === 'on_publication') {
    const publicationDay = o.publicationDay ?? (() => true);
    return createRule({
      ...base,
      pattern: `${mm} ${hh} * * *`,
      describe: `publication days ${s.time}`,
      filter: (date) => publicationDay(date),
    });
  }
  return createRule({ ...base, pattern: `${mm} ${hh} * * *`, describe: `${days} ${s.time}` });
}

/** The instant whose wall clock in `timeZone`, written as UTC, is `wallMs`. */
function wallToInstant(wallMs: number, timeZone: string): Date {
  let t = wallMs - zoneOffsetMs(wallMs, timeZone);
  t = wallMs - zoneOffsetMs(t, timeZone);
  return new Date(t);
}

/** The instant of wall-clock `hhmm` on `date` in `timeZone`. */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const minutes = parseHhmm(hhmm);
  return wallToInstant(Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60), timeZone);
}
