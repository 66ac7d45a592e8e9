import type { Quote, Trade } from '../domain/market-data';

// Lit-trade direction (../shared/seeds/003: lit flow). Only lit prints can be classified; OTC/ATS
// direction is never observable and never inferred. With quotes, the NBBO rule (above the midpoint
// = buyer-initiated, below = seller); without them, the tick rule (uptick = buy, downtick = sell,
// zero tick = the previous direction).

export interface DirectionTotals {
  buyVolume: number;
  sellVolume: number;
  unclassifiedVolume: number;
  tradeCount: number;
  method: 'nbbo' | 'tick';
}

const byTime = (a: { timestampNs: string }, b: { timestampNs: string }) =>
  a.timestampNs.length - b.timestampNs.length ||
  (a.timestampNs < b.timestampNs ? -1 : a.timestampNs > b.timestampNs ? 1 : 0);

export function classifyTrades(trades: Trade[], quotes: Quote[] = []): DirectionTotals {
  const sorted = [...trades].sort(byTime);
  return quotes.length > 0 ? nbbo(sorted, [...quotes].sort(byTime)) : tick(sorted);
}

function tick(trades: Trade[]): DirectionTotals {
  const t: DirectionTotals = {
    buyVolume: 0,
    sellVolume: 0,
    unclassifiedVolume: 0,
    tradeCount: trades.length,
    method: 'tick',
  };
  let lastPrice: number | null = null;
  let lastSign = 0;
  for (const trade of trades) {
    if (lastPrice !== null && trade.price !== lastPrice) lastSign = trade.price > lastPrice ? 1 : -1;
    if (lastSign > 0) t.buyVolume += trade.size;
    else if (lastSign < 0) t.sellVolume += trade.size;
    else t.unclassifiedVolume += trade.size;
    lastPrice = trade.price;
  }
  return t;
}

function nbbo(trades: Trade[], quotes: Quote[]): DirectionTotals {
  const t: DirectionTotals = {
    buyVolume: 0,
    sellVolume: 0,
    unclassifiedVolume: 0,
    tradeCount: trades.length,
    method: 'nbbo',
  };
  let q = -1;
  for (const trade of trades) {
    // the prevailing quote: the last one at or before the trade
    while (q + 1 < quotes.length && byTime(quotes[q + 1]!, trade) <= 0) q++;
    const quote = q >= 0 ? quotes[q]! : null;
    if (!quote || !(quote.ask > 0) || !(quote.bid > 0) || quote.ask < quote.bid) {
      t.unclassifiedVolume += trade.size;
      continue;
    }
    const mid = (quote.bid + quote.ask) / 2;
    if (trade.price > mid) t.buyVolume += trade.size;
    else if (trade.price < mid) t.sellVolume += trade.size;
    else t.unclassifiedVolume += trade.size;
  }
  return t;
}
