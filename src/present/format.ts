// Numbers as traders read them: 1.2M shares, 23.4%, 0.71, $4.31. Null is an em dash, never 0 or NaN.

const DASH = '—';
const ok = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** 1234 → 1,234; 1_234_567 → 1.23M; 2.5e9 → 2.50B */
export function fmtCount(x: number | null | undefined): string {
  if (!ok(x)) return DASH;
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(a >= 1e8 ? 0 : a >= 1e7 ? 1 : 2)}M`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(0)}k`;
  return Math.round(x).toLocaleString('en-US');
}

/** a fraction as a percent: 0.234 → 23.4% */
export function fmtPct(fraction: number | null | undefined, digits = 1): string {
  return ok(fraction) ? `${(fraction * 100).toFixed(digits)}%` : DASH;
}

/** a signed fraction as a percent: 0.12 → +12.0% */
export function fmtChange(fraction: number | null | undefined, digits = 1): string {
  if (!ok(fraction)) return DASH;
  return `${fraction > 0 ? '+' : ''}${(fraction * 100).toFixed(digits)}%`;
}

/** a 0..1 score or a ratio: 0.71 */
export function fmtNum(x: number | null | undefined, digits = 2): string {
  return ok(x) ? x.toFixed(digits) : DASH;
}

export function fmtPrice(x: number | null | undefined): string {
  if (!ok(x)) return DASH;
  return `$${x >= 1000 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(4)}`;
}

/** a ratio such as a volume spike: 6.2× */
export function fmtTimes(x: number | null | undefined): string {
  return ok(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×` : DASH;
}

export function fmtDuration(ms: number | null | undefined): string {
  if (!ok(ms)) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} days`;
}

const clocks = new Map<string, Intl.DateTimeFormat>();
const names = new Map<string, Intl.DateTimeFormat[]>();

function clockIn(zone: string): Intl.DateTimeFormat {
  let f = clocks.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(zone, f);
  }
  return f;
}

/**
 * The zone's short name at an instant: EST/EDT from en-US, CET/CEST and BST from en-GB (each locale
 * knows only its own region's letters), else the offset (GMT+9).
 */
export function zoneAbbrev(date: Date, zone: string): string {
  let fs = names.get(zone);
  if (!fs) {
    fs = ['en-US', 'en-GB'].map((l) => new Intl.DateTimeFormat(l, { timeZone: zone, timeZoneName: 'short' }));
    names.set(zone, fs);
  }
  const all = fs.map((f) => f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '');
  return all.find((n) => !/^(GMT|UTC)[+-]/.test(n)) ?? all[0]!;
}

/**
 * `2021-01-28T00:00:00.000Z` → `2021-01-27 19:00 EST` in New York, `2021-01-28 01:00 CET` in Berlin:
 * an instant on the wall clock of the reader's zone (UTC without one), with the zone's letters.
 */
export function fmtInstant(iso: string | null | undefined, zone = 'UTC'): string {
  if (!iso) return DASH;
  if (zone === 'UTC') return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  const date = new Date(iso);
  const p = Object.fromEntries(
    clockIn(zone)
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${zoneAbbrev(date, zone)}`;
}

/**
 * `2021-01-27 20:00 ET`: an instant on the market's clock. Views as of a market day show their
 * instants so; in UTC an evening alert of the 27th would read as the 28th.
 */
export function fmtMarketInstant(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const p = Object.fromEntries(
    clockIn('America/New_York')
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ET`;
}

/**
 * Today's volume and its multiple of the 20-day average, in one line; where the figures are FINRA's
 * off-exchange volume standing in for consolidated history (volume-metrics.ts), the line says so, since
 * the level is then a share of the market's volume, not all of it.
 */
export function fmtVolumeLine(
  v: { volume: number; volumeSpikeRatio: number | null; avgVolume20: number | null; volumeBasis?: string } | null,
): string {
  const line = `${fmtCount(v?.volume)}  ${fmtTimes(v?.volumeSpikeRatio)} 20d avg ${fmtCount(v?.avgVolume20)}`;
  return v?.volumeBasis === 'off_exchange' ? `${line}  (off-exchange proxy)` : line;
}
