import { CHART_COLORS } from './chart-canvas';
import { emptyPanel, presentCount, type Panel } from './chart-model';
import { coverageNote, gaps, type AxisContext } from './panel-context';

// Every stored squeeze score per day, with fuel and trigger, against the configured alert thresholds:
// live runs' scores as solid dots on a line, backtest replays' as hollow dots, so a replay fills the
// history a single live run leaves as one dot. A day without a stored score is a gap, not a zero.

export function scorePanel(ctx: AxisContext): Panel {
  const title = 'Squeeze score';
  const live = gaps(ctx);
  const backtest = gaps(ctx);
  const fuel = gaps(ctx);
  const trigger = gaps(ctx);
  const finite = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);
  // live scores first, so fuel and trigger are a live run's where the day has one
  const ordered = [...ctx.data.scores].sort(
    (a, b) => Number(a.origin === 'backtest') - Number(b.origin === 'backtest'),
  );
  for (const s of ordered) {
    const i = ctx.indexOf.get(s.asOf);
    if (i === undefined || !Number.isFinite(s.score)) continue;
    const isLive = s.origin !== 'backtest';
    (isLive ? live : backtest)[i] = s.score;
    if (!isLive && live[i] !== null) continue;
    fuel[i] = finite(s.fuel);
    trigger[i] = finite(s.trigger);
  }
  const score = live.map((v, i) => v ?? backtest[i]!);
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
  const series: Panel['series'] = [];
  if (presentCount(live))
    series.push({
      kind: 'line',
      id: 'score',
      label: 'score',
      color: CHART_COLORS.text,
      axis: 'left',
      values: live,
      width: 2.5,
      points: 'solid',
    });
  if (presentCount(backtest)) {
    series.push({
      kind: 'line',
      id: 'score_backtest',
      label: 'backtest',
      color: CHART_COLORS.blue,
      axis: 'left',
      values: backtest,
      width: 1,
      points: 'hollow',
      // a replay scores only the days a name made its funnel: dots, not a line through the gaps
      joined: false,
    });
    notes.push(`Hollow dots: backtest replays (${presentCount(backtest)} days); solid: live runs.`);
  }
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
