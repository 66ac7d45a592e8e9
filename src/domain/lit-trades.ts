// Lit trades as the metrics read them back: one row of trades_daily.

/** One day of classified lit volume of one symbol. */
export interface TradesDay {
  date: string;
  buyVolume: number;
  sellVolume: number;
  method: 'nbbo' | 'tick';
}
