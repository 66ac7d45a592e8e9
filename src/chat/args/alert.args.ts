import { z } from 'zod';
import { tickerArg } from './basic.args';

// The words /mute, /unmute, /ack and the alert buttons read: a ticker or "all", a duration, an alert number.

/** `GME`, `$gme` → GME; `all` or `*` → '*' (every squeeze alert). */
export const tickerOrAllArg = z.string().transform((raw, ctx) => {
  if (/^(all|\*)$/i.test(raw)) return '*';
  const r = tickerArg.safeParse(raw);
  if (!r.success) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${raw}" is not a ticker or "all"` });
    return z.NEVER;
  }
  return r.data;
});

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
const MAX_MUTE_MS = 365 * 86_400_000;

/** `30m`, `12h`, `1d`, `2w`, or a bare number of days → milliseconds (at most a year). */
export function parseDuration(raw: string): number | null {
  const m = /^(\d+)\s*(m|min|mins|h|hr|hrs|hours?|d|days?|w|wk|weeks?)?$/i.exec(raw.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'd').toLowerCase()[0]!;
  const ms = Number(m[1]) * UNIT_MS[unit]!;
  return ms > 0 && ms <= MAX_MUTE_MS ? ms : null;
}

export const durationArg = z.string().transform((raw, ctx) => {
  const ms = parseDuration(raw);
  if (ms === null) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `"${raw}" is not a duration (30m, 12h, 1d, 2w; at most a year)`,
    });
    return z.NEVER;
  }
  return ms;
});

/** `12`, `#12` → 12; `all` → 'all'. */
export const alertIdOrAllArg = z.string().transform((raw, ctx) => {
  if (/^all$/i.test(raw)) return 'all' as const;
  const m = /^#?(\d{1,12})$/.exec(raw);
  if (!m) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${raw}" is not an alert number (see /alerts) or "all"` });
    return z.NEVER;
  }
  return Number(m[1]);
});
