import { describe, expect, it } from 'vitest';
import {
  addTradingDays,
  createTradingCalendar,
  earlyClose,
  holidayName,
  isAfterTime,
  isTradingDay,
  lastTradingDayOnOrBefore,
  marketDateAt,
  minutesOfDayAt,
  nextTradingDay,
  previousTradingDay,
  sessionClose,
  tradingDayDistance,
  tradingDaysBetween,
} from '../../src/market/trading-calendar';
import { easterSunday } from '../../src/market/nyse-holidays';
import { addCalendarDays, weekday } from '../../src/market/iso-date';

/** Weekday closures as NYSE announced them (nyse.com holiday schedule), written out by hand. */
const PUBLISHED_WEEKDAY_CLOSURES: Record<number, string[]> = {
  2021: [
    '2021-01-01',
    '2021-01-18',
    '2021-02-15',
    '2021-04-02',
    '2021-05-31',
    '2021-07-05',
    '2021-09-06',
    '2021-11-25',
    '2021-12-24',
  ],
  2022: [
    '2022-01-17',
    '2022-02-21',
    '2022-04-15',
    '2022-05-30',
    '2022-06-20',
    '2022-07-04',
    '2022-09-05',
    '2022-11-24',
    '2022-12-26',
  ],
  2024: [
    '2024-01-01',
    '2024-01-15',
    '2024-02-19',
    '2024-03-29',
    '2024-05-27',
    '2024-06-19',
    '2024-07-04',
    '2024-09-02',
    '2024-11-28',
    '2024-12-25',
  ],
  2025: [
    '2025-01-01',
    '2025-01-09',
    '2025-01-20',
    '2025-02-17',
    '2025-04-18',
    '2025-05-26',
    '2025-06-19',
    '2025-07-04',
    '2025-09-01',
    '2025-11-27',
    '2025-12-25',
  ],
  2026: [
    '2026-01-01',
    '2026-01-19',
    '2026-02-16',
    '2026-04-03',
    '2026-05-25',
    '2026-06-19',
    '2026-07-03',
    '2026-09-07',
    '2026-11-26',
    '2026-12-25',
  ],
  2027: [
    '2027-01-01',
    '2027-01-18',
    '2027-02-15',
    '2027-03-26',
    '2027-05-31',
    '2027-06-18',
    '2027-07-05',
    '2027-09-06',
    '2027-11-25',
    '2027-12-24',
  ],
};

function weekdayClosures(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addCalendarDays(d, 1)) {
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6 && !isTradingDay(d)) out.push(d);
  }
  return out;
}

describe('NYSE holidays by rule', () => {
  it.each(Object.entries(PUBLISHED_WEEKDAY_CLOSURES))(
    'closes exactly on the published weekdays of %s',
    (year, dates) => {
      expect(weekdayClosures(Number(year))).toEqual(dates);
    },
  );

  it.each<[string, boolean, string | null, string]>([
    ['2021-12-31', true, null, "New Year's Day 2022 falls on a Saturday and is not observed on the Friday"],
    ['2027-12-31', true, null, 'same rule for New Year 2028'],
    ['2023-01-02', false, "New Year's Day", 'Sunday New Year moves to Monday'],
    ['2021-06-18', true, null, 'Juneteenth is not a holiday before 2022'],
    ['2022-06-20', false, 'Juneteenth National Independence Day', 'Sunday Juneteenth moves to Monday'],
    ['2027-06-18', false, 'Juneteenth National Independence Day', 'Saturday Juneteenth moves to Friday'],
    ['2026-07-03', false, 'Independence Day', 'Saturday July 4 moves to Friday'],
    ['2018-12-05', false, 'National Day of Mourning (George H. W. Bush)', 'unscheduled closure'],
    ['2025-01-09', false, 'National Day of Mourning (Jimmy Carter)', 'unscheduled closure'],
    ['2024-03-29', false, 'Good Friday', 'Good Friday from the Easter computus'],
    ['2024-03-30', false, null, 'a Saturday is closed but has no holiday name'],
  ])('%s trading=%s holiday=%s (%s)', (date, trading, name) => {
    expect(isTradingDay(date)).toBe(trading);
    expect(holidayName(date)).toBe(name);
  });

  it.each([
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
  ])('computes Easter %i as %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('can leave out unscheduled closures for calendars fixed in advance', () => {
    const scheduled = createTradingCalendar({ unscheduled: false });
    expect(scheduled.isTradingDay('2025-01-09')).toBe(true);
    expect(scheduled.addTradingDays('2024-12-31', 7)).toBe('2025-01-10');
    expect(addTradingDays('2024-12-31', 7)).toBe('2025-01-13');
    expect(scheduled.isTradingDay('2025-01-20')).toBe(false);
  });

  it('counts the sessions of recent years', () => {
    const count = (y: number): number => tradingDaysBetween(`${y}-01-01`, `${y}-12-31`).length;
    expect([2021, 2022, 2023, 2024, 2025].map(count)).toEqual([252, 251, 250, 252, 250]);
  });
});

describe('early closes', () => {
  it.each([
    ['2023-07-03', true],
    ['2024-07-03', true],
    ['2025-07-03', true],
    ['2026-07-02', false], // July 3 is itself the holiday; July 2 trades a full day
    ['2022-07-01', false],
    ['2024-11-29', true],
    ['2025-11-28', true],
    ['2024-12-24', true],
    ['2022-12-23', false], // Dec 24 is a Saturday
    ['2021-12-24', false], // a holiday, not an early close
    ['2024-12-23', false],
  ])('%s early close = %s', (date, expected) => {
    expect(earlyClose(date)).toBe(expected);
  });

  it('reports the session close time', () => {
    expect(sessionClose('2024-12-24')).toBe('13:00');
    expect(sessionClose('2024-12-26')).toBe('16:00');
    expect(sessionClose('2024-12-25')).toBeNull();
  });
});

describe('trading-day arithmetic', () => {
  it.each([
    ['2024-03-28', 1, '2024-04-01'], // over Good Friday and the weekend
    ['2024-03-30', 1, '2024-04-01'], // from a Saturday the first session after counts as +1
    ['2024-03-30', -1, '2024-03-28'],
    ['2024-12-31', 1, '2025-01-02'],
    ['2025-01-02', -1, '2024-12-31'],
    ['2025-01-08', 1, '2025-01-10'],
    ['2024-01-02', 252, '2025-01-02'], // 2024 has 252 sessions
    ['2025-01-02', -252, '2024-01-02'],
    ['2024-03-30', 0, '2024-03-30'],
    ['2021-01-15', 7, '2021-01-27'],
  ])('addTradingDays(%s, %i) = %s', (date, n, expected) => {
    expect(addTradingDays(date, n)).toBe(expected);
  });

  it('steps strictly forward and backward', () => {
    expect(nextTradingDay('2024-07-03')).toBe('2024-07-05');
    expect(nextTradingDay('2024-07-04')).toBe('2024-07-05');
    expect(previousTradingDay('2024-07-05')).toBe('2024-07-03');
    expect(previousTradingDay('2024-07-06')).toBe('2024-07-05');
    expect(lastTradingDayOnOrBefore('2024-07-05')).toBe('2024-07-05');
    expect(lastTradingDayOnOrBefore('2024-07-07')).toBe('2024-07-05');
  });

  it('lists the sessions of an inclusive range across a year end', () => {
    expect(tradingDaysBetween('2024-12-20', '2025-01-03')).toEqual([
      '2024-12-20',
      '2024-12-23',
      '2024-12-24',
      '2024-12-26',
      '2024-12-27',
      '2024-12-30',
      '2024-12-31',
      '2025-01-02',
      '2025-01-03',
    ]);
    expect(tradingDaysBetween('2024-12-21', '2024-12-22')).toEqual([]);
    expect(tradingDaysBetween('2025-01-03', '2024-12-20')).toEqual([]);
  });

  it('round-trips every session of 2019–2027 for several offsets', () => {
    const days = tradingDaysBetween('2019-01-01', '2027-12-31');
    for (const [i, d] of days.entries()) {
      for (const n of [1, -1, 5, -7, 63, -300]) {
        const there = addTradingDays(d, n);
        expect(there).toBe(days[i + n] ?? there);
        expect(addTradingDays(there, -n)).toBe(d);
        expect(tradingDayDistance(d, there)).toBe(n);
      }
    }
  });

  it('rejects malformed dates and years it has no rules for', () => {
    expect(() => isTradingDay('2024-02-30')).toThrow(RangeError);
    expect(() => isTradingDay('20240102')).toThrow(RangeError);
    expect(() => isTradingDay('1900-01-02')).toThrow(RangeError);
    expect(() => addTradingDays('2024-01-02', 1.5)).toThrow(RangeError);
  });
});

describe('New York wall clock', () => {
  it.each([
    ['2024-11-20T04:30:00Z', '2024-11-19', 23 * 60 + 30], // EST, still the previous evening
    ['2024-07-01T03:59:00Z', '2024-06-30', 23 * 60 + 59], // EDT
    ['2024-03-10T06:59:00Z', '2024-03-10', 60 + 59], // 01:59 EST just before the spring jump
    ['2024-03-10T07:00:00Z', '2024-03-10', 3 * 60], // 03:00 EDT
    ['2024-11-03T05:30:00Z', '2024-11-03', 90], // 01:30 EDT
    ['2024-11-03T06:30:00Z', '2024-11-03', 90], // 01:30 EST, the repeated hour
  ])('at %s New York reads %s, minute %i', (iso, date, minutes) => {
    expect(marketDateAt(new Date(iso))).toBe(date);
    expect(minutesOfDayAt(new Date(iso))).toBe(minutes);
  });

  it('compares local time with HH:MM in winter and summer', () => {
    expect(isAfterTime(new Date('2024-11-20T23:00:00Z'), '18:00')).toBe(true);
    expect(isAfterTime(new Date('2024-11-20T22:59:00Z'), '18:00')).toBe(false);
    expect(isAfterTime(new Date('2024-07-01T22:00:00Z'), '18:00')).toBe(true);
    expect(isAfterTime(new Date('2024-07-01T21:59:00Z'), '18:00')).toBe(false);
  });

  it('honours another time zone and rejects a bad time', () => {
    expect(marketDateAt(new Date('2024-07-01T23:30:00Z'), 'Europe/London')).toBe('2024-07-02');
    expect(isAfterTime(new Date('2024-07-01T08:00:00Z'), '09:00', 'Europe/London')).toBe(true);
    expect(() => isAfterTime(new Date(), '25:00')).toThrow(RangeError);
  });
});
