// Records of the supply side of a squeeze (issue 12), as providers map them and repos store them
// (db/schema/short-supply.ts). `publishedOn` is the market date a figure became known (point in time).

/** One symbol's line of an IBKR stock-loan file snapshot. */
export interface BorrowSnapshot {
  symbol: string;
  /** when the file says it was generated, ISO-8601 UTC instant */
  takenAt: string;
  /** annual %, null where the file says NA */
  feeRate: number | null;
  rebateRate: number | null;
  /** shares available; `>10000000` is stored as 10000000 with availableCapped */
  available: number | null;
  availableCapped: boolean;
  source: string;
  publishedOn: string;
}

/** One line of an SEC fails-to-deliver file. */
export interface FailsRow {
  symbol: string;
  settlementDate: string;
  cusip: string;
  /** outstanding balance of fails that day, shares */
  quantity: number;
  /** the previous trading day's close as printed; null for the file's lone `.` */
  price: number | null;
  description: string | null;
  /** e.g. cnsfails202101b */
  file: string;
  source: string;
  publishedOn: string;
}

export type ThresholdMarket = 'nasdaq' | 'nyse' | 'cboe';

/** One symbol on one market's Reg SHO threshold list for one trade date. */
export interface ThresholdRow {
  symbol: string;
  date: string;
  market: ThresholdMarket;
  name: string | null;
  source: string;
  publishedOn: string;
}

/** The list dates held for a symbol's window, and its rows in them (absent from a held date = off the list). */
export interface ThresholdHistory {
  /** list dates held (any market), newest first */
  dates: string[];
  rows: ThresholdRow[];
}

/** The summary of one symbol's options chain on one market date (Cboe delayed quotes). */
export interface OptionsSnapshot {
  symbol: string;
  date: string;
  takenAt: string;
  underlyingPrice: number | null;
  callVolume: number;
  putVolume: number;
  callOpenInterest: number;
  putOpenInterest: number;
  /** calls struck within ±10% of the underlying, expiring within 30 days */
  nearMoneyCallOpenInterest: number | null;
  /** fraction */
  iv30: number | null;
  contracts: number;
  source: string;
  publishedOn: string;
}
