// Domain records every provider maps into and every repo stores. Dates are ISO `YYYY-MM-DD`.
// `publishedOn` is the date a figure became known (point in time).

export type Facility = 'CNMS' | 'FNQC' | 'FNSQ' | 'FNYX' | 'FNRA' | 'FORF';
export const FACILITIES: readonly Facility[] = ['CNMS', 'FNQC', 'FNSQ', 'FNYX', 'FNRA', 'FORF'];

export type Dataset =
  | 'universe'
  | 'bars'
  | 'shortvol'
  | 'shortinterest'
  | 'otc'
  | 'trades'
  // issue 12: Reg SHO threshold lists, the options chain's summary for the short list, IBKR borrow
  | 'threshold'
  | 'options'
  | 'borrow'
  // SEC fails-to-deliver, twice a month by settlement day
  | 'fails';
export const DATASETS: readonly Dataset[] = [
  'universe',
  'bars',
  'shortvol',
  'shortinterest',
  'otc',
  'trades',
  'threshold',
  'options',
  'borrow',
  'fails',
];

export interface SymbolRecord {
  symbol: string;
  name: string | null;
  exchange: string | null;
  type: 'common' | 'etf' | 'preferred' | 'warrant' | 'unit' | 'right' | 'fund' | 'other' | null;
  isEtf: boolean;
  isTestIssue: boolean;
  isActive: boolean;
  marketCap: number | null;
  floatShares: number | null;
  sharesOutstanding: number | null;
  sector: string | null;
  industry: string | null;
  source: string;
  asOf: string;
}

export interface DailyBar {
  symbol: string;
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  adjClose: number | null;
  volume: number;
  vwap: number | null;
  trades: number | null;
  source: string;
  publishedOn: string;
}

/** the source of a CNMS row summed from facility rows (providers/finra/consolidate.ts), not reported by FINRA */
export const SOURCE_FINRA_FACILITY_SUM = 'finra-api-sum';

export interface ShortVolumeRecord {
  symbol: string;
  date: string;
  facility: Facility;
  /** includes short-exempt volume: never add the two */
  shortVolume: number;
  shortExemptVolume: number | null;
  totalVolume: number;
  markets: string | null;
  source: string;
  publishedOn: string;
}

export interface ShortInterestRecord {
  symbol: string;
  settlementDate: string;
  source: 'finra' | 'yahoo';
  shortInterest: number;
  previousShortInterest: number | null;
  avgDailyVolume: number | null;
  daysToCoverReported: number | null;
  changePercent: number | null;
  changeShares: number | null;
  shortPercentFloat: number | null;
  floatShares: number | null;
  issueName: string | null;
  marketClass: string | null;
  exchangeCode: string | null;
  revisionFlag: boolean;
  splitFlag: boolean;
  publishedOn: string;
}

export type OtcTier = 'T1' | 'T2' | 'OTC';
export const OTC_TIERS: readonly OtcTier[] = ['T1', 'T2', 'OTC'];
export interface OtcWeeklyRecord {
  symbol: string;
  weekStart: string;
  tier: OtcTier;
  summaryType: string;
  /** '' for a symbol total, else the reporting firm's MPID */
  mpid: string;
  firmName: string | null;
  issueName: string | null;
  shares: number;
  trades: number | null;
  notional: number | null;
  source: string;
  publishedOn: string;
}

export interface Trade {
  /** epoch nanoseconds as a number of ms with fraction is lossy: keep ns as bigint-safe string */
  timestampNs: string;
  price: number;
  size: number;
  conditions: number[];
  exchange: number | null;
}

export interface Quote {
  timestampNs: string;
  bid: number;
  ask: number;
}

export interface TradesDailyRecord {
  symbol: string;
  date: string;
  buyVolume: number;
  sellVolume: number;
  unclassifiedVolume: number;
  tradeCount: number;
  method: 'nbbo' | 'tick';
  source: string;
  publishedOn: string;
}

export interface SentimentPoint {
  symbol: string;
  atTime: string;
  mention: number;
  positiveMention: number;
  negativeMention: number;
  score: number;
  source: string;
}

// One whole-market snapshot from a screener (the keyless Nasdaq stock screener): every listed stock's
// last sale, day change, volume and fundamentals at the instant it was taken. It has no date of its
// own: which session's bar it is (if any) depends on when it was taken, decided in ingest/.
export type ScreenerExchange = 'nasdaq' | 'nyse' | 'amex';

export interface ScreenerRow {
  /** FINRA style, like every symbol in the store */
  symbol: string;
  name: string | null;
  /**
   * the config's exchange name (NASDAQ, NYSE, AMEX): the exchange the row was asked for; null from the
   * one all-exchange request, whose rows name no exchange (the directory gives it when merged)
   */
  exchange: string | null;
  /** null when the symbol did not trade ("NA") */
  lastSale: number | null;
  netChange: number | null;
  /** percent (67.872 for "67.872%"); null without a previous close */
  pctChange: number | null;
  volume: number;
  /** null when the screener does not know it ("" or "0.00") */
  marketCap: number | null;
  country: string | null;
  ipoYear: number | null;
  sector: string | null;
  industry: string | null;
}

export interface ScreenerSnapshot {
  /** when the first request went out (ISO-8601 UTC instant): no answer reflects an earlier moment */
  takenAt: string;
  rows: ScreenerRow[];
  /** rows per exchange as answered (`all`: the one request without an exchange), before any were skipped */
  answered: Partial<Record<ScreenerExchange | 'all', number>>;
  /** rows that did not parse, by reason: counted, never silently dropped */
  skipped: Record<string, number>;
}

/** A batch keeps going when one item fails and says so. */
export interface BatchResult<T, K = string> {
  ok: T[];
  failed: { key: K; error: string }[];
}
