import { computeOffExchangeMetrics } from '../../signals/off-exchange-metrics';
import { CHART_COLORS } from './chart-canvas';
import { presentCount, type Panel } from './chart-model';
import { gaps, type AxisContext } from './panel-context';

// Off-exchange, as the metrics module reads it each day (point in time, so OTC participation moves
// in weekly steps when FINRA publishes a week, weeks late). A stale week (older than FINRA's
// calendar says should be out) is drawn dashed. Lit flow imbalance and the accumulation score share
// the right axis (−100..100; the score is 0..100 with 50 neutral). FINRA gives OTC volume, never a
// side: nothing here says OTC buying or selling. Null (left out) when the store has neither OTC
// weeks nor lit trades for the symbol.

export function offExchangePanel(ctx: AxisContext): Panel | null {
  const { data } = ctx;
  if (data.otcWeeks.length === 0 && data.trades.length === 0) return null;
  const anchored = gaps(ctx);
  const stale = gaps(ctx);
  const lit = gaps(ctx);
  const acc = gaps(ctx);
  const conf = gaps(ctx);
  const bars = data.bars.filter((b) => b.date <= data.asOf);
  let b = 0;
  ctx.dates.forEach((d, i) => {
    while (b < bars.length && bars[b]!.date <= d) b++;
    const { metrics } = computeOffExchangeMetrics({
      asOf: d,
      otcWeeks: data.otcWeeks,
      bars: bars.slice(0, b),
      trades: data.trades,
    });
    if (!metrics) return;
    if (metrics.otcParticipation !== null)
      (metrics.otcFlag === 'stale' ? stale : anchored)[i] = metrics.otcParticipation;
    if (metrics.litImbalance !== null) lit[i] = metrics.litImbalance * 100;
    if (metrics.accumulationScore !== null) acc[i] = metrics.accumulationScore;
    if (metrics.accumulationConfidence !== null && metrics.accumulationScore !== null)
      conf[i] = metrics.accumulationConfidence * 100;
  });

  const notes: string[] = [
    'OTC participation: the newest published week\u2019s off-exchange share of bar volume (FINRA gives no OTC direction).',
  ];
  const series: Panel['series'] = [];
  if (presentCount(anchored))
    series.push({
      kind: 'line',
      id: 'otc_anchored',
      label: 'OTC participation',
      color: CHART_COLORS.blue,
      axis: 'left',
      values: anchored,
      step: true,
      width: 2.5,
    });
  if (presentCount(stale)) {
    series.push({
      kind: 'line',
      id: 'otc_stale',
      label: 'OTC participation (stale week)',
      color: CHART_COLORS.grey,
      axis: 'left',
      values: stale,
      step: true,
      dashed: true,
      width: 2.5,
    });
    notes.push('Dashed: the newest week held is older than FINRA has published (stale).');
  }
  if (!presentCount(anchored) && !presentCount(stale))
    notes.push('No OTC participation: no published week with bars for all its sessions.');
  if (presentCount(lit))
    series.push({
      kind: 'line',
      id: 'lit',
      label: 'lit flow imbalance ×100 (right)',
      color: CHART_COLORS.green,
      axis: 'right',
      values: lit,
      width: 1.5,
    });
  else notes.push('No lit trade data: no lit flow imbalance.');
  if (presentCount(acc)) {
    series.push({
      kind: 'line',
      id: 'accumulation',
      label: 'accumulation 0–100 (right)',
      color: CHART_COLORS.orange,
      axis: 'right',
      values: acc,
      width: 2,
    });
    series.push({
      kind: 'line',
      id: 'confidence',
      label: 'confidence % (right)',
      color: CHART_COLORS.orange,
      axis: 'right',
      values: conf,
      dashed: true,
      width: 1,
    });
  } else notes.push('No accumulation score: it needs lit flow or price/volume context.');
  if (series.length === 0) {
    return {
      id: 'off_exchange',
      title: 'Off-exchange',
      weight: 2,
      empty: true,
      notes,
      series,
      markers: [],
      thresholds: [],
      left: { title: '', format: 'percent' },
    };
  }
  return {
    id: 'off_exchange',
    title: 'Off-exchange (OTC / ATS, lit flow)',
    weight: 2,
    empty: false,
    notes,
    series,
    markers: [],
    thresholds: [],
    left: { title: 'OTC participation', format: 'percent', min: 0 },
    right: { title: 'imbalance / score', format: 'number', min: -100, max: 100 },
  };
}
