import { detectSplits } from '../signals/split-detection';
import type { AlertLevel } from '../signals/metric-types';
import type { BarStore } from './bar-store';
import { HIT_GAIN, HIT_WINDOW } from './backtest-events';

// How a replay's alerts did on a whole market, per level, without a list of known events:
// - hit: a close at least HIT_GAIN (40%) above the alert day's close within HIT_WINDOW (10) sessions;
//   precision = hits / alerts whose window is over (the rest are pending);
// - base rate: the same hit rate over every eligible symbol-day of the replay (a bar that day, a close inside
//   the price filter, a full window after it), so precision / base rate says how much better than chance;
// - ≥ 2× runs: a close at least RUN_MULTIPLE × the lowest close of the RUN_LOOKBACK sessions before it; the run
//   starts at that low and peaks at its highest close while it stays ≥ 2× (at most RUN_LOOKBACK sessions on);
//   a run is caught when an alert falls from its start up to the day before its peak; lead = sessions from
//   the first such alert to the peak.
// Closes are split-adjusted first (earlier closes × the factor), from a splits list when one is given, else
// from split-detection.ts, so a reverse split never reads as a run or a hit.

export const RUN_MULTIPLE = 2;
export const RUN_LOOKBACK = 20;

export interface ReplayAlert {
  date: string;
  symbol: string;
  level: AlertLevel;
}

/** Known corporate actions: on `date` the price changed by a split; earlier closes × `factor`. */
export type SplitList = ReadonlyMap<string, readonly { date: string; factor: number }[]>;

export interface LevelRow {
  label: string;
  alerts: number;
  perDayMean: number;
  perDayMedian: number;
  hits: number;
  resolved: number;
  pending: number;
  precision: number | null;
  /** precision / base rate */
  lift: number | null;
  caught: number;
  recall: number | null;
  medianLead: number | null;
}

export interface LevelReport {
  days: number;
  baseRate: number | null;
  eligibleDays: number;
  runs: number;
  rows: LevelRow[];
}

interface Series {
  dates: readonly string[];
  close: Float64Array;
  index: Map<string, number>;
}

export function levelReport(input: {
  /** the replay's trading days */
  days: readonly string[];
  bars: BarStore;
  /** the price filter, so the base rate counts what the funnel could see */
  minPrice: number;
  maxPrice: number;
  /** labelled groups of alerts, e.g. per level after the budget and all before it */
  groups: readonly { label: string; alerts: readonly ReplayAlert[] }[];
  splits?: SplitList;
}): LevelReport {
  const { days, bars } = input;
  const first = days[0];
  const last = days.at(-1);
  const series = new Map<string, Series>();
  for (const symbol of bars.symbols()) {
    const c = bars.columns(symbol);
    if (!c) continue;
    series.set(symbol, {
      dates: c.dates,
      close: adjusted(symbol, c, input.splits),
      index: new Map(c.dates.map((d, i) => [d, i])),
    });
  }

  let eligible = 0;
  let baseHits = 0;
  const runs: { symbol: string; start: string; peak: string }[] = [];
  if (first && last) {
    for (const [symbol, s] of series) {
      for (let i = 0; i < s.dates.length; i++) {
        const d = s.dates[i]!;
        if (d < first || d > last) continue;
        const raw = bars.columns(symbol)!.close[i]!;
        if (raw < input.minPrice || raw > input.maxPrice) continue;
        const h = hitAt(s, i);
        if (h === null) continue;
        eligible++;
        if (h) baseHits++;
      }
      runs.push(...runsOf(symbol, s, first, last));
    }
  }
  const baseRate = eligible ? baseHits / eligible : null;

  const rows = input.groups.map(({ label, alerts }): LevelRow => {
    let hits = 0;
    let resolved = 0;
    for (const a of alerts) {
      const s = series.get(a.symbol);
      const i = s?.index.get(a.date);
      const h = s && i !== undefined ? hitAt(s, i) : null;
      if (h === null) continue;
      resolved++;
      if (h) hits++;
    }
    const perDay = days.map(() => 0);
    const dayIndex = new Map(days.map((d, i) => [d, i]));
    for (const a of alerts) {
      const k = dayIndex.get(a.date);
      if (k !== undefined) perDay[k]!++;
    }
    const bySymbol = new Map<string, string[]>();
    for (const a of alerts) bySymbol.set(a.symbol, [...(bySymbol.get(a.symbol) ?? []), a.date]);
    const leads: number[] = [];
    for (const r of runs) {
      const inRun = (bySymbol.get(r.symbol) ?? []).filter((d) => d >= r.start && d < r.peak).sort();
      if (!inRun.length) continue;
      const s = series.get(r.symbol)!;
      leads.push(s.index.get(r.peak)! - s.index.get(inRun[0]!)!);
    }
    const precision = resolved ? hits / resolved : null;
    return {
      label,
      alerts: alerts.length,
      perDayMean: days.length ? alerts.length / days.length : 0,
      perDayMedian: median(perDay) ?? 0,
      hits,
      resolved,
      pending: alerts.length - resolved,
      precision,
      lift: precision !== null && baseRate ? precision / baseRate : null,
      caught: leads.length,
      recall: runs.length ? leads.length / runs.length : null,
      medianLead: median(leads),
    };
  });
  return { days: days.length, baseRate, eligibleDays: eligible, runs: runs.length, rows };
}

/** Closes with every earlier close × the factor of each later split. */
function adjusted(
  symbol: string,
  c: { dates: readonly string[]; close: Float64Array; volume: Float64Array },
  splits: SplitList | undefined,
): Float64Array {
  const close = Float64Array.from(c.close);
  const actions = splits
    ? (splits.get(symbol) ?? []).map((s) => ({ index: c.dates.indexOf(s.date), factor: s.factor }))
    : detectSplits(c.dates.map((date, i) => ({ date, close: c.close[i]!, volume: c.volume[i]! }))).map((s) => ({
        index: s.index,
        factor: s.priceFactor,
      }));
  for (const a of actions) {
    if (a.index <= 0) continue;
    for (let j = 0; j < a.index; j++) close[j] = close[j]! * a.factor;
  }
  return close;
}

/** true/false once the window is over or hit, null while pending (or no close that day). */
function hitAt(s: Series, i: number): boolean | null {
  const base = s.close[i]!;
  if (!(base > 0)) return null;
  const end = Math.min(s.close.length - 1, i + HIT_WINDOW);
  for (let k = i + 1; k <= end; k++) if (s.close[k]! >= base * (1 + HIT_GAIN)) return true;
  return end - i >= HIT_WINDOW ? false : null;
}

function runsOf(symbol: string, s: Series, first: string, last: string) {
  const out: { symbol: string; start: string; peak: string }[] = [];
  const n = s.close.length;
  let i = 0;
  while (i < n) {
    const d = s.dates[i]!;
    if (d < first || d > last || i === 0) {
      i++;
      continue;
    }
    let low = Infinity;
    let lowAt = -1;
    for (let k = Math.max(0, i - RUN_LOOKBACK); k < i; k++)
      if (s.close[k]! < low) {
        low = s.close[k]!;
        lowAt = k;
      }
    if (lowAt >= 0 && low > 0 && s.close[i]! >= RUN_MULTIPLE * low) {
      let peak = i;
      let q = i;
      while (q + 1 < n && q + 1 <= i + RUN_LOOKBACK && s.close[q + 1]! >= RUN_MULTIPLE * low) {
        q++;
        if (s.close[q]! > s.close[peak]!) peak = q;
      }
      out.push({ symbol, start: s.dates[lowAt]!, peak: s.dates[peak]! });
      i = q + RUN_LOOKBACK + 1;
      continue;
    }
    i++;
  }
  return out;
}

function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

/** The report as a Markdown table (the CLI prints it; README quotes it). */
export function levelReportTable(r: LevelReport): string[] {
  return [
    `${r.days} trading days · base rate ${pct(r.baseRate)} of ${r.eligibleDays.toLocaleString('en-US')} symbol-days (a close ≥ +${HIT_GAIN * 100}% within ${HIT_WINDOW} sessions) · ${r.runs} runs ≥ ${RUN_MULTIPLE}×`,
    '| alerts | n | per day (mean / median) | precision | × base rate | recall of ≥ 2× runs | median lead (sessions) | pending |',
    '|---|---|---|---|---|---|---|---|',
    ...r.rows.map(
      (x) =>
        `| ${x.label} | ${x.alerts} | ${x.perDayMean.toFixed(2)} / ${x.perDayMedian} | ${pct(x.precision)} | ${x.lift === null ? '—' : x.lift.toFixed(1)} | ${pct(x.recall)} (${x.caught}) | ${x.medianLead ?? '—'} | ${x.pending} |`,
    ),
  ];
}
