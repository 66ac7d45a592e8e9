// Off-exchange metrics of one symbol as of one day (../shared/seeds/003: dark-pool analysis): how
// much of its volume traded off-exchange (FINRA OTC transparency, weekly and late), the lit order
// flow of the last sessions, and an accumulation score built from observable inputs only. FINRA
// publishes OTC volume, never sides: nothing here infers OTC/ATS buying or selling. Pure; asOf is a
// parameter. Missing is null with a flag, never NaN.
//
// - otcWeek: the newest OTC week published by asOf (otc-weekly-totals.ts says which rows count and
//   how ATS and non-ATS combine: ATS + non-ATS, *_SMBL and *_SMBL_FIRM never together).
// - otcParticipation = that week's off-exchange shares / the sum of its daily bar volumes. Null when
//   a session of the week has no bar (a partial sum would inflate the rate) or the sum is 0. A proxy:
//   FINRA counts all hours, bar volume may not, so a rate above 1 is possible and flagged.
//   The venues counted are those the newest week has; earlier weeks are read over the same venues
//   (an ATS-only week is never compared with ATS + non-ATS weeks).
// - otcParticipationZ: against the previous OTC_Z_WINDOW_WEEKS (12) weeks with a rate; null with a
//   flag under OTC_Z_MIN_WEEKS (6) of them, or when they do not vary.
// - otcWowDelta: the rate minus the rate of the week just before (rate points); null without it.
// - otcFlag: 'anchored' when the newest week is the latest FINRA's calendar has published by asOf for
//   the week's tier, or one week older (a release running a few days late); 'stale' when older;
//   'none' without OTC rows.
// - lit flow: lit-flow-metrics.ts. Accumulation score and confidence: accumulation-score.ts.
// metrics is null only when there is neither OTC data nor lit trade data: price context alone says
// nothing off-exchange.
import type { MetricFlag, OffExchangeMetrics, OtcFlag } from './metric-types';
import type { OhlcvBar } from '../domain/bars';
import { meanStd, zScore } from './indicators';
import { otcWeeklyTotals, sharesOver, venuesOf, type OtcVenue, type OtcWeekTotal } from './otc-weekly-totals';
import type { OtcWeekRow } from '../domain/short-data';
import { computeLitFlow, LIT_WINDOW_SESSIONS } from './lit-flow-metrics';
import type { TradesDay } from '../domain/lit-trades';
import { accumulationScore, priceVolumeContext } from './accumulation-score';
import { latestPublishedOtcWeek } from '../market/finra-calendar';
import { addCalendarDays, calendarDaysBetween } from '../market/iso-date';
import { tradingDaysBetween } from '../market/trading-calendar';

export const OTC_Z_WINDOW_WEEKS = 12;
export const OTC_Z_MIN_WEEKS = 6;
/** The newest week may trail the latest published one by this many weeks and still be anchored. */
export const OTC_ANCHOR_TOLERANCE_WEEKS = 1;

export interface OffExchangeInput {
  asOf: string;
  /** symbol-total rows as stored (several weeks, tiers and summary types), published by asOf */
  otcWeeks: readonly OtcWeekRow[];
  /** daily bars up to asOf, oldest first: the denominator of each OTC week */
  bars: readonly OhlcvBar[];
  /** classified lit buy/sell volume per day */
  trades: readonly TradesDay[];
}

export interface OffExchangeResult {
  metrics: OffExchangeMetrics | null;
  flags: MetricFlag[];
}

interface OtcSide {
  otcWeek: string | null;
  otcParticipation: number | null;
  otcParticipationZ: number | null;
  otcWowDelta: number | null;
  otcFlag: OtcFlag;
}

export function computeOffExchangeMetrics(input: OffExchangeInput): OffExchangeResult {
  const { asOf } = input;
  const flags: MetricFlag[] = [];
  const totals = otcWeeklyTotals(input.otcWeeks ?? [], asOf);
  flags.push(...totals.flags);
  const otc = otcSide(totals.weeks, input.bars ?? [], asOf, flags);

  const lit = computeLitFlow(input.trades ?? [], asOf);
  flags.push(...lit.flags);
  if (totals.weeks.length === 0 && lit.flow.daysUsed === 0) return { metrics: null, flags };

  const priceVolume = priceVolumeContext(input.bars ?? [], asOf, lit.flow.from);
  if (priceVolume === null) {
    flags.push({
      code: 'price_context_missing',
      message: `fewer than ${LIT_WINDOW_SESSIONS + 1} usable bars up to ${asOf} (or none since ${lit.flow.from}): no price/volume context`,
    });
  }
  const acc = accumulationScore({
    litImbalance: lit.flow.litImbalance,
    litMethod: lit.flow.litMethod,
    litCoverage: lit.flow.daysUsed / LIT_WINDOW_SESSIONS,
    priceVolume,
    otcParticipationZ: otc.otcParticipationZ,
    otcFlag: otc.otcFlag,
  });
  if (acc.score === null) {
    flags.push({
      code: 'accumulation_no_direction',
      message: 'no lit flow and no price/volume context: no accumulation score (OTC volume has no direction)',
    });
  }

  return {
    metrics: {
      ...otc,
      litImbalance: lit.flow.litImbalance,
      litLogRatio: lit.flow.litLogRatio,
      litMethod: lit.flow.litMethod,
      accumulationScore: acc.score,
      accumulationConfidence: acc.confidence,
    },
    flags,
  };
}

function otcSide(
  weeks: readonly OtcWeekTotal[],
  bars: readonly OhlcvBar[],
  asOf: string,
  flags: MetricFlag[],
): OtcSide {
  const none: OtcSide = {
    otcWeek: null,
    otcParticipation: null,
    otcParticipationZ: null,
    otcWowDelta: null,
    otcFlag: 'none',
  };
  const newest = weeks[weeks.length - 1];
  if (!newest) {
    flags.push({ code: 'no_otc_data', message: `no OTC weekly figures published by ${asOf}` });
    return none;
  }
  const out: OtcSide = { ...none, otcWeek: newest.weekStart };

  const venues = venuesOf(newest);
  if (venues.length < 2) {
    const has = venues[0] === 'ats' ? 'ATS' : 'non-ATS';
    flags.push({
      code: 'otc_partial_venues',
      message: `OTC week ${newest.weekStart} has ${has} figures only: participation counts ${has} volume, earlier weeks read the same way`,
    });
  }
  if (newest.fromFirmRows) {
    flags.push({
      code: 'otc_from_firm_rows',
      message: `OTC week ${newest.weekStart} summed from per-firm rows (no symbol total held)`,
    });
  }

  const latest = latestPublishedOtcWeek(asOf, newest.tier);
  const behind = Math.round(calendarDaysBetween(newest.weekStart, latest) / 7);
  out.otcFlag = behind <= OTC_ANCHOR_TOLERANCE_WEEKS ? 'anchored' : 'stale';
  if (out.otcFlag === 'stale') {
    flags.push({
      code: 'otc_stale',
      message: `newest OTC week ${newest.weekStart} is ${behind} weeks older than the latest ${newest.tier} week FINRA has published by ${asOf} (${latest})`,
    });
  }

  const volumes = dailyVolumes(bars, asOf);
  const current = participation(newest, venues, volumes);
  if (current.rate === null) {
    flags.push({
      code: 'otc_participation_missing',
      message: `no OTC participation for the week of ${newest.weekStart}: ${current.why}`,
    });
    return out;
  }
  out.otcParticipation = current.rate;
  if (current.rate > 1) {
    flags.push({
      code: 'otc_participation_above_one',
      message: `OTC shares exceed bar volume in the week of ${newest.weekStart} (${current.rate.toFixed(2)}×): FINRA counts all hours, the bars may not`,
    });
  }

  const history: number[] = [];
  for (let i = weeks.length - 2; i >= 0 && history.length < OTC_Z_WINDOW_WEEKS; i--) {
    const r = participation(weeks[i]!, venues, volumes).rate;
    if (r !== null) history.push(r);
  }
  if (history.length < OTC_Z_MIN_WEEKS) {
    flags.push({
      code: 'otc_thin_history',
      message: `${history.length} earlier week(s) with an OTC participation rate: the z-score needs ${OTC_Z_MIN_WEEKS}`,
    });
  } else {
    out.otcParticipationZ = zScore(current.rate, meanStd(history));
    if (out.otcParticipationZ === null) {
      flags.push({
        code: 'otc_participation_flat',
        message: `OTC participation did not vary over ${history.length} weeks: no z-score`,
      });
    }
  }

  const previousWeek = addCalendarDays(newest.weekStart, -7);
  const previous = weeks.find((w) => w.weekStart === previousWeek);
  const prevRate = previous ? participation(previous, venues, volumes).rate : null;
  if (prevRate === null)
    flags.push({
      code: 'otc_no_previous_week',
      message: `no OTC participation for the week of ${previousWeek}: no week-over-week change`,
    });
  else out.otcWowDelta = current.rate - prevRate;
  return out;
}

/** Volume by date of the bars up to asOf; a bar with an unusable volume is left out (a hole). */
function dailyVolumes(bars: readonly OhlcvBar[], asOf: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of bars) {
    if (b.date > asOf) continue;
    if (Number.isFinite(b.volume) && b.volume >= 0) out.set(b.date, b.volume);
    else out.delete(b.date);
  }
  return out;
}

function participation(
  week: OtcWeekTotal,
  venues: readonly OtcVenue[],
  volumes: Map<string, number>,
): { rate: number | null; why: string } {
  const shares = sharesOver(week, venues);
  if (shares === null) return { rate: null, why: 'not every venue has a figure' };
  const sessions = tradingDaysBetween(week.weekStart, addCalendarDays(week.weekStart, 4));
  if (sessions.length === 0) return { rate: null, why: 'no trading sessions that week' };
  const missing = sessions.filter((d) => !volumes.has(d));
  if (missing.length > 0) return { rate: null, why: `bars missing for ${missing.join(', ')}` };
  let total = 0;
  for (const d of sessions) total += volumes.get(d)!;
  if (!(total > 0) || !Number.isFinite(total)) return { rate: null, why: 'the bar volume of the week is 0' };
  const rate = shares / total;
  return Number.isFinite(rate) ? { rate, why: '' } : { rate: null, why: 'the rate is not a finite number' };
}
