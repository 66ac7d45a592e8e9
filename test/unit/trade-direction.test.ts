import { describe, expect, it } from 'vitest';
import { classifyTrades } from '../../src/signals/trade-direction';
import type { Quote, Trade } from '../../src/domain/market-data';

const t = (ns: number, price: number, size: number): Trade => ({
  timestampNs: String(ns),
  price,
  size,
  conditions: [],
  exchange: 4,
});
const q = (ns: number, bid: number, ask: number): Quote => ({ timestampNs: String(ns), bid, ask });

describe('lit trade direction', () => {
  it('uses the tick rule without quotes: upticks buy, downticks sell, zero ticks keep the last sign', () => {
    const r = classifyTrades([t(1, 10, 100), t(2, 10.1, 200), t(3, 10.1, 50), t(4, 10.05, 300), t(5, 10.05, 10)]);
    expect(r).toEqual({ method: 'tick', tradeCount: 5, unclassifiedVolume: 100, buyVolume: 250, sellVolume: 310 });
  });

  it('sorts by timestamp before applying the tick rule (nanosecond strings of different lengths)', () => {
    const r = classifyTrades([t(1_000_000_000_000, 11, 5), t(999_999_999_999, 10, 7)]);
    expect(r.buyVolume).toBe(5);
    expect(r.unclassifiedVolume).toBe(7);
  });

  it('uses the prevailing NBBO when quotes exist: above the midpoint buys, below sells, at it unclassified', () => {
    const quotes = [q(1, 9.9, 10.1), q(10, 10.0, 10.2)];
    const r = classifyTrades(
      [t(5, 10.05, 100), t(6, 9.95, 40), t(7, 10.0, 3), t(11, 10.05, 60), t(12, 10.15, 1)],
      quotes,
    );
    expect(r).toEqual({ method: 'nbbo', tradeCount: 5, buyVolume: 101, sellVolume: 100, unclassifiedVolume: 3 });
  });

  it('leaves trades before the first quote or under a crossed quote unclassified', () => {
    const r = classifyTrades([t(1, 10, 100), t(3, 10.5, 7)], [q(2, 10.4, 10.2)]);
    expect(r.unclassifiedVolume).toBe(107);
  });
});
