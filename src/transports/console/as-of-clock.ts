import { isIsoDate } from '../../market/iso-date';
import { MARKET_TIME_ZONE, zoneOffsetMs } from '../../market/market-time';
import type { Clock } from '../../shared/clock';
import { UsageError } from '../../shared/errors';

// `chat --as-of 2021-01-27`: a clock that starts at 20:00 New York time that day (after the day's
// FINRA files are out) and runs forward in real time, so timeouts and waits still end.

export const AS_OF_WALL_TIME = '20:00';

export function instantAt(date: string, hhmm: string, timeZone = MARKET_TIME_ZONE): Date {
  const guess = Date.parse(`${date}T${hhmm}:00Z`);
  return new Date(guess - zoneOffsetMs(guess, timeZone));
}

export function asOfClock(date: string, real: Clock): Clock {
  if (!isIsoDate(date)) throw new UsageError(`--as-of wants a date as YYYY-MM-DD, not "${date}"`);
  const start = instantAt(date, AS_OF_WALL_TIME).getTime();
  const t0 = real.now().getTime();
  return {
    now: () => new Date(start + (real.now().getTime() - t0)),
    sleep: (ms) => real.sleep(ms),
  };
}
