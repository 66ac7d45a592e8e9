import { CHART_COLORS } from './chart-canvas';
import { emptyPanel, presentCount, type Panel } from './chart-model';
import { coverageNote, gaps, type AxisContext } from './panel-context';

// The stored squeeze score per run day, with fuel and trigger, against the configured alert
// thresholds. A day without a stored score (not deep-scanned, no run) is a gap, not a zero.

export function scorePanel(ctx: AxisContext): Panel {
  const title = 'Squeeze score';
  const score = gaps(ctx);
  const fuel = gaps(ctx);
  const trigger = gaps(ctx);
  for (const s of ctx.data.scores) {
    const i = ctx.indexOf.get(s.asOf);
    if (i === undefined || !Number.isFinite(s.score)) continue;
    score[i] = s.score;
    fuel[i] = s.fuel !== null && Number.isFinite(s.fuel) ? s.fuel : null;
    trigger[i] = s.trigger !== null && Number.isFinite(s.trigger) ? s.trigger : null;
  }
  const present = presentCount(score);
  if (present === 0) {
    return emptyPanel(
      'score',
      title,
      2,
      `No squeeze scores stored for ${ctx.data.symbol} in this range: it was not deep-scanned (or no run was saved).`,
      { title: 'score', format: 'score' },
    );
  }
  const notes: string[] = [];
  const coverage = coverageNote('Scored', present, ctx.dates.length);
  if (coverage) notes.push(coverage);
  // a single scored day draws no line: say so rather than show an empty-looking panel
  if (present === 1)
    notes.push(
      `One scored day (${ctx.dates[score.findIndex((v) => v !== null)]}): ${score.find((v) => v !== null)!.toFixed(2)}.`,
    );
  const t = ctx.data.thresholds;
  const series: Panel['series'] = [
    { kind: 'line', id: 'score', label: 'score', color: CHART_COLORS.text, axis: 'left', values: score, width: 2.5 },
  ];
  if (presentCount(fuel))
    series.push({
      kind: 'line',
      id: 'fuel',
      label: 'fuel',
      color: CHART_COLORS.teal,
      axis: 'left',
      values: fuel,
      width: 1.5,
    });
  if (presentCount(trigger))
    series.push({
      kind: 'line',
      id: 'trigger',
      label: 'trigger',
      color: CHART_COLORS.purple,
      axis: 'left',
      values: trigger,
      width: 1.5,
    });
  return {
    id: 'score',
    title,
    weight: 2,
    empty: false,
    notes,
    series,
    markers: [],
    thresholds: [
      { label: `high ${t.high.toFixed(2)}`, value: t.high, color: CHART_COLORS.high, axis: 'left' },
      { label: `medium ${t.medium.toFixed(2)}`, value: t.medium, color: CHART_COLORS.medium, axis: 'left' },
      { label: `low ${t.low.toFixed(2)}`, value: t.low, color: CHART_COLORS.low, axis: 'left' },
    ],
    left: { title: 'score', format: 'score', min: 0, max: 1 },
  };
}
