import type { Db } from '../../src/db/client';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { createDatasetStatusRepo } from '../../src/db/repos/dataset-status.repo';

// A constructed market written straight into a real store: daily bars and CNMS short volume from
// shapes a test states (a price path and a volume path per symbol), so funnel counts and rankings are
// known by construction.

export interface SymbolShape {
  /** close on day i of n (0 = oldest) */
  close: (i: number, n: number) => number;
  /** volume on day i of n */
  volume: (i: number, n: number) => number;
  /** bars only for the last `days` days (a new listing) */
  days?: number;
  /** no bars after this many days before the end (a stale symbol) */
  endsDaysBefore?: number;
  /**
   * keyless: close-only bars (the screener's) for the last `screenerDays` days only, while FINRA's short
   * volume covers every day (the off-exchange proxy's case)
   */
  screenerDays?: number;
  /** short volume as a fraction of volume (TotalVolume = half the volume) */
  shortShare?: number;
}

export function writeMarket(db: Db, end: string, days: number, shapes: Record<string, SymbolShape>): string[] {
  const dates = tradingDaysBetween(addTradingDays(end, -(days - 1)), end);
  const bar = db.$client.prepare(
    `INSERT INTO daily_bars (symbol, date, open, high, low, close, volume, source, published_on) VALUES (?, ?, ?, ?, ?, ?, ?, 'test', ?)`,
  );
  const screener = db.$client.prepare(
    `INSERT INTO daily_bars (symbol, date, close, volume, source, published_on) VALUES (?, ?, ?, ?, 'nasdaq-screener', ?)`,
  );
  const sv = db.$client.prepare(
    `INSERT INTO short_volume (symbol, date, facility, short_volume, short_exempt_volume, total_volume, source, published_on) VALUES (?, ?, 'CNMS', ?, ?, ?, 'test', ?)`,
  );
  db.$client.transaction(() => {
    for (const [symbol, s] of Object.entries(shapes)) {
      const first = s.days ? dates.length - s.days : 0;
      const last = dates.length - 1 - (s.endsDaysBefore ?? 0);
      for (let i = first; i <= last; i++) {
        const date = dates[i]!;
        const close = s.close(i, dates.length);
        const prev = i > 0 ? s.close(i - 1, dates.length) : close;
        const volume = s.volume(i, dates.length);
        if (s.screenerDays === undefined)
          bar.run(symbol, date, prev, Math.max(prev, close) * 1.01, Math.min(prev, close) * 0.99, close, volume, date);
        else if (i > last - s.screenerDays) screener.run(symbol, date, close, volume, date);
        const total = Math.round(volume / 2);
        // a ratio wobbling around the symbol's share keeps the 60-day z-score defined
        const share = (s.shortShare ?? 0.45) + (i % 3 === 0 ? 0.02 : i % 3 === 1 ? -0.02 : 0);
        sv.run(symbol, date, Math.round(total * share), 0, total, date);
      }
    }
  })();
  return dates;
}

export function writeShortInterest(
  db: Db,
  row: { symbol: string; settlement: string; published: string; shares: number; previous?: number },
): void {
  db.$client
    .prepare(
      `INSERT INTO short_interest (symbol, settlement_date, source, short_interest, previous_short_interest, published_on) VALUES (?, ?, 'finra', ?, ?, ?)`,
    )
    .run(row.symbol, row.settlement, row.shares, row.previous ?? null, row.published);
}

/** Prices and volumes to build shapes from. */
export const flat = (level: number) => (i: number) => level * (i % 2 === 0 ? 1 : 1.01);
export const steady = (level: number) => (_i: number) => level;
/** `base` volume, `times`× on the last day */
export const spikeLast = (base: number, times: number) => (i: number, n: number) =>
  i === n - 1 ? base * times : base * (i % 2 === 0 ? 0.95 : 1.05);
/**
 * flat, then rising `pct` a day over the last `days` days; `swing` is the every-other-day wobble (1%: a calm
 * name; real squeeze candidates swing 5–10% a day, which is what their realised volatility measures)
 */
export const runUp =
  (level: number, days: number, pct: number, swing = 0.01) =>
  (i: number, n: number) =>
    level * (i % 2 === 0 ? 1 : 1 + swing) * Math.pow(1 + pct, Math.max(0, i - (n - 1 - days)));

/** Records each date's CNMS short-volume file as imported, as `squeezebot import` would (dataset_status). */
export function recordShortVolumeImports(db: Db, dates: readonly string[]): void {
  const status = createDatasetStatusRepo(db);
  for (const date of dates)
    status.record({
      dataset: 'shortvol',
      date,
      kind: 'import',
      origin: `CNMSshvol${date}.txt`,
      status: 'ok',
      rows: 2,
      startedAt: `${date}T23:00:00.000Z`,
      finishedAt: `${date}T23:00:01.000Z`,
    });
}
