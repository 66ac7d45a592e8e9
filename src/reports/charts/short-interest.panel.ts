import { barVolumes, daysToCoverOf } from '../../signals/days-to-cover';
import { percentOfFloatOf } from '../../signals/short-interest-metrics';
import { fmtNum } from '../../present/format';
import { CHART_COLORS } from './chart-canvas';
import { emptyPanel, presentCount, type Panel } from './chart-model';
import { formatValue } from './chart-format';
import { gaps, type AxisContext } from './panel-context';

// Short interest as steps that change on each report's publication day (settlement + 7 business
// days), never its settlement day: the chart shows what a trader could have known. Days to cover is
// signals/days-to-cover.ts, the figure the card, /si, score and reports show. As % of float when the
// float is known, else in shares.

export function shortInterestPanel(ctx: AxisContext): Panel {
  const title = 'Short interest (dated by publication)';
  const reports = ctx.data.shortInterest
    .filter((r) => r.publishedOn <= ctx.data.asOf && Number.isFinite(r.shortInterest) && r.shortInterest >= 0)
    .sort((a, b) =>
      a.publishedOn === b.publishedOn
        ? a.settlementDate.localeCompare(b.settlementDate)
        : a.publishedOn.localeCompare(b.publishedOn),
    );
  const float = ctx.data.floatShares !== null && ctx.data.floatShares > 0 ? ctx.data.floatShares : null;
  const shown = gaps(ctx);
  const dtc = gaps(ctx);
  const volumes = barVolumes(ctx.data.bars);

  // walk the axis and the reports together: on each day, the newest settlement published by then
  let k = 0;
  let current: (typeof reports)[number] | null = null;
  let currentDtc: number | null = null;
  ctx.dates.forEach((d, i) => {
    while (k < reports.length && reports[k]!.publishedOn <= d) {
      const r = reports[k++]!;
      if (!current || r.settlementDate >= current.settlementDate) {
        current = r;
        currentDtc = daysToCoverOf(r, volumes)?.value ?? null;
      }
    }
    if (!current) return;
    shown[i] = percentOfFloatOf(current.shortInterest, float) ?? current.shortInterest;
    dtc[i] = currentDtc;
  });

  if (presentCount(shown) === 0) {
    return emptyPanel('short_interest', title, 2, `No FINRA short-interest report published by ${ctx.data.asOf}.`, {
      title: 'short interest',
      format: 'shares',
    });
  }
  const notes: string[] = [];
  const last = current as (typeof reports)[number] | null;
  if (last) {
    const pct = float ? `, ${formatValue(percentOfFloatOf(last.shortInterest, float)!, 'percent')} of float` : '';
    const dtcText = currentDtc === null ? '' : `, days to cover ${fmtNum(currentDtc, 1)}`;
    notes.push(
      `Latest: ${formatValue(last.shortInterest, 'shares')} shares short${pct}, settled ${last.settlementDate}, published ${last.publishedOn}${dtcText}.`,
    );
  }
  if (!float) notes.push('Float unknown: short interest in shares, no % of float.');
  const firstShown = shown.findIndex((v) => v !== null);
  if (firstShown > 0) notes.push(`No report published before ${ctx.dates[firstShown]}.`);
  if (presentCount(dtc) < presentCount(shown))
    notes.push('Days to cover missing where the 20 sessions to the settlement have no volume.');
  return {
    id: 'short_interest',
    title,
    weight: 2,
    empty: false,
    notes,
    markers: [],
    thresholds: [],
    series: [
      {
        kind: 'line',
        id: 'si',
        label: float ? 'short interest, % of float' : 'short interest, shares',
        color: CHART_COLORS.red,
        axis: 'left',
        values: shown,
        step: true,
        width: 2.5,
      },
      {
        kind: 'line',
        id: 'dtc',
        label: 'days to cover (right)',
        color: CHART_COLORS.brown,
        axis: 'right',
        values: dtc,
        step: true,
        dashed: true,
      },
    ],
    left: { title: float ? '% of float' : 'shares short', format: float ? 'percent' : 'shares', min: 0 },
    // days to cover keeps to the lower half so its steps never hide behind the short-interest ones
    right: { title: 'days to cover', format: 'days', min: 0, fillFraction: 0.5 },
  };
}
