import type { Features, FeatureName } from './features';
import { reasonLabel, stageLabel } from '../present/labels/reasons';

// What the missed opportunities have in common, in sentences a trader reads (pure): the cut that took
// most of them (stage, criterion, values against the threshold), feature levels most of them passed
// ("3 of 3 missed had a volume spike above 15×"), their price range, and how near the cut they were.

export interface MissedRow {
  symbol: string;
  asOf: string;
  stage: string;
  criterion: string;
  value: number | null;
  threshold: number | null;
  price: number;
  features: Partial<Features>;
  peakReturn: number;
  daysToPeak: number;
}

/** A pattern holds when at least this share of the missed names shares it (and at least two do). */
export const PATTERN_SHARE = 0.6;

const LEVELS: { name: FeatureName; label: string; levels: number[]; fmt: (x: number) => string }[] = [
  { name: 'volumeSpike', label: 'a volume spike above', levels: [2, 3, 5, 10, 15, 20, 50], fmt: (x) => `${x}×` },
  { name: 'rsi', label: 'an RSI above', levels: [50, 60, 70, 80, 90], fmt: (x) => `${x}` },
  {
    name: 'siPercentFloat',
    label: 'short interest above',
    levels: [0.1, 0.15, 0.2, 0.3, 0.5],
    fmt: (x) => `${Math.round(x * 100)}% of float`,
  },
  { name: 'daysToCover', label: 'days to cover above', levels: [1, 2, 3, 5, 10], fmt: (x) => `${x}` },
  { name: 'shortRatioZ', label: 'a short-sale ratio z above', levels: [1, 2, 3], fmt: (x) => `${x}` },
];

const PRICE_BANDS: [lo: number, hi: number, label: string][] = [
  [0, 1, 'under $1'],
  [1, 5, '$1–$5'],
  [5, 10, '$5–$10'],
  [10, 20, '$10–$20'],
  [20, 50, '$20–$50'],
  [50, Infinity, 'above $50'],
];

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(1) : x.toFixed(2));

export function missedPatterns(rows: readonly MissedRow[]): string[] {
  const n = rows.length;
  if (n === 0) return [];
  const holds = (k: number) => k >= 2 && k / n >= PATTERN_SHARE;
  const out: string[] = [];

  const cuts = new Map<string, MissedRow[]>();
  for (const r of rows) {
    const key = `${r.stage}\u0000${r.criterion}`;
    cuts.set(key, [...(cuts.get(key) ?? []), r]);
  }
  const [topKey, top] = [...cuts].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
  const [stage, criterion] = topKey.split('\u0000') as [string, string];
  const values = top.map((r) => r.value).filter((v): v is number => v !== null);
  const threshold = top.find((r) => r.threshold !== null)?.threshold ?? null;
  const range = values.length
    ? ` (values ${num(Math.min(...values))}–${num(Math.max(...values))}${threshold !== null ? ` vs ${num(threshold)}` : ''})`
    : '';
  out.push(`${top.length} of ${n} missed were cut at ${stageLabel(stage)} by ${reasonLabel(criterion)}${range}`);

  for (const f of LEVELS) {
    let best: { level: number; k: number } | null = null;
    for (const level of f.levels) {
      const k = rows.filter((r) => (r.features[f.name] ?? null) !== null && r.features[f.name]! > level).length;
      if (holds(k)) best = { level, k };
    }
    if (best) out.push(`${best.k} of ${n} missed had ${f.label} ${f.fmt(best.level)}`);
  }

  for (const [lo, hi, label] of PRICE_BANDS) {
    const k = rows.filter((r) => r.price >= lo && r.price < hi).length;
    if (holds(k)) out.push(`${k} of ${n} were priced ${label}`);
  }

  const near = rows.filter(
    (r) =>
      r.value !== null &&
      r.threshold !== null &&
      r.threshold > 0 &&
      r.value < r.threshold &&
      r.value >= 0.8 * r.threshold,
  ).length;
  if (near > 0) out.push(`${near} of ${n} were within 20% of the threshold that cut them`);
  return out;
}
