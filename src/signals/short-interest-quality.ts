// How far to trust one FINRA short-interest figure: four 0–1 parts (the seed's short_interest_quality
// table) and notes a user can read. Pure: the caller passes the stored previous report, Yahoo's figure
// and the day it asks about.
import type { ShortInterestRecord } from '../domain/market-data';
import { calendarDaysBetween } from '../market/iso-date';
import { latestPublishedSettlement, shortInterestPublicationDate } from '../market/finra-calendar';
import { tradingDayDistance } from '../market/trading-calendar';
import type { ShortInterestQuality } from '../domain/short-data';
export type { ShortInterestQuality } from '../domain/short-data';

export interface ShortInterestQualityInput {
  record: ShortInterestRecord;
  /** our stored FINRA report for the settlement before `record`'s */
  previous?: ShortInterestRecord | null;
  /** Yahoo's figure for the same or the nearest settlement */
  yahoo?: ShortInterestRecord | null;
  asOf: string;
}

/** ~30 calendar days: by then two newer reports have been published. */
export const FRESHNESS_HORIZON_TRADING_DAYS = 21;
/** Short interest moving more than this factor between two reports is flagged unless a split explains it. */
export const IMPLAUSIBLE_CHANGE_FACTOR = 5;
export const QUALITY_WEIGHTS = { completeness: 0.25, freshness: 0.25, consistency: 0.3, agreement: 0.2 } as const;
/** Yahoo dates its figure by an epoch at midnight UTC; a few days' slack still means the same settlement. */
const SAME_SETTLEMENT_SLACK_DAYS = 3;

const round = (x: number): number => Math.round(x * 1000) / 1000;
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const present = (x: number | null | undefined): x is number => x != null && Number.isFinite(x);

/** Relative difference of two share counts, against the larger one (0 when both are 0). */
function relDiff(a: number, b: number): number {
  const m = Math.max(Math.abs(a), Math.abs(b));
  return m === 0 ? 0 : Math.abs(a - b) / m;
}

/** 1 up to `tolerance`, then linear down to 0 at `zeroAt`. */
function ramp(diff: number, tolerance: number, zeroAt: number): number {
  if (diff <= tolerance) return 1;
  return Math.max(0, 1 - (diff - tolerance) / (zeroAt - tolerance));
}

function sameSettlement(a: string, b: string): boolean {
  return Math.abs(calendarDaysBetween(a, b)) <= SAME_SETTLEMENT_SLACK_DAYS;
}

function scoreCompleteness(r: ShortInterestRecord, yahoo: ShortInterestRecord | null, notes: string[]): number {
  let have = 0;
  if (present(r.shortInterest) && r.shortInterest >= 0) have++;
  else notes.push('short interest figure is missing or invalid');
  if (present(r.avgDailyVolume) && r.avgDailyVolume > 0) have++;
  else notes.push('no average daily volume: days to cover cannot be computed');
  if (present(r.previousShortInterest)) have++;
  else notes.push('the report carries no previous figure');
  if (present(r.floatShares) || present(yahoo?.floatShares)) have++;
  else notes.push('no float figure: short % of float is unavailable');
  return have / 4;
}

function scoreFreshness(r: ShortInterestRecord, asOf: string, notes: string[]): number {
  const published = r.publishedOn || shortInterestPublicationDate(r.settlementDate);
  if (asOf < published) {
    notes.push(`used before its publication date (${published})`);
    return 1;
  }
  const age = tradingDayDistance(published, asOf);
  const latest = latestPublishedSettlement(asOf);
  if (latest > r.settlementDate) notes.push(`a newer report (settlement ${latest}) has been published since`);
  return Math.max(0, 1 - age / FRESHNESS_HORIZON_TRADING_DAYS);
}

function scoreConsistency(r: ShortInterestRecord, previous: ShortInterestRecord | null, notes: string[]): number {
  const checks: number[] = [];
  if (previous && present(r.previousShortInterest)) {
    const d = relDiff(r.previousShortInterest, previous.shortInterest);
    // FINRA revises figures after the fact, so a percent or two is normal; a quarter off is another report.
    checks.push(ramp(d, 0.01, 0.25));
    if (d > 0.01) notes.push(`previous figure differs from our stored report by ${pct(d)}`);
  } else if (previous) {
    notes.push('the report carries no previous figure to check against our stored report');
  }
  const prior = present(r.previousShortInterest) ? r.previousShortInterest : previous?.shortInterest;
  if (present(prior) && prior > 0 && present(r.shortInterest)) {
    const factor = r.shortInterest >= prior ? r.shortInterest / prior : prior / Math.max(r.shortInterest, 1);
    if (factor > IMPLAUSIBLE_CHANGE_FACTOR) {
      const dir = r.shortInterest >= prior ? 'rose' : 'fell';
      if (r.splitFlag) notes.push(`short interest ${dir} ${factor.toFixed(1)}× but a split is flagged`);
      else notes.push(`short interest ${dir} ${factor.toFixed(1)}× since the previous report with no split flagged`);
      checks.push(r.splitFlag ? 1 : 0.3);
    } else {
      checks.push(1);
    }
  } else if (present(prior) && prior === 0) {
    notes.push('no previous short position: the change cannot be checked');
  }
  if (checks.length === 0) {
    if (!present(prior)) notes.push('no previous figure: consistency cannot be checked');
    return 0.5; // unknown, neither trusted nor distrusted
  }
  return checks.reduce((a, b) => a + b, 0) / checks.length;
}

function scoreAgreement(
  r: ShortInterestRecord,
  previous: ShortInterestRecord | null,
  yahoo: ShortInterestRecord | null,
  notes: string[],
): number | null {
  if (!yahoo || !present(yahoo.shortInterest)) return null;
  // Compare like with like: Yahoo often still shows the report before this one.
  const against = sameSettlement(yahoo.settlementDate, r.settlementDate)
    ? r
    : previous && sameSettlement(yahoo.settlementDate, previous.settlementDate)
      ? previous
      : null;
  if (against) {
    const d = relDiff(against.shortInterest, yahoo.shortInterest);
    if (d > 0.02) notes.push(`Yahoo's figure for ${yahoo.settlementDate} differs from FINRA's by ${pct(d)}`);
    return ramp(d, 0.02, 0.25);
  }
  const d = relDiff(r.shortInterest, yahoo.shortInterest);
  notes.push(
    `Yahoo's figure is for ${yahoo.settlementDate}, not ${r.settlementDate}: compared loosely (${pct(d)} apart)`,
  );
  return 0.8 * ramp(d, 0.1, 0.5);
}

export function assessShortInterestQuality(input: ShortInterestQualityInput): ShortInterestQuality {
  const { record, asOf } = input;
  const previous = input.previous ?? null;
  const yahoo = input.yahoo ?? null;
  const notes: string[] = [];
  const completeness = scoreCompleteness(record, yahoo, notes);
  const freshness = scoreFreshness(record, asOf, notes);
  const consistency = scoreConsistency(record, previous, notes);
  const agreement = scoreAgreement(record, previous, yahoo, notes);

  const w = QUALITY_WEIGHTS;
  let sum = w.completeness * completeness + w.freshness * freshness + w.consistency * consistency;
  let weight = w.completeness + w.freshness + w.consistency;
  if (agreement !== null) {
    sum += w.agreement * agreement;
    weight += w.agreement;
  } else {
    notes.push('no Yahoo figure to cross-check');
  }
  return {
    completeness: round(completeness),
    freshness: round(freshness),
    consistency: round(consistency),
    agreement: agreement === null ? null : round(agreement),
    overall: round(sum / weight),
    notes,
  };
}
