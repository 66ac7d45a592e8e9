// Daily bars in the shapes every layer reads them: one bar as the metrics and charts take it, and a
// symbol's bars as columns (the pipeline computes on whole columns, not on objects per bar).

/** One day's bar of one symbol: open, high and low may be missing (a close-only source). */
export interface OhlcvBar {
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  volume: number;
}

/** A symbol's bars as columns, oldest first; a missing open, high or low is NaN. */
export interface BarSeries {
  dates: string[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

/** BarSeries as the whole-market read returns it: typed columns sized once, no per-bar growth. */
export interface BarColumnSeries {
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}
