// Short data as the metrics, views and pipeline read it back from the store (the stored records
// themselves are in market-data.ts). Dates are ISO `YYYY-MM-DD`; `publishedOn` is when it became known.

/** One day of FINRA short volume of one symbol (one facility, or CNMS). */
export interface ShortVolumeRow {
  date: string;
  /** includes short-exempt volume: never add the two */
  shortVolume: number;
  shortExemptVolume: number | null;
  totalVolume: number;
}

/** A FINRA short-interest report as the pipeline scores it, with its quality score when computed. */
export interface SiReport {
  settlementDate: string;
  publishedOn: string;
  shortInterest: number;
  previousShortInterest: number | null;
  quality: number | null;
}

/** The short-interest history row the /si view reads. */
export interface SiHistoryRow {
  settlementDate: string;
  publishedOn: string;
  shortInterest: number;
  previousShortInterest: number | null;
  /** the float FINRA's row carries, else the symbol's */
  floatShares: number | null;
  quality: number | null;
  revised: boolean;
}

/** An otc_weekly row as the metrics read it: otc-weekly-totals.ts decides which rows count. */
export interface OtcWeekRow {
  weekStart: string;
  tier: string;
  summaryType: string;
  shares: number;
  publishedOn: string;
}
