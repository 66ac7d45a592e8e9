import { CHART_COLORS } from './chart-canvas';
import { emptyPanel, presentCount, type Marker, type Panel } from './chart-model';
import { coverageNote, gaps, type AxisContext } from './panel-context';

// Price with volume underneath and the 20-day average volume; a triangle over the bar of each day a
// squeeze alert fired. Candles up to six months; past that a candle is a few pixels wide, so the
// close is drawn as a line.

const SEVERITY_COLOR: Record<string, string> = {
  high: CHART_COLORS.high,
  medium: CHART_COLORS.medium,
  low: CHART_COLORS.low,
};

/** high/low ratio from which the price axis is logarithmic */
const LOG_SCALE_RATIO = 5;

const finite = (x: number | null | undefined): number | null => (x != null && Number.isFinite(x) ? x : null);

export function pricePanel(ctx: AxisContext): Panel {
  const title = 'Price and volume';
  const n = ctx.dates.length;
  const closes = ctx.barAt.map((b) => finite(b?.close));
  const present = presentCount(closes);
  if (present === 0)
    return emptyPanel(
      'price',
      title,
      3,
      `No price bars between ${ctx.dates[0] ?? ctx.data.asOf} and ${ctx.data.asOf}.`,
      { title: 'price', format: 'price' },
    );

  const notes: string[] = [];
  const coverage = coverageNote('Bars', present, n);
  if (coverage) notes.push(coverage);
  const candles = ctx.data.range !== '1y';
  const series: Panel['series'] = [];
  if (candles) {
    // a bar without open/high/low (some imports) keeps its close as a flat candle rather than vanish
    series.push({
      kind: 'candles',
      id: 'ohlc',
      label: 'daily candles',
      color: CHART_COLORS.up,
      downColor: CHART_COLORS.down,
      axis: 'left',
      open: ctx.barAt.map((b, i) => finite(b?.open) ?? closes[i]!),
      high: ctx.barAt.map((b, i) => finite(b?.high) ?? closes[i]!),
      low: ctx.barAt.map((b, i) => finite(b?.low) ?? closes[i]!),
      close: closes,
    });
  } else {
    series.push({ kind: 'line', id: 'close', label: 'close', color: CHART_COLORS.price, axis: 'left', values: closes });
  }
  series.push({
    kind: 'bar',
    id: 'volume',
    label: 'volume',
    color: CHART_COLORS.volume,
    axis: 'right',
    values: ctx.barAt.map((b) => finite(b?.volume)),
  });
  const adv = gaps(ctx);
  ctx.dates.forEach((d, i) => {
    adv[i] = ctx.adv20ByDate.get(d) ?? null;
  });
  series.push({
    kind: 'line',
    id: 'adv20',
    label: '20-day avg volume',
    color: CHART_COLORS.avgVolume,
    axis: 'right',
    values: adv,
    width: 1.5,
  });

  const markers: Marker[] = [];
  const unplaced: string[] = [];
  for (const a of ctx.data.alerts) {
    const i = ctx.indexOf.get(a.asOf);
    const bar = i === undefined ? null : ctx.barAt[i];
    const top = finite(bar?.high) ?? finite(bar?.close);
    if (i === undefined || top === null) {
      unplaced.push(a.asOf);
      continue;
    }
    markers.push({
      index: i,
      date: a.asOf,
      value: top * 1.03,
      label: `${a.severity} alert`,
      color: SEVERITY_COLOR[a.severity] ?? CHART_COLORS.grey,
    });
  }
  if (markers.length) notes.push(`▲ ${markers.length} squeeze alert(s) fired in the range.`);
  if (unplaced.length) notes.push(`Alerts on ${unplaced.join(', ')} have no bar to mark.`);

  let lo = Infinity;
  let hi = 0;
  for (const b of ctx.barAt) {
    const l = finite(b?.low) ?? finite(b?.close);
    const h = finite(b?.high) ?? finite(b?.close);
    if (l !== null && l > 0 && l < lo) lo = l;
    if (h !== null && h > hi) hi = h;
  }
  const log = hi / lo >= LOG_SCALE_RATIO;
  if (log) notes.push('Log price scale: the price moved more than fivefold in the range.');

  return {
    id: 'price',
    title: `${title}${candles ? '' : ' (close)'}`,
    weight: 3,
    empty: false,
    notes,
    series,
    markers,
    thresholds: [],
    left: log
      ? { title: 'price (log)', format: 'price', log, min: lo * 0.92, max: hi * 1.12 }
      : { title: 'price', format: 'price' },
    right: { title: 'volume', format: 'shares', fillFraction: 0.28 },
  };
}
