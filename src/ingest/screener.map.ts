import type { DailyBar, ScreenerSnapshot, SymbolRecord } from '../domain/market-data';
import { symbolKind } from '../market/symbol-map';
import { SOURCE_NASDAQ_SCREENER } from '../providers/nasdaq-api/map';
import { SOURCE_NASDAQ_TRADER } from '../providers/nasdaq-trader/directory-file';

// What a screener snapshot gives the store: a universe row per stock (market cap, sector, industry,
// exchange) and, for a session's snapshot, a close-only bar per stock that traded.

export const SOURCE_SCREENER_AND_DIRECTORY = `${SOURCE_NASDAQ_SCREENER}+${SOURCE_NASDAQ_TRADER}`;

export function snapshotSymbols(snapshot: ScreenerSnapshot, asOf: string): SymbolRecord[] {
  return snapshot.rows.map((r) => ({
    symbol: r.symbol,
    name: r.name,
    exchange: r.exchange,
    // the stocks screener lists no ETFs; finer types come from the directory when merged
    type: symbolKind(r.symbol),
    isEtf: false,
    isTestIssue: false,
    isActive: true,
    marketCap: r.marketCap,
    floatShares: null,
    sharesOutstanding: null,
    sector: r.sector,
    industry: r.industry,
    source: SOURCE_NASDAQ_SCREENER,
    asOf,
  }));
}

/**
 * That session's bar for every stock with a last sale: close and volume only. Open, high and low are
 * unknown and stay null (never the close copied in), so range-based figures know to fall back.
 */
export function snapshotBars(snapshot: ScreenerSnapshot, date: string): DailyBar[] {
  const bars: DailyBar[] = [];
  for (const r of snapshot.rows) {
    if (r.lastSale === null) continue;
    bars.push({
      symbol: r.symbol,
      date,
      open: null,
      high: null,
      low: null,
      close: r.lastSale,
      adjClose: null,
      volume: r.volume,
      vwap: null,
      trades: null,
      source: SOURCE_NASDAQ_SCREENER,
      publishedOn: date,
    });
  }
  return bars;
}

/**
 * The directory's rows with the screener's fundamentals laid over: the directory keeps its ETF,
 * test-issue and type flags, its finer exchange (Arca, BZX, IEX) and its names; symbols only one of
 * them lists are kept as that one has them.
 */
export function mergeUniverse(screener: SymbolRecord[], directory: SymbolRecord[]): SymbolRecord[] {
  const bySymbol = new Map(directory.map((r) => [r.symbol, r]));
  for (const s of screener) {
    const d = bySymbol.get(s.symbol);
    if (!d) {
      bySymbol.set(s.symbol, s);
      continue;
    }
    bySymbol.set(s.symbol, {
      ...d,
      name: d.name ?? s.name,
      exchange: d.exchange ?? s.exchange,
      marketCap: s.marketCap,
      sector: s.sector,
      industry: s.industry,
      source: SOURCE_SCREENER_AND_DIRECTORY,
      asOf: s.asOf > d.asOf ? s.asOf : d.asOf,
    });
  }
  return [...bySymbol.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}
