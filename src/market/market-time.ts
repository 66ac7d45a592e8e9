// Wall-clock date and time in a time zone (New York by default) at a given instant. Intl is slow when
// called millions of times, so the zone's UTC offset is cached per 15-minute bucket: every modern zone
// has offsets in multiples of 15 minutes and changes them on such boundaries.

export const MARKET_TIME_ZONE = 'America/New_York';

const BUCKET_MS = 15 * 60_000;
const MAX_CACHE = 50_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what a caller with a typo should see.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function computeOffsetMs(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const localAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return localAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/** UTC offset (local − UTC, in ms) of `timeZone` at `instantMs`. */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  let perZone = offsetCache.get(timeZone);
  if (!perZone) {
    perZone = new Map();
    offsetCache.set(timeZone, perZone);
  }
  const bucket = Math.floor(instantMs / BUCKET_MS);
  let offset = perZone.get(bucket);
  if (offset === undefined) {
    offset = computeOffsetMs(bucket * BUCKET_MS, timeZone);
    if (perZone.size >= MAX_CACHE) perZone.clear();
    perZone.set(bucket, offset);
  }
  return offset;
}

/** The local wall clock as a Date whose UTC fields read as local time. */
function localClock(now: Date, timeZone: string): Date {
  const t = now.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid Date');
  return new Date(t + zoneOffsetMs(t, timeZone));
}

/** The calendar date ('YYYY-MM-DD') in `timeZone` at instant `now`. */
export function marketDateAt(now: Date, timeZone: string = MARKET_TIME_ZONE): string {
  return localClock(now, timeZone).toISOString().slice(0, 10);
}

/** Minutes since local midnight in `timeZone` at instant `now`. */
export function minutesOfDayAt(now: Date, timeZone: string = MARKET_TIME_ZONE): number {
  const local = localClock(now, timeZone);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function parseHhmm(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${JSON.stringify(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True when the local time in `timeZone` at `now` is at or past `hhmm`. */
export function isAfterTime(now: Date, hhmm: string, timeZone: string = MARKET_TIME_ZONE): boolean {
  return minutesOfDayAt(now, timeZone) >= parseHhmm(hhmm);
}

/** `2021-01-27 23:59`: the New York wall clock at an instant (a report's stamp reads in market time). */
export function marketWallClockAt(now: Date): string {
  return localClock(now, MARKET_TIME_ZONE).toISOString().slice(0, 16).replace('T', ' ');
}
