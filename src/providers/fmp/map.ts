import type { DailyBar, SymbolRecord } from '../../domain/market-data';
import { fromYahoo } from '../../market/symbol-map';
import type { FmpHistoricalRow, FmpQuoteRow, FmpScreenerRow, FmpSharesFloatRow } from './schemas';

export const SOURCE_FMP = 'fmp';

// FMP spells share classes and preferreds with a dash, as Yahoo does (`BRK-B`, `ABR-PD`), so the
// Yahoo mapping brings its symbols to our (FINRA) style.
export const fmpToDomainSymbol = (symbol: string): string => fromYahoo(symbol);

const EXCHANGES: Record<string, string> = {
  NYSE: 'NYSE',
  NASDAQ: 'NASDAQ',
  AMEX: 'AMEX',
  'NYSE AMERICAN': 'AMEX',
  NYSEARCA: 'ARCA',
  'NYSE ARCA': 'ARCA',
  ARCA: 'ARCA',
  BATS: 'BATS',
  CBOE: 'BATS',
  IEX: 'IEX',
  OTC: 'OTC',
  PNK: 'OTC',
};

/** FMP's exchange short name → the config's exchange names; unknown names pass through upper-cased. */
export function fmpExchange(shortName: string | null | undefined): string | null {
  if (!shortName) return null;
  const key = shortName.trim().toUpperCase();
  return EXCHANGES[key] ?? key;
}

const blankToNull = (s: string | null | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);

/**
 * A screener row → SymbolRecord. The screener lists operating companies unless flagged, so an
 * unflagged row is taken as common stock; the Nasdaq directory is the authority on finer types.
 */
export function mapScreenerRow(row: FmpScreenerRow, asOf: string): SymbolRecord {
  const isEtf = row.isEtf === true;
  return {
    symbol: fmpToDomainSymbol(row.symbol),
    name: blankToNull(row.companyName),
    exchange: fmpExchange(row.exchangeShortName ?? row.exchange),
    type: isEtf ? 'etf' : row.isFund ? 'fund' : 'common',
    isEtf,
    isTestIssue: false,
    isActive: row.isActivelyTrading ?? true,
    marketCap: row.marketCap ?? null,
    floatShares: null,
    sharesOutstanding: null,
    sector: blankToNull(row.sector),
    industry: blankToNull(row.industry),
    source: SOURCE_FMP,
    asOf,
  };
}

/** FMP's `close` is split-adjusted; `adjClose` also takes dividends out. */
export function mapHistoricalRow(row: FmpHistoricalRow, symbol: string): DailyBar {
  return {
    symbol,
    date: row.date,
    open: row.open ?? null,
    high: row.high ?? null,
    low: row.low ?? null,
    close: row.close,
    adjClose: row.adjClose ?? null,
    volume: row.volume,
    vwap: row.vwap ?? null,
    trades: null,
    source: SOURCE_FMP,
    publishedOn: row.date,
  };
}

export interface FmpProfile {
  symbol: string;
  floatShares: number | null;
  sharesOutstanding: number | null;
  marketCap: number | null;
}

export function mapProfile(
  symbol: string,
  float: FmpSharesFloatRow | undefined,
  quote: FmpQuoteRow | undefined,
): FmpProfile {
  return {
    symbol,
    floatShares: float?.floatShares ?? null,
    sharesOutstanding: float?.outstandingShares ?? quote?.sharesOutstanding ?? null,
    marketCap: quote?.marketCap ?? null,
  };
}
