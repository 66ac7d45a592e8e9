import { minutesOfDayAt, parseHhmm } from '../market/market-time';

// Quiet hours are a wall-clock window in the app's time zone; it may cross midnight (22:00-07:00).
// The end instant is now plus the minutes left to the end's wall time, which is off by the DST jump
// on the two nights a year the clock moves: a held message then arrives an hour early or late.

export interface QuietWindow {
  start: string;
  end: string;
}

export interface QuietState {
  quiet: boolean;
  /** when the window ends (only meaningful while quiet) */
  endsAt: Date;
}

export function quietState(now: Date, window: QuietWindow, timeZone: string): QuietState {
  const m = minutesOfDayAt(now, timeZone);
  const s = parseHhmm(window.start);
  const e = parseHhmm(window.end);
  const quiet = s === e ? false : s < e ? m >= s && m < e : m >= s || m < e;
  const minutesLeft = (e - m + 1440) % 1440;
  const endsAt = new Date(now.getTime() - (now.getTime() % 60_000) + minutesLeft * 60_000);
  return { quiet, endsAt };
}

/** `22:00-07:00` → { start, end }; null when malformed. */
export function parseQuietWindow(text: string): QuietWindow | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return null;
  const window = { start: `${m[1]}:${m[2]}`, end: `${m[3]}:${m[4]}` };
  return window.start === window.end ? null : window;
}
