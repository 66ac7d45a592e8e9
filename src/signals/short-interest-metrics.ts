// Short-interest metrics of one symbol as of one day, point in time: a report exists for the day
// scored only from its publication date on (FINRA publishes on the 7th business day after
// settlement), so a backtest never sees a figure before the market could. Pure; asOf is a parameter.
//
// - sharesShort: the newest visible report's short position.
// - percentOfFloat: sharesShort / float, as a fraction; null with unknown_float when the float is not
//   known (imported data often lacks it) — never a guess.
// - daysToCover: days-to-cover.ts, the one definition every view reads (shares short ÷ the consolidated
//   ADV of the 20 sessions ending on the settlement date; FINRA's ADV where the bars do not cover them).
// - changePct: vs the previous report — the previousShortInterest the same publication carries
//   (FINRA revises it, and it is as old as the report itself), else the previous visible report.
// - ageDays: calendar days from publication to asOf; si_stale past `maxAgeDays` (config
//   deep_scan.metrics.finra_max_age_days, 14).
import type { MetricFlag, ShortInterestMetrics } from './metric-types';
import { daysToCoverOf } from './days-to-cover';
import { calendarDaysBetween } from '../market/iso-date';
import { shortInterestPublicationDate } from '../market/finra-calendar';

export interface ShortInterestReport {
  settlementDate: string;
  /** the day the figure became public; empty → FINRA's calendar date for the settlement */
  publishedOn: string;
  shortInterest: number;
  previousShortInterest: number | null;
  /** FINRA's average daily volume of the settlement period: days to cover's fallback */
  avgDailyVolume?: number | null;
}

export interface ShortInterestMetricsInput {
  asOf: string;
  floatShares: number | null;
  /** consolidated daily volume by date (the bars), for days to cover at the settlement */
  volumes: ReadonlyMap<string, number>;
  /** the stored quality score 0..1 of the report used, when there is one */
  quality: number | null;
  /** ageDays above this flags si_stale; 14 */
  maxAgeDays?: number;
}

export interface ShortInterestMetricsResult {
  metrics: ShortInterestMetrics | null;
  flags: MetricFlag[];
}

export const DEFAULT_SI_MAX_AGE_DAYS = 14;

/** Shares short as a fraction of the float; null when the float is not known (never a guess). */
export function percentOfFloatOf(sharesShort: number, floatShares: number | null | undefined): number | null {
  return floatShares != null && Number.isFinite(floatShares) && floatShares > 0 ? sharesShort / floatShares : null;
}

const published = (r: ShortInterestReport): string => r.publishedOn || shortInterestPublicationDate(r.settlementDate);
const usable = (x: number | null | undefined): x is number => x != null && Number.isFinite(x) && x >= 0;

/**
 * The newest settlement (before `before`, when given) among reports published by asOf; for a
 * re-published (revised) settlement, the latest publication visible by asOf. Input order does not matter.
 */
function newestVisible(
  reports: readonly ShortInterestReport[],
  asOf: string,
  before?: string,
): ShortInterestReport | null {
  let best: ShortInterestReport | null = null;
  for (const r of reports) {
    if (!usable(r.shortInterest) || published(r) > asOf || (before !== undefined && r.settlementDate >= before))
      continue;
    if (
      !best ||
      r.settlementDate > best.settlementDate ||
      (r.settlementDate === best.settlementDate && published(r) >= published(best))
    )
      best = r;
  }
  return best;
}

export function computeShortInterestMetrics(
  reports: readonly ShortInterestReport[],
  input: ShortInterestMetricsInput,
): ShortInterestMetricsResult {
  const { asOf } = input;
  const maxAge = input.maxAgeDays ?? DEFAULT_SI_MAX_AGE_DAYS;
  const flags: MetricFlag[] = [];

  const current = newestVisible(reports, asOf);
  const previous = current ? newestVisible(reports, asOf, current.settlementDate) : null;

  if (!current) {
    const unpublished = reports.filter((r) => usable(r.shortInterest) && published(r) > asOf).length;
    const why =
      unpublished > 0 ? `${unpublished} report(s) exist but none was published by ${asOf}` : 'no short-interest report';
    flags.push({ code: 'no_short_interest', message: why });
    return { metrics: null, flags };
  }

  const sharesShort = current.shortInterest;
  const publishedOn = published(current);
  const ageDays = calendarDaysBetween(publishedOn, asOf);
  if (ageDays > maxAge) {
    flags.push({
      code: 'si_stale',
      message: `short interest settled ${current.settlementDate}, published ${publishedOn}: ${ageDays} days old (limit ${maxAge})`,
    });
  }

  const percentOfFloat = percentOfFloatOf(sharesShort, input.floatShares);
  if (percentOfFloat !== null) {
    if (percentOfFloat > 1)
      flags.push({
        code: 'si_above_float',
        message: `short interest is ${(percentOfFloat * 100).toFixed(0)}% of the float`,
      });
  } else {
    flags.push({ code: 'unknown_float', message: 'float unknown: no short % of float' });
  }

  const dtcOf = daysToCoverOf(current, input.volumes);
  const dtc = dtcOf?.value ?? null;
  if (dtcOf === null)
    flags.push({
      code: 'no_adv',
      message: `no consolidated volume for the 20 sessions to the ${current.settlementDate} settlement: no days to cover`,
    });
  else if (dtcOf.basis === 'finra_adv')
    flags.push({
      code: 'dtc_finra_adv',
      message: `days to cover on FINRA's average daily volume of the ${current.settlementDate} settlement period (consolidated volume not held)`,
    });

  const prior = usable(current.previousShortInterest)
    ? current.previousShortInterest
    : (previous?.shortInterest ?? null);
  const changePct = prior !== null && prior > 0 ? sharesShort / prior - 1 : null;

  return {
    metrics: {
      settlementDate: current.settlementDate,
      publishedOn,
      sharesShort,
      percentOfFloat,
      daysToCover: dtc,
      changePct,
      ageDays,
      quality: input.quality != null && Number.isFinite(input.quality) ? input.quality : null,
    },
    flags,
  };
}
