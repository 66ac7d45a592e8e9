import type { Config } from '../config/schema';
import type { Level } from '../signals/support-resistance';
import type { ThesisKey, ThesisSnapshot } from './thesis-metrics';

// The buy-the-dip decision for one position (004 spec §3), pure so it can be tested as a table.
//
// Dip: the last close at least portfolio.dip_threshold below the AVERAGE COST (what the trader paid,
// not a recent high: a name that ran up and came back to the entry has not dipped for them). The drop
// from the highest close since entry is reported beside it, for information.
// Severity by the drop from average cost: MILD < 10%, MODERATE < 20%, SEVERE < 35%, EXTREME beyond.
//
// Thesis checks, now vs at entry (a check without both values is unknown and decides nothing):
//   volume multiple  now ≥ thesis.volume_keep × entry         (volume still elevated)
//   SI % of float    now ≥ thesis.si_keep × entry             (shorts have not covered)
//   days to cover    now ≥ thesis.days_to_cover_keep × entry
//   score            now ≥ entry − thesis.score_max_drop      (score not collapsed)
// Thesis: INTACT when at least one check is known and every known one passes; BROKEN when the score
// check fails or two or more fail; WEAKENED when one other check fails; UNKNOWN with no known check.
//
// Levels: stop = nearest support − 1 ATR(14); risk/reward = (nearest resistance − close) / (close − stop).
// Action:
//   REVIEW    the thesis is broken, or the close is under the stop
//   BUY_MORE  the thesis is intact, the close is within near_support_atr ATRs above the nearest support,
//             and risk/reward ≥ min_risk_reward
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

export interface DipDecision {
  /** fraction below average cost: 0.167 */
  dipPct: number;
  fromHighPct: number | null;
  severity: DipSeverity;
  checks: ThesisCheck[];
  thesis: ThesisState;
  support: number | null;
  resistance: number | null;
  stop: number | null;
  riskReward: number | null;
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

export function thesisChecks(
  entry: ThesisSnapshot | null,
  now: ThesisSnapshot | null,
  t: Config['portfolio']['thesis'],
): ThesisCheck[] {
  const ratio = (key: ThesisKey, label: string, keep: number): ThesisCheck => {
    const e = entry?.[key] ?? null;
    const n = now?.[key] ?? null;
    const needed = e === null ? null : keep * e;
    return { key, label, entry: e, now: n, needed, pass: needed === null || n === null ? null : n >= needed };
  };
  const e = entry?.score ?? null;
  const n = now?.score ?? null;
  const needed = e === null ? null : Math.max(0, e - t.score_max_drop);
  return [
    ratio('volume_multiple', 'volume multiple', t.volume_keep),
    ratio('si_pct_float', 'SI % of float', t.si_keep),
    ratio('days_to_cover', 'days to cover', t.days_to_cover_keep),
    {
      key: 'score',
      label: 'score',
      entry: e,
      now: n,
      needed,
      pass: needed === null || n === null ? null : n >= needed,
    },
  ];
}

export function thesisState(checks: readonly ThesisCheck[]): ThesisState {
  const known = checks.filter((c) => c.pass !== null);
  if (!known.length) return 'UNKNOWN';
  const failed = known.filter((c) => c.pass === false);
  if (failed.length === 0) return 'INTACT';
  if (failed.length >= 2 || failed.some((c) => c.key === 'score')) return 'BROKEN';
  return 'WEAKENED';
}

export function decideDip(input: DipInput, settings: Config['portfolio']): DipDecision {
  // every rule's setting up front: one decision sees one consistent set
  const { thesis: keep, near_support_atr, min_risk_reward, max_allocation_pct } = settings;
  const dipPct = dipPctOf(input.close, input.avgCost);
  const severity = severityOf(dipPct);
  const checks = thesisChecks(input.entry, input.now, keep);
  const thesis = thesisState(checks);
  const support = input.supports[0]?.price ?? null;
  const resistance = input.resistances[0]?.price ?? null;
  const stop = support !== null && input.atr !== null ? support - input.atr : null;
  const risk = stop !== null ? input.close - stop : null;
  const riskReward = resistance !== null && risk !== null && risk > 0 ? (resistance - input.close) / risk : null;
  const nearSupport = support !== null && input.atr !== null && input.close - support <= near_support_atr * input.atr;
  const fromHighPct = input.highSinceEntry && input.highSinceEntry > 0 ? 1 - input.close / input.highSinceEntry : null;

  const reasons: string[] = [];
  let action: DipAction;
  if (thesis === 'BROKEN' || (stop !== null && input.close < stop)) {
    action = 'REVIEW';
    if (thesis === 'BROKEN')
      reasons.push(
        `thesis broken: ${checks
          .filter((c) => c.pass === false)
          .map((c) => c.label)
          .join(', ')} failed`,
      );
    if (stop !== null && input.close < stop) reasons.push('the close is under the stop (nearest support − 1 ATR)');
  } else if (thesis === 'INTACT' && nearSupport && riskReward !== null && riskReward >= min_risk_reward) {
    action = 'BUY_MORE';
    reasons.push(`thesis intact, near support, risk/reward ${riskReward.toFixed(1)} ≥ ${min_risk_reward}`);
  } else {
    action = 'HOLD';
    if (thesis !== 'INTACT')
      reasons.push(thesis === 'UNKNOWN' ? 'thesis cannot be checked (no metrics then or now)' : 'thesis weakened');
    if (!nearSupport) reasons.push(support === null ? 'no support level below the price' : 'not near support');
    if (riskReward === null)
      reasons.push(resistance === null ? 'no resistance above the price' : 'no risk/reward (no stop)');
    else if (riskReward < min_risk_reward) reasons.push(`risk/reward ${riskReward.toFixed(1)} < ${min_risk_reward}`);
  }
  const sizePct = action === 'BUY_MORE' ? Math.min(max_allocation_pct, SIZE[severity]) : 0;
  return {
    dipPct,
    fromHighPct,
    severity,
    checks,
    thesis,
    support,
    resistance,
    stop,
    riskReward,
    nearSupport,
    action,
    sizePct,
    reasons,
  };
}
