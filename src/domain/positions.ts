// The /buy and /sell ledger's record: positions are folded from these (src/portfolio/position-ledger.ts).

/** A buy's thesis metrics as of its day (src/portfolio/thesis-metrics.ts), so a dip check compares now with then. */
export type ThesisMetrics = Record<string, number | null>;

export interface PositionTrade {
  id: number;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  tradeDate: string;
  thesis: string | null;
  thesisMetrics: ThesisMetrics | null;
}
