// Positions folded from a user's trade ledger, by AVERAGE COST: a buy adds shares and moves the
// average cost to the new weighted mean; a sell takes shares out at the average cost, so its
// realised P&L is (sell price − average cost) × quantity and the average cost of what is left stays
// put. When the quantity reaches zero the position closes; the next buy opens a new one (new entry
// date, new thesis metrics). Pure: the repo supplies the trades, oldest first.

import type { PositionTrade, ThesisMetrics } from '../domain/positions';

export interface Position {
  symbol: string;
  quantity: number;
  avgCost: number;
  /** the trading day of the buy that opened it */
  openedOn: string;
  /** the opening buy's thesis (a later buy with a thesis replaces it) */
  thesis: string | null;
  /** the opening buy's metrics: the "then" of every thesis check */
  entryMetrics: ThesisMetrics | null;
  /** realised P&L of sells while this position was open */
  realised: number;
}

export interface Ledger {
  open: Position[];
  /** realised P&L over every sell, closed positions included, per symbol */
  realisedBySymbol: Record<string, number>;
}

/** Quantities are compared with this slack: FINRA-style fractional shares must not leave 1e-12 open. */
const EPS = 1e-9;

export function foldTrades(trades: readonly PositionTrade[]): Ledger {
  const open = new Map<string, Position>();
  const realisedBySymbol: Record<string, number> = {};
  for (const t of trades) {
    const p = open.get(t.symbol);
    if (t.side === 'buy') {
      if (!p) {
        open.set(t.symbol, {
          symbol: t.symbol,
          quantity: t.quantity,
          avgCost: t.price,
          openedOn: t.tradeDate,
          thesis: t.thesis,
          entryMetrics: t.thesisMetrics,
          realised: 0,
        });
        continue;
      }
      const qty = p.quantity + t.quantity;
      p.avgCost = (p.avgCost * p.quantity + t.price * t.quantity) / qty;
      p.quantity = qty;
      if (t.thesis) p.thesis = t.thesis;
      continue;
    }
    if (!p) continue; // the service refuses these; an old row must not crash a fold
    const qty = Math.min(t.quantity, p.quantity);
    const pnl = (t.price - p.avgCost) * qty;
    p.realised += pnl;
    realisedBySymbol[t.symbol] = (realisedBySymbol[t.symbol] ?? 0) + pnl;
    p.quantity -= qty;
    if (p.quantity <= EPS) open.delete(t.symbol);
  }
  return { open: [...open.values()].sort((a, b) => a.symbol.localeCompare(b.symbol)), realisedBySymbol };
}

export interface Valuation {
  close: number | null;
  marketValue: number | null;
  costBasis: number;
  pnl: number | null;
  /** fraction: −0.167 is −16.7% */
  pnlPct: number | null;
}

export function valuePosition(p: Pick<Position, 'quantity' | 'avgCost'>, close: number | null): Valuation {
  const costBasis = p.quantity * p.avgCost;
  if (close === null || !Number.isFinite(close))
    return { close: null, marketValue: null, costBasis, pnl: null, pnlPct: null };
  const marketValue = p.quantity * close;
  return {
    close,
    marketValue,
    costBasis,
    pnl: marketValue - costBasis,
    pnlPct: p.avgCost > 0 ? close / p.avgCost - 1 : null,
  };
}
