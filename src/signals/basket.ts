// Basket (index-like group) short pressure from its constituents' short-volume metrics
// (../shared/seeds/003: constituent aggregation with coverage). Pure.
//
// - shortRatio = Σ shortVolume / Σ totalVolume over the constituents with data and both volumes:
//   volume-weighted, so a thin name's 70% day does not move the basket as much as a heavy name's.
//   Like each symbol's ratio it is a facility (off-exchange) short ratio, not a market one.
// - meanShortRatioZ: plain mean of the constituents' own z-scores (each already scaled by its own
//   history, so weighting by volume would only let the largest name speak).
// - coverage = constituents with metrics / constituents; `missing` names the others. A basket read
//   from half its names says so rather than pretending to be whole.
// Constituents are matched upper-cased and counted once. Metrics of different dates are used as
// given and flagged (each symbol's metrics are already its newest day on or before asOf).
import type { MetricFlag, ShortVolumeMetrics } from './metric-types';

export interface BasketMetrics {
  name: string;
  /** newest metrics date among the constituents with data, null when none has data */
  date: string | null;
  /** volume-weighted facility short ratio, null without volumes */
  shortRatio: number | null;
  /** mean of the constituents' shortRatioZ60, null when none has one */
  meanShortRatioZ: number | null;
  /** constituents with data / constituents, 0..1 (0 for an empty basket) */
  coverage: number;
  size: number;
  withData: number;
  /** constituents whose volumes entered shortRatio */
  weighted: number;
  /** constituents whose z-score entered the mean */
  withZ: number;
  missing: string[];
  flags: MetricFlag[];
}

export function aggregateBasket(
  name: string,
  constituents: string[],
  perSymbol: Map<string, ShortVolumeMetrics | null>,
): BasketMetrics {
  const flags: MetricFlag[] = [];
  const symbols = [...new Set(constituents.map((s) => s.trim().toUpperCase()).filter((s) => s.length > 0))];
  const missing: string[] = [];
  const unweighted: string[] = [];
  const present: { symbol: string; date: string }[] = [];
  let shortSum = 0;
  let totalSum = 0;
  let weighted = 0;
  let zSum = 0;
  let withZ = 0;

  for (const symbol of symbols) {
    const m = perSymbol.get(symbol) ?? null;
    if (!m) {
      missing.push(symbol);
      continue;
    }
    present.push({ symbol, date: m.date });
    const { shortVolume: s, totalVolume: t } = m;
    if (s !== undefined && t !== undefined && Number.isFinite(s) && Number.isFinite(t) && s >= 0 && t > 0 && s <= t) {
      shortSum += s;
      totalSum += t;
      weighted++;
    } else unweighted.push(symbol);
    if (m.shortRatioZ60 !== null && Number.isFinite(m.shortRatioZ60)) {
      zSum += m.shortRatioZ60;
      withZ++;
    }
  }

  if (symbols.length === 0) flags.push({ code: 'basket_empty', message: `basket ${name} has no constituents` });
  else if (missing.length > 0) {
    flags.push({
      code: 'basket_partial',
      message: `${present.length} of ${symbols.length} constituents of ${name} have short-volume data; missing ${missing.join(', ')}`,
    });
  }
  if (unweighted.length > 0) {
    flags.push({
      code: 'basket_unweighted',
      message: `no usable short/total volume for ${unweighted.join(', ')}: left out of the basket short ratio`,
    });
  }

  const date = present.reduce<string | null>((d, p) => (d === null || p.date > d ? p.date : d), null);
  const older = present.filter((p) => p.date !== date);
  if (older.length > 0) {
    flags.push({
      code: 'basket_mixed_dates',
      message: `${older.map((p) => `${p.symbol} (${p.date})`).join(', ')} older than ${date}`,
    });
  }

  const ratio = weighted > 0 && totalSum > 0 ? shortSum / totalSum : null;
  return {
    name,
    date,
    shortRatio: ratio !== null && Number.isFinite(ratio) ? ratio : null,
    meanShortRatioZ: withZ > 0 && Number.isFinite(zSum / withZ) ? zSum / withZ : null,
    coverage: symbols.length > 0 ? present.length / symbols.length : 0,
    size: symbols.length,
    withData: present.length,
    weighted,
    withZ,
    missing,
    flags,
  };
}
