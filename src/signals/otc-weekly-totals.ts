// One off-exchange share count per OTC-transparency week of one symbol, from the otc_weekly rows as
// stored (FORMATS.md: FINRA OTC transparency). Pure; asOf is a parameter.
//
// Which rows count:
// - Only weekly symbol figures: `ATS_W_SMBL` / `OTC_W_SMBL` (symbol totals) and, as a fallback,
//   `ATS_W_SMBL_FIRM` / `OTC_W_SMBL_FIRM` (one row per firm). A total and its per-firm rows describe
//   the same trades, so per-firm rows are summed only for a (week, venue, tier) that has no total:
//   `*_SMBL` and `*_SMBL_FIRM` are never added together. `*_W_FIRM`, `*_VOL_STATS` and the monthly
//   `*_M_*` rows are other cuts of the data and are ignored.
// - Only rows published by asOf (point in time), with a finite, non-negative share count.
// How venues combine: `ATS_` rows are trades on alternative trading systems, `OTC_` rows the other
// (non-ATS) off-exchange trades, chiefly wholesalers internalising retail orders. A trade is reported
// in one or the other, never both, so a week's off-exchange volume is ATS + non-ATS.
// Tiers: a symbol sits in one tier (T1, T2 or OTC). Rows of two tiers for one week and venue (a
// re-tiering, or a mislabelled import) are alternatives, not parts: the largest is kept and flagged,
// since adding them could count the same trades twice.
import type { MetricFlag } from './metric-types';
import { OTC_PUBLICATION_LAG_DAYS } from '../market/finra-calendar';
import { mondayOf } from '../market/iso-date';
import { OTC_TIERS, type OtcTier } from '../domain/market-data';
import type { OtcWeekRow } from '../domain/short-data';

export type OtcVenue = 'ats' | 'nonAts';

export interface OtcWeekTotal {
  /** the week's Monday */
  weekStart: string;
  /** shares on ATSs, null when the week has no ATS figure */
  ats: number | null;
  /** shares off-exchange outside ATSs, null when the week has no non-ATS figure */
  nonAts: number | null;
  /** the tier of the rows used; with two tiers (or an unknown one), the one with the longest publication lag */
  tier: OtcTier;
  /** true when some figure of the week was summed from per-firm rows (no symbol total held) */
  fromFirmRows: boolean;
}

interface Cell {
  total: number | null;
  firmSum: number;
  firmRows: number;
}

const SUMMARY_TYPE = /^(ATS|OTC)_W_(SMBL|SMBL_FIRM)$/;

/** Weekly totals published by asOf, oldest first, and the flags of what was left out or doubtful. */
export function otcWeeklyTotals(
  rows: readonly OtcWeekRow[],
  asOf: string,
): { weeks: OtcWeekTotal[]; flags: MetricFlag[] } {
  const flags: MetricFlag[] = [];
  // week → venue → tier → cell
  const byWeek = new Map<string, Map<OtcVenue, Map<string, Cell>>>();
  const ignoredTypes = new Set<string>();
  let invalid = 0;

  for (const row of rows) {
    if (!(row.publishedOn <= asOf)) continue; // not public yet on asOf: invisible, not an error
    const type = SUMMARY_TYPE.exec(String(row.summaryType).toUpperCase());
    if (!type) {
      ignoredTypes.add(String(row.summaryType));
      continue;
    }
    if (!Number.isFinite(row.shares) || row.shares < 0) {
      invalid++;
      continue;
    }
    const week = mondayOf(row.weekStart);
    if (week > asOf) continue;
    const venue: OtcVenue = type[1] === 'ATS' ? 'ats' : 'nonAts';
    const venues = byWeek.get(week) ?? new Map<OtcVenue, Map<string, Cell>>();
    byWeek.set(week, venues);
    const tiers = venues.get(venue) ?? new Map<string, Cell>();
    venues.set(venue, tiers);
    const tierKey = String(row.tier).toUpperCase();
    const cell = tiers.get(tierKey) ?? { total: null, firmSum: 0, firmRows: 0 };
    tiers.set(tierKey, cell);
    if (type[2] === 'SMBL')
      cell.total = row.shares; // one total per key; a repeated row replaces, never adds
    else {
      cell.firmSum += row.shares;
      cell.firmRows++;
    }
  }

  if (ignoredTypes.size > 0) {
    flags.push({
      code: 'otc_rows_ignored',
      message: `OTC rows of type ${[...ignoredTypes].sort().join(', ')} are not weekly symbol figures and were ignored`,
    });
  }
  if (invalid > 0)
    flags.push({
      code: 'otc_invalid_rows',
      message: `${invalid} OTC row(s) with a missing or negative share count were ignored`,
    });

  const weeks: OtcWeekTotal[] = [];
  const unknownTiers = new Set<string>();
  for (const week of [...byWeek.keys()].sort()) {
    const venues = byWeek.get(week)!;
    const out: OtcWeekTotal = { weekStart: week, ats: null, nonAts: null, tier: 'T1', fromFirmRows: false };
    let lag = -1;
    for (const venue of ['ats', 'nonAts'] as const) {
      const tiers = venues.get(venue);
      if (!tiers) continue;
      const candidates: { tier: string; shares: number; firm: boolean }[] = [];
      for (const [tier, cell] of tiers) {
        if (cell.total !== null) candidates.push({ tier, shares: cell.total, firm: false });
        else if (cell.firmRows > 0) candidates.push({ tier, shares: cell.firmSum, firm: true });
      }
      if (candidates.length === 0) continue;
      candidates.sort((a, b) => b.shares - a.shares);
      const chosen = candidates[0]!;
      if (candidates.length > 1) {
        flags.push({
          code: 'otc_tier_conflict',
          message: `week ${week} has ${venue === 'ats' ? 'ATS' : 'non-ATS'} figures for tiers ${candidates.map((c) => c.tier).join(' and ')}: kept the largest (${chosen.tier}), not their sum`,
        });
      }
      out[venue] = chosen.shares;
      out.fromFirmRows ||= chosen.firm;
      for (const c of candidates) {
        const known = (OTC_TIERS as readonly string[]).includes(c.tier) ? (c.tier as OtcTier) : null;
        if (!known) unknownTiers.add(c.tier);
        // an unknown tier is read as the slowest to publish, so it never makes a week look stale
        const tier = known ?? 'OTC';
        if (OTC_PUBLICATION_LAG_DAYS[tier] > lag) {
          lag = OTC_PUBLICATION_LAG_DAYS[tier];
          out.tier = tier;
        }
      }
    }
    if (out.ats !== null || out.nonAts !== null) weeks.push(out);
  }
  if (unknownTiers.size > 0) {
    flags.push({
      code: 'otc_unknown_tier',
      message: `unknown OTC tier ${[...unknownTiers].sort().join(', ')}: read with the 4-week publication lag`,
    });
  }
  return { weeks, flags };
}

/** The week's shares over the given venues, or null when one of them is missing that week. */
export function sharesOver(week: OtcWeekTotal, venues: readonly OtcVenue[]): number | null {
  let sum = 0;
  for (const v of venues) {
    const s = week[v];
    if (s === null) return null;
    sum += s;
  }
  return venues.length > 0 ? sum : null;
}

/** The venues a week has figures for, in a fixed order. */
export function venuesOf(week: OtcWeekTotal): OtcVenue[] {
  return (['ats', 'nonAts'] as const).filter((v) => week[v] !== null);
}
