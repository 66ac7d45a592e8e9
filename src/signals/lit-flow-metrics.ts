// Lit order-flow direction of one symbol over the last few sessions, from the daily aggregates of
// classified lit trades (trade-direction.ts: NBBO rule with quotes, tick rule without). Only lit
// prints are classified; nothing here says anything about OTC/ATS direction. Pure; asOf is a parameter.
//
// - Window: the LIT_WINDOW_SESSIONS (5) trading sessions ending on asOf (the last session on or
//   before it on a weekend or holiday). Buy and sell volume are summed over the days held in the
//   window, so a heavy day weighs more than a quiet one; fewer days than sessions is flagged.
// - litImbalance = (buy − sell) / (buy + sell), in [−1, 1]; null when nothing was classified.
// - litLogRatio = ln(buy / sell), clamped to ±LIT_LOG_RATIO_CAP = ±ln(100): one side at 0 (or a
//   ratio past 100:1, which only thin data produce) reads as the cap, flagged lit_one_sided, rather
//   than ±Infinity. Null when both sides are 0.
// - litMethod: 'nbbo' only when every day used was classified with the NBBO rule; any tick-rule day
//   makes it 'tick' (the tick rule is the weaker classifier) and a flag names those days.
import type { TradesDay } from '../domain/lit-trades';
import type { MetricFlag } from './metric-types';
import { addTradingDays, lastTradingDayOnOrBefore } from '../market/trading-calendar';

export const LIT_WINDOW_SESSIONS = 5;
export const LIT_LOG_RATIO_CAP = Math.log(100);

export interface LitFlow {
  litImbalance: number | null;
  litLogRatio: number | null;
  litMethod: 'nbbo' | 'tick' | null;
  /** days with usable trade aggregates in the window */
  daysUsed: number;
  /** first and last session of the window */
  from: string;
  to: string;
}

export function computeLitFlow(
  trades: readonly TradesDay[],
  asOf: string,
  sessions = LIT_WINDOW_SESSIONS,
): { flow: LitFlow; flags: MetricFlag[] } {
  const flags: MetricFlag[] = [];
  const to = lastTradingDayOnOrBefore(asOf);
  const from = addTradingDays(to, -(sessions - 1));

  // one aggregate per day, the later duplicate wins (a re-run of the trades collector)
  const byDay = new Map<string, TradesDay>();
  let invalid = 0;
  let newestOutside: string | null = null;
  for (const day of trades) {
    if (day.date > asOf) continue;
    if (day.date < from) {
      if (newestOutside === null || day.date > newestOutside) newestOutside = day.date;
      continue;
    }
    if (!(
      Number.isFinite(day.buyVolume) &&
      day.buyVolume >= 0 &&
      Number.isFinite(day.sellVolume) &&
      day.sellVolume >= 0
    )) {
      invalid++;
      continue;
    }
    byDay.set(day.date, day);
  }
  if (invalid > 0)
    flags.push({
      code: 'lit_invalid_rows',
      message: `${invalid} lit trade day(s) with a missing or negative buy/sell volume were ignored`,
    });

  const flow: LitFlow = { litImbalance: null, litLogRatio: null, litMethod: null, daysUsed: byDay.size, from, to };
  if (byDay.size === 0) {
    const older = newestOutside ? `; the newest is ${newestOutside}` : '';
    flags.push({
      code: 'no_lit_trades',
      message: `no lit trade data in the ${sessions} sessions ${from} to ${to}${older}`,
    });
    return { flow, flags };
  }
  if (byDay.size < sessions) {
    flags.push({
      code: 'lit_partial_window',
      message: `lit trade data for ${byDay.size} of the ${sessions} sessions ${from} to ${to}`,
    });
  }

  let buy = 0;
  let sell = 0;
  const tickDays: string[] = [];
  for (const [date, day] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    buy += day.buyVolume;
    sell += day.sellVolume;
    if (day.method !== 'nbbo') tickDays.push(date);
  }
  flow.litMethod = tickDays.length === 0 ? 'nbbo' : 'tick';
  if (tickDays.length > 0) {
    flags.push({
      code: 'lit_tick_rule',
      message: `lit direction from the tick rule (no quotes) on ${tickDays.length} of ${byDay.size} day(s): ${tickDays.join(', ')}; less reliable than NBBO`,
    });
  }

  const classified = buy + sell;
  if (!(classified > 0) || !Number.isFinite(classified)) {
    flags.push({
      code: 'lit_no_classified_volume',
      message: `no classified lit volume between ${from} and ${to}: no imbalance`,
    });
    return { flow, flags };
  }
  flow.litImbalance = Math.max(-1, Math.min(1, (buy - sell) / classified));
  const cap = LIT_LOG_RATIO_CAP;
  if (buy === 0 || sell === 0) {
    flow.litLogRatio = buy === 0 ? -cap : cap;
    flags.push({
      code: 'lit_one_sided',
      message: `all classified lit volume was ${buy === 0 ? 'sell' : 'buy'}-initiated: ln(buy/sell) capped at ${buy === 0 ? '-' : ''}ln(100)`,
    });
  } else {
    // ln(buy) − ln(sell) stays finite where buy / sell could overflow
    flow.litLogRatio = Math.max(-cap, Math.min(cap, Math.log(buy) - Math.log(sell)));
  }
  return { flow, flags };
}
