import { meanStd } from '../../signals/indicators';
import { shortRatioOf } from '../../signals/short-volume-metrics';
import { CHART_COLORS } from './chart-canvas';
import { emptyPanel, presentCount, type Panel } from './chart-model';
import { coverageNote, gaps, type AxisContext } from './panel-context';

// FINRA's facility short ratio (short volume / the facility's own total, not market volume) read
// against its own history: the band is the previous 60 rows' mean ± 2σ, i.e. where the 60-day
// z-score (short-volume-metrics.ts) crosses ±2. The short-exempt share sits on the right axis.

const WINDOW = 60;
const MIN_HISTORY = 20;
const Z = 2;

export function shortVolumePanel(ctx: AxisContext): Panel {
  const title = 'Facility short ratio (FINRA consolidated)';
  const rows = ctx.data.shortVolume.filter((r) => r.date <= ctx.data.asOf);
  const ratio = gaps(ctx);
  const lower = gaps(ctx);
  const upper = gaps(ctx);
  const exempt = gaps(ctx);
  const history = new Float64Array(WINDOW);
  const ratios = rows.map(shortRatioOf);
  rows.forEach((row, j) => {
    const i = ctx.indexOf.get(row.date);
    if (i === undefined) return;
    ratio[i] = ratios[j]!;
    if (row.shortExemptVolume !== null && row.shortVolume > 0 && Number.isFinite(row.shortExemptVolume))
      exempt[i] = row.shortExemptVolume / row.shortVolume;
    let count = 0;
    for (let k = j - 1; k >= 0 && count < WINDOW; k--) if (ratios[k] !== null) history[count++] = ratios[k]!;
    if (count < MIN_HISTORY) return;
    const stats = meanStd(history, 0, count);
    if (!stats || stats.std === 0) return;
    lower[i] = Math.max(0, stats.mean - Z * stats.std);
    upper[i] = Math.min(1, stats.mean + Z * stats.std);
  });

  const present = presentCount(ratio);
  if (present === 0)
    return emptyPanel('short_volume', title, 2, 'No FINRA short-volume rows in this range.', {
      title: 'short ratio',
      format: 'percent',
    });
  const notes: string[] = [];
  const coverage = coverageNote('Short volume', present, ctx.dates.length);
  if (coverage) notes.push(coverage);
  if (presentCount(upper) < present)
    notes.push(`The band needs ${MIN_HISTORY} earlier days of history: none where it is missing.`);
  const series: Panel['series'] = [
    {
      kind: 'band',
      id: 'band',
      label: '60-day mean ± 2σ',
      color: 'rgba(31, 119, 180, 0.15)',
      axis: 'left',
      lower,
      upper,
    },
    { kind: 'line', id: 'ratio', label: 'short ratio', color: CHART_COLORS.blue, axis: 'left', values: ratio },
  ];
  const exemptPresent = presentCount(exempt);
  if (exemptPresent > 0)
    series.push({
      kind: 'line',
      id: 'exempt',
      label: 'short-exempt share (right)',
      color: CHART_COLORS.purple,
      axis: 'right',
      values: exempt,
      width: 1.5,
    });
  else notes.push('No short-exempt figures (older file layout).');
  return {
    id: 'short_volume',
    title,
    weight: 2,
    empty: false,
    notes,
    series,
    markers: [],
    thresholds: [],
    // a ratio of the facility's volume: 0–100% always, so the ±2σ band can never stretch it past either end
    left: { title: 'short ratio', format: 'percent', min: 0, max: 1 },
    right: exemptPresent > 0 ? { title: 'exempt share', format: 'percent', min: 0 } : undefined,
  };
}
