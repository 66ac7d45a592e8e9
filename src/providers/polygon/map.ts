import type { DailyBar, Quote, Trade } from '../../domain/market-data';
import { toDayNumber } from '../../market/iso-date';
import { MARKET_TIME_ZONE, marketDateAt, zoneOffsetMs } from '../../market/market-time';
import { fromPolygon } from '../../market/symbol-map';
import type { PolygonAgg, PolygonQuote, PolygonSnapshotTicker, PolygonTrade } from './schemas';

export const SOURCE_POLYGON = 'polygon';

/** The trading date (New York) of an epoch-ms bar start; Polygon daily bars start at midnight ET. */
export function marketDate(epochMs: number): string {
  return marketDateAt(new Date(epochMs), MARKET_TIME_ZONE);
}

/** Epoch nanoseconds (as a digit string) of midnight New York time on an ISO date. */
export function marketMidnightNs(isoDate: string): string {
  const utcMidnight = toDayNumber(isoDate) * 86_400_000;
  // the offset read at 05:00Z (00:00 or 01:00 in New York) is the one in force at local midnight,
  // before any 02:00 DST switch of that day
  const offset = zoneOffsetMs(utcMidnight + 5 * 3_600_000, MARKET_TIME_ZONE);
  return (BigInt(utcMidnight - offset) * 1_000_000n).toString();
}

/**
 * One Polygon bar → a DailyBar. With `adjusted=true` Polygon's OHLC are split-adjusted but not
 * dividend-adjusted (Yahoo's `close` semantics), so `adjClose` stays null rather than claim more.
 */
export function mapAgg(agg: PolygonAgg, symbol: string, date = marketDate(agg.t)): DailyBar {
  return {
    symbol,
    date,
    open: agg.o,
    high: agg.h,
    low: agg.l,
    close: agg.c,
    adjClose: null,
    volume: agg.v,
    vwap: agg.vw ?? null,
    trades: agg.n ?? null,
    source: SOURCE_POLYGON,
    // end-of-day bars are known the evening of the trade date
    publishedOn: date,
  };
}

/** A grouped-daily row: the symbol comes from `T`, in Polygon spelling (`BRK.B`, `ABRpA`). */
export function mapGroupedAgg(agg: PolygonAgg, date: string): DailyBar | null {
  if (!agg.T) return null;
  return mapAgg(agg, fromPolygon(agg.T), date);
}

function nsString(v: string | number): string {
  return typeof v === 'string' ? v : BigInt(Math.round(v)).toString();
}

export function mapTrade(t: PolygonTrade): Trade {
  return {
    timestampNs: nsString(t.sip_timestamp),
    price: t.price,
    size: t.size,
    conditions: t.conditions ?? [],
    exchange: t.exchange ?? null,
  };
}

/** Polygon leaves out a zero side: an absent bid or ask is 0 (no quote on that side). */
export function mapQuote(q: PolygonQuote): Quote {
  return { timestampNs: nsString(q.sip_timestamp), bid: q.bid_price ?? 0, ask: q.ask_price ?? 0 };
}

/** A live quote from the snapshot: the intraday watch reads the price instead of the last close. */
export interface SnapshotQuote {
  symbol: string;
  price: number;
  dayVolume: number | null;
  dayHigh: number | null;
  dayLow: number | null;
  prevClose: number | null;
  /** when Polygon last updated the ticker (ISO), or null */
  at: string | null;
}

/** Zeros mean "nothing yet" in a snapshot aggregate (pre-market `day`), not a price of 0. */
const positive = (v: number | undefined): number | null => (v !== undefined && v > 0 ? v : null);

/** null when the snapshot carries no usable price (no trade, no minute bar, no day bar yet). */
export function mapSnapshot(t: PolygonSnapshotTicker): SnapshotQuote | null {
  const price = positive(t.lastTrade?.p) ?? positive(t.min?.c) ?? positive(t.day?.c);
  if (price === null) return null;
  // `updated` and lastTrade.t are epoch nanoseconds, min.t epoch milliseconds
  const ms = t.updated ? t.updated / 1e6 : t.lastTrade?.t ? t.lastTrade.t / 1e6 : (t.min?.t ?? null);
  return {
    symbol: fromPolygon(t.ticker),
    price,
    dayVolume: t.day?.v ?? null,
    dayHigh: positive(t.day?.h),
    dayLow: positive(t.day?.l),
    prevClose: positive(t.prevDay?.c),
    at: ms ? new Date(Math.round(ms)).toISOString() : null,
  };
}
