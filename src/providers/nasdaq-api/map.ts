import type { ScreenerExchange, ScreenerRow } from '../../domain/market-data';
import { fromNasdaqScreener } from '../../market/symbol-map';
import type { ScreenerRawRow } from './schemas';

// Screener rows → domain rows. Unknowns stay null rather than 0: an "NA" last sale is no trade (not a
// price of zero), and a market cap of "" or "0.00" is the screener not knowing it, which must not
// read as a nano-cap to the market-cap filter.

export const SOURCE_NASDAQ_SCREENER = 'nasdaq-screener';

/** The request's exchange value → the config's exchange names. */
export const SCREENER_EXCHANGES: Readonly<Record<ScreenerExchange, string>> = {
  nasdaq: 'NASDAQ',
  nyse: 'NYSE',
  amex: 'AMEX',
};

const blankToNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

function numberOrNull(s: string): number | null {
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** "$325.00" → 325; "NA" → null */
export function parseLastSale(s: string): number | null {
  return s === 'NA' ? null : numberOrNull(s.replace(/^\$/, ''));
}

/** "22667762000.00" → 22667762000; "" and "0.00" → null (unknown, not zero) */
export function parseMarketCap(s: string): number | null {
  const n = numberOrNull(s);
  return n === null || n <= 0 ? null : n;
}

/** `exchange` null: a row of the all-exchange answer, which says no exchange (never guessed here) */
export function mapScreenerRow(raw: ScreenerRawRow, exchange: ScreenerExchange | null): ScreenerRow {
  const year = numberOrNull(raw.ipoyear);
  return {
    symbol: fromNasdaqScreener(raw.symbol),
    name: blankToNull(raw.name),
    exchange: exchange ? SCREENER_EXCHANGES[exchange] : null,
    lastSale: parseLastSale(raw.lastsale),
    netChange: numberOrNull(raw.netchange),
    pctChange: numberOrNull(raw.pctchange.replace(/%$/, '')),
    volume: Number(raw.volume),
    marketCap: parseMarketCap(raw.marketCap),
    country: blankToNull(raw.country),
    ipoYear: year !== null && Number.isInteger(year) && year > 0 ? year : null,
    sector: blankToNull(raw.sector),
    industry: blankToNull(raw.industry),
  };
}
