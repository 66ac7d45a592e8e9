import { addCalendarDays, daysInMonth, isoDate } from './iso-date';
import { firstTradingDayOnOrAfter } from './trading-calendar';

// The SEC's fails-to-deliver files come in half months, published "twice a month with a lag of about 2-3
// weeks" [3P]. FORMATS-keyless.md §3 says `a` covers the 1st-15th, but the real files put the 15th in `b`
// (cnsfails202012b and 202101b start on the 15th, 202012a and 202101a end on the 14th), so here `a` is
// settlement days 1-14 and `b` the 15th to the month's end. These helpers name the periods and date them.

export interface FailsPeriod {
  year: number;
  month: number;
  half: 'a' | 'b';
}

const NAME = /cnsfails(\d{4})(\d{2})([ab])/i;

/** Days after a half month's end an imported file is taken as published: the 2-3 week lag's short end. */
export const FAILS_PUBLICATION_LAG_DAYS = 14;
/** Days after a half month's end its file is surely out (the lag's long end): freshness and the calendar. */
export const FAILS_EXPECTED_LAG_DAYS = 21;

export function failsPeriodOf(date: string): FailsPeriod {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { year: y, month: m, half: d <= 14 ? 'a' : 'b' };
}

export function failsFileId(p: FailsPeriod): string {
  return `cnsfails${p.year}${String(p.month).padStart(2, '0')}${p.half}`;
}

/** The period a file name names (`cnsfails202101b.txt`, `…zip`, `…meme-symbols.txt`), or null. */
export function failsPeriodFromName(fileName: string): FailsPeriod | null {
  const m = NAME.exec(fileName);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { year: Number(m[1]), month, half: m[3]!.toLowerCase() as 'a' | 'b' };
}

export function failsPeriodStart(p: FailsPeriod): string {
  return isoDate(p.year, p.month, p.half === 'a' ? 1 : 15);
}

export function failsPeriodEnd(p: FailsPeriod): string {
  return isoDate(p.year, p.month, p.half === 'a' ? 14 : daysInMonth(p.year, p.month));
}

export function nextFailsPeriod(p: FailsPeriod): FailsPeriod {
  if (p.half === 'a') return { ...p, half: 'b' };
  return p.month === 12 ? { year: p.year + 1, month: 1, half: 'a' } : { year: p.year, month: p.month + 1, half: 'a' };
}

export function previousFailsPeriod(p: FailsPeriod): FailsPeriod {
  if (p.half === 'b') return { ...p, half: 'a' };
  return p.month === 1 ? { year: p.year - 1, month: 12, half: 'b' } : { year: p.year, month: p.month - 1, half: 'b' };
}

/**
 * When an imported file (no fetch day known) is taken as published: the half month's end plus 14
 * calendar days, rolled to the next trading day. The SEC's own dates are not in the file; FORMATS says
 * a 2-3 week lag, so two weeks is the earliest a trader could plausibly have read it. A backtest that
 * sees a file a few days later than it really appeared loses a little; one that saw it earlier would cheat.
 */
export function estimatedFailsPublication(p: FailsPeriod, lagDays = FAILS_PUBLICATION_LAG_DAYS): string {
  return firstTradingDayOnOrAfter(addCalendarDays(failsPeriodEnd(p), lagDays));
}

/**
 * The newest period whose file should be out on `date` (its end + `lagDays` passed, rolled to a trading
 * day): 14 for what the collector asks for, 21 for what freshness calls overdue.
 */
export function latestExpectedFailsPeriod(date: string, lagDays = FAILS_PUBLICATION_LAG_DAYS): FailsPeriod {
  let p = failsPeriodOf(date);
  while (estimatedFailsPublication(p, lagDays) > date) p = previousFailsPeriod(p);
  return p;
}
