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
  /** FINRA's average daily (consolidated) volume over the settlement period, when the source carries it */
  avgDailyVolume: number | null;
  quality: number | null;
}

/** The short-interest history row the /si view reads. */
export interface SiHistoryRow {
  settlementDate: string;
  publishedOn: string;
  shortInterest: number;
  previousShortInterest: number | null;
  /** FINRA's average daily volume of the settlement period (days to cover's fallback) */
  avgDailyVolume: number | null;
  /** the symbol's float (the one the score divides by), else the one the short-interest row states */
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

/** How far one FINRA short-interest figure can be trusted, each part 0..1. */
export interface ShortInterestQuality {
  /** share of the fields a score needs that are present: short interest, ADV, previous figure, float */
  completeness: number;
  /** 1.0 on the publication day, falling linearly to 0 after FRESHNESS_HORIZON trading days */
  freshness: number;
  /** the record's previous figure matches our stored previous report, and the change is plausible */
  consistency: number;
  /** FINRA vs Yahoo shares short; null when there is no Yahoo figure */
  agreement: number | null;
  /** weighted mean of the parts present */
  overall: number;
  notes: string[];
}
