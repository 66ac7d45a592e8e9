import { marketDateAt, minutesOfDayAt, parseHhmm } from '../market/market-time';
import { isTradingDay, nextTradingDay, sessionClose } from '../market/trading-calendar';

// When the next IBKR borrow snapshot is due (/calendar), from the two jobs' schedules: every N minutes in
// the regular session from 09:30 (early closes included) and once after the close. Pure.

export interface BorrowSchedule {
  /** scheduling.borrow_snapshot.every_minutes; null when that job is off */
  everyMinutes: number | null;
  /** scheduling.borrow_close.time; null when that job is off */
  closeTime: string | null;
}

export interface NextBorrowSnapshot {
  date: string;
  /** HH:MM ET */
  time: string;
  kind: 'session' | 'after the close';
  everyMinutes: number | null;
}

const OPEN = parseHhmm('09:30');
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function slots(date: string, s: BorrowSchedule): { m: number; kind: NextBorrowSnapshot['kind'] }[] {
  const close = sessionClose(date);
  if (close === null) return [];
  const out: { m: number; kind: NextBorrowSnapshot['kind'] }[] = [];
  if (s.everyMinutes) {
    // the job's cron fires on the clock's multiples of N within 09:30..close (schedule-rule.ts)
    const start = Math.ceil(OPEN / s.everyMinutes) * s.everyMinutes;
    for (let m = start; m < parseHhmm(close); m += s.everyMinutes) out.push({ m, kind: 'session' });
  }
  if (s.closeTime) out.push({ m: parseHhmm(s.closeTime), kind: 'after the close' });
  return out.sort((a, b) => a.m - b.m);
}

/** The first snapshot due strictly after `now`; null when both jobs are off. */
export function nextBorrowSnapshot(now: Date, s: BorrowSchedule): NextBorrowSnapshot | null {
  if (!s.everyMinutes && !s.closeTime) return null;
  let date = marketDateAt(now);
  let after = minutesOfDayAt(now);
  for (let i = 0; i < 10; i++) {
    if (isTradingDay(date)) {
      const next = slots(date, s).find((x) => x.m > after);
      if (next) return { date, time: hhmm(next.m), kind: next.kind, everyMinutes: s.everyMinutes };
    }
    date = nextTradingDay(date);
    after = -1;
  }
  return null;
}
