import type { OptionsSnapshot } from '../domain/short-supply';
import type { OptionsMetrics } from './metric-types';

// The options side of a squeeze from the newest chain summary: how much call buying there is against puts,
// and how much near-the-money call open interest dealers may have to hedge against what the stock trades
// (gamma pressure). Pure.

/** Shares per listed equity option contract. */
export const CONTRACT_SHARES = 100;

export function computeOptionsMetrics(snapshot: OptionsSnapshot, adv20: number | null): OptionsMetrics {
  const near = snapshot.nearMoneyCallOpenInterest;
  return {
    date: snapshot.date,
    callVolume: snapshot.callVolume,
    putVolume: snapshot.putVolume,
    callPutRatio: snapshot.putVolume > 0 ? snapshot.callVolume / snapshot.putVolume : null,
    optionsVolume: snapshot.callVolume + snapshot.putVolume,
    callOpenInterest: snapshot.callOpenInterest,
    putOpenInterest: snapshot.putOpenInterest,
    nearMoneyCallOiToAdv: near !== null && adv20 !== null && adv20 > 0 ? (near * CONTRACT_SHARES) / adv20 : null,
    iv30: snapshot.iv30,
  };
}
