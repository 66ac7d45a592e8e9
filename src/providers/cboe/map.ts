import type { OptionsSnapshot } from '../../domain/short-supply';
import { addCalendarDays } from '../../market/iso-date';
import { parseOccSymbol } from './occ-symbol';
import type { CboeChain } from './schemas';

// A Cboe chain → the day's summary the metrics read. "Near the money" = calls struck within ±10% of the
// underlying's price, expiring within 30 calendar days of the chain's date: the open interest whose hedging
// moves the stock most on a run (gamma). The date is the underlying's last trade (ET wall time), so a
// chain fetched on Saturday is Friday's.

export const NEAR_MONEY_BAND = 0.1;
export const NEAR_MONEY_DAYS = 30;
export const CBOE_SOURCE = 'cboe-delayed';

export class ChainShapeError extends Error {}

export function chainDate(chain: CboeChain): string {
  return chain.data.last_trade_time.slice(0, 10);
}

export function mapChain(chain: CboeChain, takenAt: string): OptionsSnapshot {
  const date = chainDate(chain);
  const price = chain.data.current_price ?? chain.data.close ?? null;
  const until = addCalendarDays(date, NEAR_MONEY_DAYS);
  let callVolume = 0;
  let putVolume = 0;
  let callOi = 0;
  let putOi = 0;
  let nearOi = 0;
  for (const o of chain.data.options) {
    const occ = parseOccSymbol(o.option);
    if (!occ) throw new ChainShapeError(`option ${JSON.stringify(o.option)} is not an OCC symbol`);
    if (occ.right === 'C') {
      callVolume += o.volume;
      callOi += o.open_interest;
      const near = price !== null && price > 0 && Math.abs(occ.strike - price) <= NEAR_MONEY_BAND * price;
      if (near && occ.expiry >= date && occ.expiry <= until) nearOi += o.open_interest;
    } else {
      putVolume += o.volume;
      putOi += o.open_interest;
    }
  }
  return {
    symbol: chain.data.symbol.replace(/^_/, '').toUpperCase(),
    date,
    takenAt,
    underlyingPrice: price,
    callVolume,
    putVolume,
    callOpenInterest: callOi,
    putOpenInterest: putOi,
    nearMoneyCallOpenInterest: price !== null && price > 0 ? nearOi : null,
    iv30: chain.data.iv30 === null || chain.data.iv30 === undefined ? null : chain.data.iv30 / 100,
    contracts: chain.data.options.length,
    source: CBOE_SOURCE,
    // ~15-minute delayed quotes of that session: known by its end
    publishedOn: date,
  };
}
