import { fmtPrice } from '../present/format';
import type { Level } from '../signals/support-resistance';

// The one place that turns a price, an ATR and the support/resistance levels into a stop, targets and
// an entry range for the buy-the-dip advice (issue 13, "advice that cannot harm"). Every figure it
// returns obeys the invariants the trader relies on:
//   - a stop is strictly below the price and strictly above zero, or there is none (with the reason);
//   - supports are used only below the price and resistances only above it, whatever the caller passed
//     (an intraday quote can sit on the other side of a level drawn from the closes);
//   - an ATR that is missing, zero, negative or not finite counts as no ATR.
// Stop: the nearest support − stop_atr × ATR when that stays above zero ('support'); otherwise (no
// support, or a support so low that one ATR under it is below zero) the price − stop_atr × ATR when
// that stays above zero ('atr'); otherwise none.

export type StopBasis = 'support' | 'atr';

export interface LevelSettings {
  stop_atr: number;
  near_support_atr: number;
}

export interface DipLevels {
  /** the usable ATR (finite, > 0), or null */
  atr: number | null;
  /** below the price, nearest first */
  supports: number[];
  /** above the price, nearest first */
  resistances: number[];
  /** the nearest support below the price */
  support: number | null;
  /** the nearest resistance above the price */
  resistance: number | null;
  stop: number | null;
  stopBasis: StopBasis | null;
  /** how the stop was formed, or why there is none: "support $9.70 − 1 ATR $1.17" */
  stopNote: string;
  /** (take-profit 1 − price) / (price − stop); null without a stop or a resistance */
  riskReward: number | null;
  /** the nearest resistance, and the one after it */
  takeProfit1: number | null;
  takeProfit2: number | null;
  /** where adding counts as "near support": support .. support + near_support_atr × ATR */
  entryRange: { low: number; high: number } | null;
  /** the price within near_support_atr ATRs above a support that formed the stop */
  nearSupport: boolean;
}

const usable = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** A stop the advice may show: a finite number strictly between zero and the price. */
export function isValidStop(stop: number | null, price: number): stop is number {
  return usable(stop) && usable(price) && stop < price;
}

export function dipLevels(
  price: number,
  atrIn: number | null,
  supportsIn: readonly Pick<Level, 'price'>[],
  resistancesIn: readonly Pick<Level, 'price'>[],
  s: LevelSettings,
): DipLevels {
  const atr = usable(atrIn) ? atrIn : null;
  const priceOk = usable(price);
  const supports = priceOk
    ? supportsIn
        .map((l) => l.price)
        .filter((x) => usable(x) && x < price)
        .sort((a, b) => b - a)
    : [];
  const resistances = priceOk
    ? resistancesIn
        .map((l) => l.price)
        .filter((x) => Number.isFinite(x) && x > price)
        .sort((a, b) => a - b)
    : [];
  const support = supports[0] ?? null;
  const resistance = resistances[0] ?? null;
  const k = s.stop_atr;
  const near = s.near_support_atr;
  const kAtr = `${k === 1 ? '' : `${k} × `}ATR ${atr === null ? '—' : fmtPrice(atr)}`;

  let stop: number | null = null;
  let stopBasis: StopBasis | null = null;
  let stopNote: string;
  if (!priceOk) stopNote = 'no valid stop: no price';
  else if (atr === null) stopNote = 'no valid stop: no ATR (too few bars, or no range)';
  else if (support !== null && isValidStop(support - k * atr, price)) {
    stop = support - k * atr;
    stopBasis = 'support';
    stopNote = `support ${fmtPrice(support)} − ${kAtr}`;
  } else if (isValidStop(price - k * atr, price)) {
    stop = price - k * atr;
    stopBasis = 'atr';
    stopNote =
      support === null
        ? `price − ${kAtr}; no support below`
        : `price − ${kAtr}; support ${fmtPrice(support)} − ATR < 0`;
  } else stopNote = `no valid stop: price − ${kAtr} is under zero`;

  const risk = stop !== null ? price - stop : null;
  const riskReward = resistance !== null && risk !== null && risk > 0 ? (resistance - price) / risk : null;
  const nearSupport = stopBasis === 'support' && support !== null && atr !== null && price - support <= near * atr;
  return {
    atr,
    supports,
    resistances,
    support,
    resistance,
    stop,
    stopBasis,
    stopNote,
    riskReward,
    takeProfit1: resistance,
    takeProfit2: resistances[1] ?? null,
    entryRange:
      stopBasis === 'support' && support !== null && atr !== null
        ? { low: support, high: Math.min(price, support + near * atr) }
        : null,
    nearSupport,
  };
}
