import { fmtCount, fmtNum, fmtPct, fmtTimes } from '../present/format';
import type { FailsMetrics, MetricFlag, OptionsMetrics, ThresholdMetrics } from '../signals/metric-types';

// The fails-to-deliver, threshold-list and options figures in words, one place for the ticker card, /why and the reports,
// so they never say the same thing two ways. Pure.

const LIST_NAME: Record<string, string> = { nasdaq: "Nasdaq's", nyse: "NYSE's", cboe: "Cboe BZX's" };

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/** "on Nasdaq's Reg SHO threshold list, 7 days running" (or "at least 7" when the streak runs past what is held). */
export function thresholdText(t: ThresholdMetrics, flags: readonly MetricFlag[] = []): string {
  if (!t.onList) return `not on a Reg SHO threshold list (lists of ${t.date})`;
  const partial = flags.some((f) => f.code === 'threshold_streak_partial');
  const lists = joinAnd(t.markets.map((m) => LIST_NAME[m] ?? m));
  const days = `${partial ? 'at least ' : ''}${t.streakDays} day${t.streakDays === 1 ? '' : 's'} running`;
  return `on ${lists} Reg SHO threshold list${t.markets.length > 1 ? 's' : ''}, ${days}`;
}

/** A short cell for tables: "7 d", "≥7 d", "off" or a dash when no list is held. */
export function thresholdCell(days: number | null, partial = false): string {
  if (days === null) return '—';
  if (days === 0) return 'off';
  return `${partial ? '≥' : ''}${days} d`;
}

/** Against the 20-day volume: "9.2% of ADV20" below one day's volume, "1.6× ADV20" above. */
export function ofAdv(x: number): string {
  return x < 1 ? `${fmtPct(x)} of ADV20` : `${fmtTimes(x)} ADV20`;
}

/** The options lines of a card: volume and ratio, open interest, gamma pressure, iv30. */
export function optionsFields(o: OptionsMetrics): [string, string][] {
  return [
    [
      'Options vol.',
      `calls ${fmtCount(o.callVolume)} / puts ${fmtCount(o.putVolume)}  C/P ${o.callPutRatio === null ? '— (no puts)' : fmtNum(o.callPutRatio)}`,
    ],
    ['Open interest', `calls ${fmtCount(o.callOpenInterest)} / puts ${fmtCount(o.putOpenInterest)}`],
    [
      'Near-money OI',
      o.nearMoneyCallOiToAdv === null
        ? '— (no ADV20 or no price)'
        : `calls = ${ofAdv(o.nearMoneyCallOiToAdv)} in shares (±10%, ≤30 d)`,
    ],
    ['IV30', `${fmtPct(o.iv30)}  (chain of ${o.date})`],
  ];
}

/** One sentence for /why. */
export function optionsSentence(o: OptionsMetrics): string {
  const ratio = o.callPutRatio === null ? 'no puts traded' : `call/put ${fmtNum(o.callPutRatio)}`;
  const near =
    o.nearMoneyCallOiToAdv === null ? '' : `, near-money call open interest ${ofAdv(o.nearMoneyCallOiToAdv)}`;
  return `Options (${o.date}): ${fmtCount(o.optionsVolume)} contracts, ${ratio}${near}.`;
}

/** "1.97M shares on 2021-01-27 (3.9% of float, 9.2% of ADV20), 10 settlement days running; T+35 close-out from 03-03" */
export function failsText(f: FailsMetrics, flags: readonly MetricFlag[] = []): string {
  const partial = flags.some((x) => x.code === 'fails_persistence_partial');
  const shares = [
    f.shareOfFloat === null ? null : `${fmtPct(f.shareOfFloat)} of float`,
    f.shareOfAdv === null ? null : ofAdv(f.shareOfAdv),
  ].filter((x): x is string => x !== null);
  const days = `${partial ? 'at least ' : ''}${f.persistenceDays} settlement day${f.persistenceDays === 1 ? '' : 's'} running`;
  const closeOut = f.closeOutDates.length ? `; T+35 close-out due from ${f.closeOutDates[0]}` : '';
  return `${fmtCount(f.quantity)} shares failed on ${f.settlementDate}${shares.length ? ` (${shares.join(', ')})` : ''}, ${days}, ${f.daysWithFails20} of the last 20${closeOut}`;
}

/** One sentence for /why. */
export function failsSentence(f: FailsMetrics, flags: readonly MetricFlag[] = []): string {
  return `Fails to deliver (SEC, published ${f.publishedOn}): ${failsText(f, flags)}.`;
}

/** The card's short line: "1.97M on 2021-01-27 (3.9% of float), ≥10 d running, T+35 2021-03-03". */
export function failsCardText(f: FailsMetrics, flags: readonly MetricFlag[] = []): string {
  const partial = flags.some((x) => x.code === 'fails_persistence_partial');
  const share = f.shareOfFloat === null ? '' : ` (${fmtPct(f.shareOfFloat)} of float)`;
  const closeOut = f.closeOutDates.length ? `, T+35 ${f.closeOutDates[0]}` : '';
  return `${fmtCount(f.quantity)} on ${f.settlementDate}${share}, ${partial ? '≥' : ''}${f.persistenceDays} d running${closeOut}`;
}

/** A short cell for tables: "1.97M ×10d" (shares and persistence), a dash when none held. */
export function failsCell(quantity: number | null, days: number | null): string {
  if (quantity === null) return '—';
  return `${fmtCount(quantity)}${days ? ` ×${days}d` : ''}`;
}
