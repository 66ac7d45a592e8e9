import type { BorrowSnapshot } from '../../domain/short-supply';
import { CHART_COLORS } from './chart-canvas';
import { formatValue } from './chart-format';
import { presentCount, type Panel } from './chart-model';
import { gaps, type AxisContext } from './panel-context';

// IBKR borrow: the fee (annual %, a step line on the left axis) and the shares available (bars on the
// right axis, kept to the lower half so the fee reads above them). Point in time: each day shows the
// figures in force at its end, on days a snapshot was taken (a day without one is a gap, never the last
// figures carried on). Availability of `>10000000` is drawn at the cap in grey, the file's own limit.
// Null (left out) when the store holds no snapshot of the symbol in the range.

export function borrowPanel(ctx: AxisContext): Panel | null {
  const data = ctx.data.borrow;
  if (!data || data.rows.length === 0) return null;
  const rows = data.rows.filter((r) => r.publishedOn <= ctx.data.asOf);
  const fee = gaps(ctx);
  const avail = gaps(ctx);
  const capped = gaps(ctx);
  const none: Panel['markers'] = [];
  let k = 0;
  let s = 0;
  let current: BorrowSnapshot | null = null;
  let prevDate: string | null = null;
  let wasAvailable = false;
  ctx.dates.forEach((d, i) => {
    while (k < rows.length && rows[k]!.publishedOn <= d) current = rows[k++]!;
    // a snapshot on this session or since the one before (a weekend file counts for Monday)
    let taken = false;
    while (s < data.snapshotDays.length && data.snapshotDays[s]! <= d) {
      if (prevDate === null || data.snapshotDays[s]! > prevDate) taken = true;
      s++;
    }
    prevDate = d;
    const c = current;
    if (!taken || !c) return;
    if (c.feeRate !== null) fee[i] = c.feeRate / 100;
    if (c.available !== null) (c.availableCapped ? capped : avail)[i] = c.available;
    // marked where it runs out, not on every day it stays out
    if (c.available === 0 && wasAvailable)
      none.push({ index: i, date: d, value: fee[i] ?? 0, label: 'ran out of shares', color: CHART_COLORS.red });
    wasAvailable = c.available !== 0;
  });
  const title = 'Borrow (IBKR stock-loan file)';
  if (presentCount(fee) + presentCount(avail) + presentCount(capped) === 0) return null;

  const last = [...rows].reverse().find((r) => r.feeRate !== null || r.available !== null);
  const notes: string[] = [];
  if (last) {
    const a =
      last.available === null
        ? '—'
        : last.available === 0
          ? 'no'
          : `${last.availableCapped ? '>' : ''}${formatValue(last.available, 'shares')}`;
    notes.push(
      `Latest: fee ${last.feeRate === null ? 'NA' : `${last.feeRate.toFixed(2)}%`} a year, ${a} shares available (${last.publishedOn}).`,
    );
  }
  const firstShown = fee.findIndex((v, i) => v !== null || avail[i] !== null || capped[i] !== null);
  if (firstShown > 0) notes.push(`No snapshot before ${ctx.dates[firstShown]}; gaps are sessions without one.`);
  const series: Panel['series'] = [];
  if (presentCount(avail))
    series.push({
      kind: 'bar',
      id: 'borrow_available',
      label: 'shares available (right)',
      color: 'rgba(31, 119, 180, 0.35)',
      axis: 'right',
      values: avail,
    });
  if (presentCount(capped))
    series.push({
      kind: 'bar',
      id: 'borrow_available_capped',
      label: '>10M available, capped (right)',
      color: 'rgba(127, 127, 127, 0.30)',
      axis: 'right',
      values: capped,
    });
  series.push({
    kind: 'line',
    id: 'borrow_fee',
    label: 'borrow fee, % a year',
    color: CHART_COLORS.purple,
    axis: 'left',
    values: fee,
    step: true,
    width: 2.5,
  });
  return {
    id: 'borrow',
    title,
    weight: 2,
    empty: false,
    notes,
    markers: none,
    thresholds: [],
    series,
    left: { title: 'fee % / year', format: 'percent', min: 0 },
    right: { title: 'shares available', format: 'shares', min: 0, fillFraction: 0.5 },
  };
}
