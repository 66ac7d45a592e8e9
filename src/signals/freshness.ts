// Is a dataset as new as the calendars say it could be? Pure: the caller passes the newest date it holds
// and the instant to judge at; `doctor`, reports and the collectors' schedules share the answer.
import { DATASETS, type Dataset } from '../domain/market-data';
import { addCalendarDays, calendarDaysBetween } from '../market/iso-date';
import { FAILS_EXPECTED_LAG_DAYS, failsPeriodEnd, latestExpectedFailsPeriod } from '../market/sec-fails-calendar';
import { latestPublishedOtcWeek, latestPublishedSettlement } from '../market/finra-calendar';
import {
  earlyClose,
  isAfterTime,
  isTradingDay,
  lastTradingDayOnOrBefore,
  marketDateAt,
  previousTradingDay,
  tradingDayDistance,
} from '../market/trading-calendar';

export interface Freshness {
  dataset: Dataset;
  newest: string | null;
  /** the newest date the calendars say should exist at `now` */
  expected: string;
  /** sessions from `newest` to `expected`; 0 when current, null when nothing is held */
  staleTradingDays: number | null;
  stale: boolean;
  message: string;
}

/** New York times after which a day's file is expected. FINRA posts short volume by 6 pm ET. */
export const READY_AFTER = {
  shortvol: '18:00',
  bars: '16:30',
  /** bars on a 13:00 early-close day */
  barsEarlyClose: '13:30',
  /** FINRA releases short interest and OTC weeks in the afternoon; 18:00 leaves room (assumption). */
  finraRelease: '18:00',
  /**
   * the Reg SHO threshold lists of a session: Nasdaq's comes about 23:00 ET, Cboe's about 03:00 ET the
   * next calendar day, so all three of day D are expected from 03:30 ET on D+1
   */
  thresholdNextDay: '03:30',
  /** the options snapshot after the close (Cboe's quotes are ~15 minutes delayed) */
  options: '17:00',
  /**
   * the first borrow snapshot of a session is taken at the open: a file taken on the session's day counts
   * as current (IBKR rewrites it all day, weekends too)
   */
  borrow: '10:00',
} as const;
/** The symbol directory changes slowly: a week-old copy is still good. */
export const UNIVERSE_MAX_AGE_DAYS = 7;

const LABEL: Record<Dataset, [name: string, verb: 'is' | 'are']> = {
  universe: ['universe', 'is'],
  bars: ['daily bars', 'are'],
  shortvol: ['short volume', 'is'],
  shortinterest: ['short interest', 'is'],
  otc: ['OTC weekly volume', 'is'],
  trades: ['trades', 'are'],
  threshold: ['threshold lists', 'are'],
  options: ['options snapshots', 'are'],
  borrow: ['borrow snapshots', 'are'],
  fails: ['fails-to-deliver', 'is'],
};

/** Today's session if its data should be out by now, else the session before. */
function dailyExpected(now: Date, readyAfter: (date: string) => string): string {
  const today = marketDateAt(now);
  if (isTradingDay(today) && isAfterTime(now, readyAfter(today))) return today;
  return previousTradingDay(today);
}

/** The day whose end counts as "published by": today after the release time, else yesterday. */
export function releaseDay(now: Date): string {
  const today = marketDateAt(now);
  return isAfterTime(now, READY_AFTER.finraRelease) ? today : addCalendarDays(today, -1);
}

/** The newest list date whose three threshold lists are all out at `now` (see READY_AFTER.thresholdNextDay). */
export function expectedThresholdList(now: Date): string {
  const today = marketDateAt(now);
  const back = isAfterTime(now, READY_AFTER.thresholdNextDay) ? -1 : -2;
  return lastTradingDayOnOrBefore(addCalendarDays(today, back));
}

/**
 * The newest settlement day a held fails file should reach on `date`: the last trading day of the newest
 * half month out by the 2-3 week lag's long end (an SEC file a few days later than usual is not stale).
 */
export function expectedFailsSettlement(date: string): string {
  return lastTradingDayOnOrBefore(failsPeriodEnd(latestExpectedFailsPeriod(date, FAILS_EXPECTED_LAG_DAYS)));
}

export function expectedNewest(dataset: Dataset, now: Date): string {
  switch (dataset) {
    case 'shortvol':
      return dailyExpected(now, () => READY_AFTER.shortvol);
    case 'bars':
    case 'trades':
      return dailyExpected(now, (d) => (earlyClose(d) ? READY_AFTER.barsEarlyClose : READY_AFTER.bars));
    case 'shortinterest':
      return latestPublishedSettlement(releaseDay(now));
    case 'otc':
      return latestPublishedOtcWeek(releaseDay(now), 'T1');
    case 'universe':
      return lastTradingDayOnOrBefore(marketDateAt(now));
    case 'threshold':
      return expectedThresholdList(now);
    case 'options':
      return dailyExpected(now, () => READY_AFTER.options);
    case 'borrow':
      return dailyExpected(now, () => READY_AFTER.borrow);
    case 'fails':
      return expectedFailsSettlement(marketDateAt(now));
  }
}

export function assessFreshness(dataset: Dataset, newest: string | null, now: Date): Freshness {
  const expected = expectedNewest(dataset, now);
  const [label, verb] = LABEL[dataset];
  if (newest === null) {
    return { dataset, newest, expected, staleTradingDays: null, stale: true, message: `no ${label} held` };
  }
  const behind = Math.max(0, tradingDayDistance(newest, expected));
  const stale =
    dataset === 'universe' ? calendarDaysBetween(newest, marketDateAt(now)) > UNIVERSE_MAX_AGE_DAYS : behind > 0;
  const message = stale
    ? `${label} ${verb} ${behind} trading day${behind === 1 ? '' : 's'} stale (newest ${newest}, expected ${expected})`
    : `${label} ${verb} current (${newest})`;
  return { dataset, newest, expected, staleTradingDays: stale ? behind : 0, stale, message };
}

/** Every dataset's freshness as of `now`, in DATASETS order, given where to find each one's newest day. */
export function assessAllFreshness(newestDate: (dataset: Dataset) => string | null, now: Date): Freshness[] {
  return DATASETS.map((d) => assessFreshness(d, newestDate(d), now));
}
