import { OTC_TIERS, type OtcTier } from '../domain/market-data';
import {
  latestPublishedOtcWeek,
  nextPublication,
  nextSettlement,
  otcWeekPublicationDate,
  type SettlementCycle,
} from '../market/finra-calendar';
import { addCalendarDays } from '../market/iso-date';
import { earlyCloseCandidates, nyseHolidays } from '../market/nyse-holidays';
import type { NextBorrowSnapshot } from './borrow-calendar';
import {
  estimatedFailsPublication,
  FAILS_EXPECTED_LAG_DAYS,
  failsFileId,
  failsPeriodEnd,
  failsPeriodStart,
  latestExpectedFailsPeriod,
  nextFailsPeriod,
} from '../market/sec-fails-calendar';
import { earlyClose, firstTradingDayOnOrAfter, isTradingDay, nextTradingDay } from '../market/trading-calendar';

// What /calendar shows, from the calendars in src/market: the next short-interest settlements and
// publications, the next OTC-transparency publication per tier, the next NYSE holidays and early
// closes. Pure; `today` is a New York date.

export interface MarketCalendarView {
  today: string;
  /** the next two settlement cycles (settlement date and its publication) */
  settlements: SettlementCycle[];
  /** the next publication (its settlement may already be past) */
  nextPublication: SettlementCycle;
  otc: { tier: OtcTier; weekStart: string; publicationDate: string }[];
  holidays: { date: string; name: string }[];
  earlyCloses: string[];
  /** the next Reg SHO threshold lists (of the next session) and when each publisher posts it, ET */
  thresholdLists: { listDate: string; usableFrom: string; posts: { market: string; date: string; time: string }[] };
  /** the next options snapshot of the short list (the job's time after the close, ET) */
  optionsSnapshot: { date: string; time: string };
  /** the next IBKR borrow snapshot (borrow-calendar.ts); null when its jobs are off or no instant is given */
  borrowSnapshot?: NextBorrowSnapshot | null;
  /** the next SEC fails-to-deliver file not due yet: its half month and the window it should appear in */
  failsFile: { file: string; from: string; to: string; expectedFrom: string; expectedBy: string };
}

/** When the publishers post a day's threshold list, as reported [3P] (FORMATS-keyless.md §4). */
const THRESHOLD_POSTS = [
  { market: 'NYSE', nextDay: false, time: '22:00' },
  { market: 'Nasdaq', nextDay: false, time: '23:00' },
  { market: 'Cboe BZX', nextDay: true, time: '03:00' },
] as const;

export function marketCalendar(
  today: string,
  count = 3,
  times: { optionsSnapshot: string } = { optionsSnapshot: '16:45' },
): MarketCalendarView {
  const session = firstTradingDayOnOrAfter(today);
  const first = nextSettlement(today);
  const second = nextSettlement(first.settlementDate);
  const year = Number(today.slice(0, 4));
  const holidays = [year, year + 1]
    .flatMap((y) => [...nyseHolidays(y).entries()].map(([date, name]) => ({ date, name })))
    .filter((h) => h.date > today)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, count);
  const earlyCloses = [year, year + 1]
    .flatMap(earlyCloseCandidates)
    .filter((d) => d > today && isTradingDay(d) && earlyClose(d))
    .sort()
    .slice(0, count);
  return {
    today,
    settlements: [first, second],
    nextPublication: nextPublication(today),
    otc: OTC_TIERS.map((tier) => {
      // the week after the newest one out by today is the next to be published
      const weekStart = addCalendarDays(latestPublishedOtcWeek(today, tier), 7);
      return { tier, weekStart, publicationDate: otcWeekPublicationDate(weekStart, tier) };
    }),
    holidays,
    earlyCloses,
    thresholdLists: {
      listDate: session,
      usableFrom: nextTradingDay(session),
      posts: THRESHOLD_POSTS.map((p) => ({
        market: p.market,
        date: p.nextDay ? addCalendarDays(session, 1) : session,
        time: p.time,
      })),
    },
    optionsSnapshot: { date: session, time: times.optionsSnapshot },
    failsFile: nextFailsFile(today),
  };
}

/** The first half month whose file is not due by `today` (its end + 14 days), and its 2-3 week window. */
function nextFailsFile(today: string): MarketCalendarView['failsFile'] {
  const p = nextFailsPeriod(latestExpectedFailsPeriod(today));
  return {
    file: failsFileId(p),
    from: failsPeriodStart(p),
    to: failsPeriodEnd(p),
    expectedFrom: estimatedFailsPublication(p),
    expectedBy: estimatedFailsPublication(p, FAILS_EXPECTED_LAG_DAYS),
  };
}
