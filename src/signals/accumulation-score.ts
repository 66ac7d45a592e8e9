// Accumulation score: one 0..100 reading of "is this being bought or sold" from observable inputs
// only. OTC/ATS direction is not observable (FINRA publishes volume, not sides), so the off-exchange
// figure never sets a direction here: it only scales a direction seen on lit prints and in prices.
//
// Inputs (each optional):
// - L  = lit flow imbalance, (buy − sell) / (buy + sell) of classified lit volume, −1..1
// - PV = price/volume context over the last PRICE_VOLUME_SESSIONS bars: (volume on up-closes −
//        volume on down-closes) / volume of those bars, −1..1 (an on-balance-volume read, bounded)
// - Z  = z-score of the newest OTC participation rate against the symbol's previous weeks
// Formula:
//   direction d = (2·L + 1·PV) / (weights of those present)     (lit flow counts double: it is the
//                                                                 closest observable to who initiated)
//   amplifier a = 1 + 0.5·clamp(Z / 2, −1, 1)                   (1 without Z; 0.5..1.5: off-exchange
//                                                                 activity above its norm strengthens the
//                                                                 lit/price read, below it weakens it)
//   score = 50 + 50·clamp(d·a, −1, 1)                           (50 = neutral, 100 = strong accumulation)
// No L and no PV: no direction, so no score (Z alone has no sign to give).
// Confidence = Σ weight·quality over the inputs present: lit 0.5 (×0.75 when any day used the tick
// rule, × days held / window), price/volume 0.2, OTC z 0.3 (×0.5 when the OTC week is stale).
import type { OhlcvBar } from '../domain/bars';
import type { OtcFlag } from './metric-types';

export const PRICE_VOLUME_SESSIONS = 5;

const W_LIT = 2;
const W_PV = 1;
const CONF_LIT = 0.5;
const CONF_PV = 0.2;
const CONF_OTC = 0.3;

export interface AccumulationInputs {
  litImbalance: number | null;
  litMethod: 'nbbo' | 'tick' | null;
  /** share of the lit window's sessions with data, 0..1 */
  litCoverage: number;
  priceVolume: number | null;
  otcParticipationZ: number | null;
  otcFlag: OtcFlag;
}

export function accumulationScore(i: AccumulationInputs): { score: number | null; confidence: number | null } {
  const lit = finite(i.litImbalance);
  const pv = finite(i.priceVolume);
  const z = finite(i.otcParticipationZ);
  let wSum = 0;
  let dSum = 0;
  if (lit !== null) {
    wSum += W_LIT;
    dSum += W_LIT * clamp(lit, -1, 1);
  }
  if (pv !== null) {
    wSum += W_PV;
    dSum += W_PV * clamp(pv, -1, 1);
  }
  if (wSum === 0) return { score: null, confidence: null };
  const direction = dSum / wSum;
  const amplifier = z === null ? 1 : 1 + 0.5 * clamp(z / 2, -1, 1);
  const score = 50 + 50 * clamp(direction * amplifier, -1, 1);

  let confidence = 0;
  if (lit !== null)
    confidence += CONF_LIT * (i.litMethod === 'nbbo' ? 1 : 0.75) * clamp(finite(i.litCoverage) ?? 0, 0, 1);
  if (pv !== null) confidence += CONF_PV;
  if (z !== null) confidence += CONF_OTC * (i.otcFlag === 'anchored' ? 1 : 0.5);
  return { score, confidence: clamp(confidence, 0, 1) };
}

/**
 * (volume on up-closes − volume on down-closes) / volume, over the last `sessions` bars on or before
 * asOf (each compared with the bar before it, so sessions + 1 usable bars are needed). Null when the
 * bars are too few, do not reach into the window [windowStart, asOf], or carry no volume.
 */
export function priceVolumeContext(
  bars: readonly OhlcvBar[],
  asOf: string,
  windowStart: string,
  sessions = PRICE_VOLUME_SESSIONS,
): number | null {
  const usable: OhlcvBar[] = [];
  for (const b of bars) {
    if (b.date > asOf || !(Number.isFinite(b.close) && b.close > 0 && Number.isFinite(b.volume) && b.volume >= 0))
      continue;
    const prev = usable[usable.length - 1];
    if (prev && prev.date === b.date) usable[usable.length - 1] = b;
    else if (!prev || prev.date < b.date) usable.push(b);
    else
      return priceVolumeContext(
        [...bars].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)),
        asOf,
        windowStart,
        sessions,
      );
  }
  const n = usable.length;
  if (n < sessions + 1 || usable[n - 1]!.date < windowStart) return null;
  let up = 0;
  let down = 0;
  let total = 0;
  for (let k = n - sessions; k < n; k++) {
    const b = usable[k]!;
    const prevClose = usable[k - 1]!.close;
    total += b.volume;
    if (b.close > prevClose) up += b.volume;
    else if (b.close < prevClose) down += b.volume;
  }
  if (!(total > 0) || !Number.isFinite(total)) return null;
  return clamp((up - down) / total, -1, 1);
}

function finite(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}
