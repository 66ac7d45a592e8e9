import type { DailyBar, Quote, Trade } from '../../domain/market-data';
import { toDayNumber } from '../../market/iso-date';
import { MARKET_TIME_ZONE, marketDateAt, zoneOffsetMs } from '../../market/market-time';
import { fromPolygon } from '../../market/symbol-map';
import type { PolygonAgg, PolygonQuote, PolygonTrade } from './schemas';

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
