import type { FailsRow } from '../../domain/short-supply';
import { failsPeriodEnd, failsPeriodFromName, failsPeriodStart } from '../../market/sec-fails-calendar';
import { previousTradingDay, tradingDaysBetween } from '../../market/trading-calendar';
import { closeOutDate, computeFailsMetrics } from '../../signals/fails-metrics';
import { CHART_COLORS } from './chart-canvas';
import { formatValue } from './chart-format';
import { presentCount, type Marker, type Panel } from './chart-model';
import { gaps, type AxisContext } from './panel-context';

// SEC fails-to-deliver by settlement day (bars, shares) with the balance as a multiple of the 20-session
// average volume (line, right axis), and a mark on the Reg SHO Rule 204(a)(2) close-out day (T+35
// calendar days, the next session when that is a holiday) of each run of fails: the day the oldest fail
// of the run had to be bought in by. Point in time: only files published by asOf, so the last 2-3 weeks
// are always blank. A settlement day inside a half-month file that lists the symbol and has no row of it
// is a zero (the SEC prints balances only); a half month with no row of the symbol is a gap, because
// the chart cannot tell "no fails" from "no file held" there. The same rule as fails-metrics.ts.
// Null (left out) when the store holds no fails of the symbol in the range.

const MARK = 'T+35 close-out due';

export function failsPanel(ctx: AxisContext): Panel | null {
  const rows = (ctx.data.fails ?? []).filter((r) => r.publishedOn <= ctx.data.asOf && r.quantity > 0);
  if (rows.length === 0) return null;
  const byDay = balancesByDay(rows);
  const covered = coveredDays(rows);

  const bars = gaps(ctx);
  const ofAdv = gaps(ctx);
  ctx.dates.forEach((d, i) => {
    const q = byDay.get(d) ?? (covered.has(d) ? 0 : null);
    if (q === null) return;
    bars[i] = q;
    const adv = ctx.adv20ByDate.get(d);
    if (adv && adv > 0) ofAdv[i] = q / adv;
  });
  if (presentCount(bars) === 0) return null;

  const markers: Marker[] = [];
  const ahead: string[] = [];
  for (const start of runStarts(byDay)) {
    const due = closeOutDate(start);
    if (due > ctx.data.asOf) continue;
    const i = ctx.indexOf.get(due);
    if (i !== undefined)
      markers.push({ index: i, date: due, value: bars[i] ?? 0, label: MARK, color: CHART_COLORS.red });
  }
  const reading = computeFailsMetrics(rows, { floatShares: ctx.data.floatShares, adv20: null }, ctx.data.asOf);
  if (reading) ahead.push(...reading.metrics.closeOutDates);

  const notes: string[] = [];
  if (reading) {
    const m = reading.metrics;
    notes.push(
      `Newest settlement day held: ${m.settlementDate}, ${formatValue(m.quantity, 'shares')} shares failing (published by ${m.publishedOn}; the SEC's files come 2-3 weeks after their half month).`,
    );
    if (ahead.length)
      notes.push(
        `T+35 close-outs still ahead of ${ctx.data.asOf}: ${ahead.slice(0, 3).join(', ')}${ahead.length > 3 ? ` and ${ahead.length - 3} more` : ''}.`,
      );
  }
  if (markers.length) notes.push(`▲ the close-out day of each run of fails (${markers.length} in the range).`);
  notes.push('Gaps are half months with no fails of the symbol held.');

  return {
    id: 'fails',
    title: 'Fails to deliver (SEC)',
    weight: 2,
    empty: false,
    notes,
    markers,
    thresholds: [],
    series: [
      {
        kind: 'bar',
        id: 'fails_shares',
        label: 'fails, shares',
        color: 'rgba(214, 39, 40, 0.45)',
        axis: 'left',
        values: bars,
      },
      {
        kind: 'line',
        id: 'fails_of_adv',
        label: 'fails ÷ 20-day volume (right)',
        color: CHART_COLORS.brown,
        axis: 'right',
        values: ofAdv,
        width: 1.5,
      },
    ],
    left: { title: 'shares failing', format: 'shares', min: 0 },
    right: { title: '× 20-day volume', format: 'number', min: 0 },
  };
}

/** Several CUSIPs on one day are summed. */
function balancesByDay(rows: readonly FailsRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.settlementDate, (out.get(r.settlementDate) ?? 0) + r.quantity);
  return out;
}

/** The trading days of every half-month file the rows came from. */
function coveredDays(rows: readonly FailsRow[]): Set<string> {
  const out = new Set<string>();
  for (const file of new Set(rows.map((r) => r.file))) {
    const p = failsPeriodFromName(file);
    if (p) for (const d of tradingDaysBetween(failsPeriodStart(p), failsPeriodEnd(p))) out.add(d);
  }
  return out;
}

/** The first day of each run of consecutive fail days: the session before it had no fails held. */
function runStarts(byDay: ReadonlyMap<string, number>): string[] {
  return [...byDay.keys()].sort().filter((d) => !byDay.has(previousTradingDay(d)));
}
