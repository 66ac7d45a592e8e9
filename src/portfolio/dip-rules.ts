import type { Config } from '../config/schema';
import type { Level } from '../signals/support-resistance';
import { dipLevels, type StopBasis } from './dip-levels';
import type { ThesisKey, ThesisSnapshot } from './thesis-metrics';

// The buy-the-dip decision for one position (004 spec §3), pure so it can be tested as a table.
//
// Dip: the last close at least portfolio.dip_threshold below the AVERAGE COST (what the trader paid,
// not a recent high: a name that ran up and came back to the entry has not dipped for them). The drop
// from the highest close since entry is reported beside it, for information.
// Severity by the drop from average cost: MILD < 10%, MODERATE < 20%, SEVERE < 35%, EXTREME beyond.
//
// Thesis checks, now vs at entry. A check passes only on MEASURED inputs: without both values it is
// unknown and decides nothing, and "now" must also reach the check's floor (thesis.*_min, set above a
// typical stock's value, the input's neutral prior), so an entry that was itself unremarkable (score
// 0.25, volume 0.5×) cannot make its check pass trivially:
//   volume multiple  now ≥ max(thesis.volume_keep × entry, volume_min)      (volume still elevated)
//   SI % of float    now ≥ max(thesis.si_keep × entry, si_min)              (shorts have not covered)
//   days to cover    now ≥ max(thesis.days_to_cover_keep × entry, days_to_cover_min)
//   score            now ≥ max(entry − thesis.score_max_drop, score_min)    (score not collapsed)
// Thesis: BROKEN when the score check fails or two or more fail; WEAKENED when one other check fails;
// INTACT when none fails and at least thesis.min_measured checks are measured; UNKNOWN otherwise.
// Strength 0–1: the mean over the four checks of min(1, now / needed), an unmeasured check counting 0;
// each check's share of it is listed as a factor. Confidence: the strength, × 0.75 when the stop is the
// ATR fallback rather than a support, 0 without a valid stop.
//
// Levels (src/portfolio/dip-levels.ts): a stop strictly between zero and the price or none; risk/reward
// = (nearest resistance − close) / (close − stop).
// Action:
//   REVIEW    the thesis is broken
//   BUY_MORE  the thesis is intact, a valid stop under a support, the close within near_support_atr ATRs
//             above that support, and risk/reward ≥ min_risk_reward — never without a valid stop
//   HOLD      otherwise
// Size (BUY_MORE only), a percentage of the position: MILD 10, MODERATE 15, SEVERE 20, EXTREME 25,
// capped at portfolio.max_allocation_pct.

export type DipSeverity = 'MILD' | 'MODERATE' | 'SEVERE' | 'EXTREME';
export type DipAction = 'BUY_MORE' | 'HOLD' | 'REVIEW';
export type ThesisState = 'INTACT' | 'WEAKENED' | 'BROKEN' | 'UNKNOWN';

export interface ThesisCheck {
  key: ThesisKey;
  label: string;
  entry: number | null;
  now: number | null;
  /** what `now` had to reach */
  needed: number | null;
  pass: boolean | null;
}

export interface DipInput {
  close: number;
  avgCost: number;
  /** highest close since the position opened, when known */
  highSinceEntry: number | null;
  entry: ThesisSnapshot | null;
  now: ThesisSnapshot | null;
  atr: number | null;
  supports: Level[];
  resistances: Level[];
}

export interface ThesisFactor {
  key: ThesisKey;
  label: string;
  /** this check's share of the strength: 0 .. 1/4 */
  contribution: number;
  /** why: "3.1× vs ≥ 1.5×", "not measured" */
  note: string;
}

export interface DipDecision {
  /** fraction below average cost: 0.167 */
  dipPct: number;
  fromHighPct: number | null;
  severity: DipSeverity;
  checks: ThesisCheck[];
  thesis: ThesisState;
  /** 0..1, see the header */
  strength: number;
  factors: ThesisFactor[];
  /** how many of the checks had a value then and now */
  measured: number;
  /** 0..1, see the header */
  confidence: number;
  support: number | null;
  resistance: number | null;
  /** strictly between zero and the close, or null (stopNote says why) */
  stop: number | null;
  stopBasis: StopBasis | null;
  stopNote: string;
  atr: number | null;
  riskReward: number | null;
  takeProfit1: number | null;
  takeProfit2: number | null;
  entryRange: { low: number; high: number } | null;
  nearSupport: boolean;
  action: DipAction;
  /** percentage of the position (0..100) */
  sizePct: number;
  reasons: string[];
}

const SIZE: Record<DipSeverity, number> = { MILD: 10, MODERATE: 15, SEVERE: 20, EXTREME: 25 };

export function dipPctOf(close: number, avgCost: number): number {
  return avgCost > 0 ? 1 - close / avgCost : 0;
}

export function isDip(close: number, avgCost: number, threshold: number): boolean {
  return dipPctOf(close, avgCost) >= threshold - 1e-12;
}

export function severityOf(dipPct: number): DipSeverity {
  return dipPct < 0.1 ? 'MILD' : dipPct < 0.2 ? 'MODERATE' : dipPct < 0.35 ? 'SEVERE' : 'EXTREME';
}

const measuredValue = (x: number | null | undefined): number | null => (x != null && Number.isFinite(x) ? x : null);

export function thesisChecks(
  entry: ThesisSnapshot | null,
  now: ThesisSnapshot | null,
  t: Config['portfolio']['thesis'],
): ThesisCheck[] {
  const check = (key: ThesisKey, label: string, need: (entry: number) => number): ThesisCheck => {
    const e = measuredValue(entry?.[key]);
    const n = measuredValue(now?.[key]);
    const needed = e === null ? null : need(e);
    return { key, label, entry: e, now: n, needed, pass: needed === null || n === null ? null : n >= needed };
  };
  return [
    check('volume_multiple', 'volume multiple', (e) => Math.max(t.volume_keep * e, t.volume_min)),
    check('si_pct_float', 'SI % of float', (e) => Math.max(t.si_keep * e, t.si_min)),
    check('days_to_cover', 'days to cover', (e) => Math.max(t.days_to_cover_keep * e, t.days_to_cover_min)),
    check('score', 'score', (e) => Math.max(e - t.score_max_drop, t.score_min)),
  ];
}

export function thesisState(checks: readonly ThesisCheck[], minMeasured = 1): ThesisState {
  const known = checks.filter((c) => c.pass !== null);
  const failed = known.filter((c) => c.pass === false);
  if (failed.length >= 2 || failed.some((c) => c.key === 'score')) return 'BROKEN';
  if (failed.length === 1) return 'WEAKENED';
  return known.length >= Math.max(1, minMeasured) ? 'INTACT' : 'UNKNOWN';
}

/** Strength 0..1 and each check's part of it (see the header). */
export function thesisStrength(checks: readonly ThesisCheck[]): { strength: number; factors: ThesisFactor[] } {
  const share = checks.length ? 1 / checks.length : 0;
  const factors = checks.map((c): ThesisFactor => {
    if (c.pass === null || c.now === null || c.needed === null)
      return { key: c.key, label: c.label, contribution: 0, note: 'not measured' };
    const part = c.needed > 0 ? Math.max(0, Math.min(1, c.now / c.needed)) : c.now >= c.needed ? 1 : 0;
    return { key: c.key, label: c.label, contribution: part * share, note: c.pass ? 'holds' : 'below its need' };
  });
  return { strength: factors.reduce((s, f) => s + f.contribution, 0), factors };
}

export function decideDip(input: DipInput, settings: Config['portfolio']): DipDecision {
  // every rule's setting up front: one decision sees one consistent set
  const { thesis: keep, min_risk_reward, max_allocation_pct, stop_atr, near_support_atr } = settings;
  const dipPct = dipPctOf(input.close, input.avgCost);
  const severity = severityOf(dipPct);
  const checks = thesisChecks(input.entry, input.now, keep);
  const thesis = thesisState(checks, keep.min_measured);
  const { strength, factors } = thesisStrength(checks);
  const measured = checks.filter((c) => c.pass !== null).length;
  const lv = dipLevels(input.close, input.atr, input.supports, input.resistances, { stop_atr, near_support_atr });
  const confidence = lv.stopBasis === 'support' ? strength : lv.stopBasis === 'atr' ? strength * 0.75 : 0;
  const fromHighPct = input.highSinceEntry && input.highSinceEntry > 0 ? 1 - input.close / input.highSinceEntry : null;

  const reasons: string[] = [];
  let action: DipAction;
  const rrOk = lv.riskReward !== null && lv.riskReward >= min_risk_reward;
  if (thesis === 'BROKEN') {
    action = 'REVIEW';
    reasons.push(
      `thesis broken: ${checks
        .filter((c) => c.pass === false)
        .map((c) => c.label)
        .join(', ')} failed`,
    );
  } else if (thesis === 'INTACT' && lv.stop !== null && lv.nearSupport && rrOk) {
    action = 'BUY_MORE';
    reasons.push(`thesis intact, near support, R/R ${lv.riskReward!.toFixed(1)} ≥ ${min_risk_reward}`);
  } else {
    action = 'HOLD';
    if (thesis === 'WEAKENED') reasons.push('thesis weakened');
    if (thesis === 'UNKNOWN')
      reasons.push(`thesis not measured (${measured} of ${checks.length} checks, ${keep.min_measured} needed)`);
    if (lv.stop === null) reasons.push(lv.stopNote);
    else if (!lv.nearSupport)
      reasons.push(lv.stopBasis === 'support' ? 'not near support' : 'no usable support below the price');
    if (lv.riskReward === null)
      reasons.push(lv.resistance === null ? 'no resistance above the price' : 'no risk/reward (no stop)');
    else if (!rrOk) reasons.push(`R/R ${lv.riskReward.toFixed(1)} < ${min_risk_reward}`);
  }
  const sizePct = action === 'BUY_MORE' ? Math.min(max_allocation_pct, SIZE[severity]) : 0;
  return {
    dipPct,
    fromHighPct,
    severity,
    checks,
    thesis,
    strength,
    factors,
    measured,
    confidence,
    support: lv.support,
    resistance: lv.resistance,
    stop: lv.stop,
    stopBasis: lv.stopBasis,
    stopNote: lv.stopNote,
    atr: lv.atr,
    riskReward: lv.riskReward,
    takeProfit1: lv.takeProfit1,
    takeProfit2: lv.takeProfit2,
    entryRange: lv.entryRange,
    nearSupport: lv.nearSupport,
    action,
    sizePct,
    reasons,
  };
}

/**
 * What a BUY_MORE comes to at the price: the shares and dollars of the size, and the largest the
 * position may grow to (its shares plus max_allocation_pct of them, at the price). Zero shares otherwise.
 */
export function dipSizing(
  decision: Pick<DipDecision, 'action' | 'sizePct'>,
  quantity: number,
  price: number,
  maxAllocationPct: number,
): { shares: number; usd: number; maxPositionUsd: number } {
  const shares = decision.action === 'BUY_MORE' ? (quantity * decision.sizePct) / 100 : 0;
  return { shares, usd: shares * price, maxPositionUsd: quantity * (1 + maxAllocationPct / 100) * price };
}
