import type { BorrowSnapshot } from '../domain/short-supply';
import { marketDateAt, minutesOfDayAt } from '../market/market-time';
import { fmtChange, fmtCount } from '../present/format';
import { bold, escapeHtml, italic, preTable } from '../present/html';
import type { BorrowMetrics, MetricFlag } from '../signals/metric-types';
import type { BorrowView } from './borrow-view';

// IBKR borrow figures in words, one place for /borrow, the ticker card, /why and the reports, so they never
// say the same thing two ways. Pure. Fees are annual % as IBKR prints them; their changes are points.

const DASH = '—';

/** An ISO instant as New York wall time: `2022-08-06 22:30 ET`. */
export function etTime(iso: string): string {
  const at = new Date(iso);
  const m = minutesOfDayAt(at);
  return `${marketDateAt(at)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')} ET`;
}

/** 30.3849 → "30.38%"; null → "NA" (the file's word) */
export function feeText(fee: number | null): string {
  return fee === null ? 'NA' : `${fee.toFixed(fee >= 100 ? 1 : 2)}%`;
}

/** +15.2 → "+15.20 pts" */
export function pointsText(points: number | null): string {
  if (points === null) return DASH;
  return `${points > 0 ? '+' : ''}${points.toFixed(2)} pts`;
}

/** shares available, with the file's cap said as it is: ">10M" */
export function availableText(available: number | null, capped: boolean): string {
  if (available === null) return DASH;
  if (available === 0) return 'none';
  return capped ? `>${fmtCount(available)}` : fmtCount(available);
}

const isStale = (flags: readonly MetricFlag[]) => flags.some((f) => f.code === 'borrow_stale');

/** A short cell for tables: "30.38% · 250k", "45.00% · none". */
export function borrowCell(b: BorrowMetrics | null): string {
  if (!b) return DASH;
  return `${feeText(b.feeRate)} · ${availableText(b.available, b.availableCapped)}`;
}

/** The ticker card's line: "30.38% (1d +1.20 pts) · 250k avail", with the trigger said when it fired. */
export function borrowCardLine(b: BorrowMetrics, flags: readonly MetricFlag[] = []): string {
  const change = b.feeChange1d === null ? '' : ` (1d ${pointsText(b.feeChange1d)})`;
  const avail = b.available === 0 ? 'none to borrow' : `${availableText(b.available, b.availableCapped)} avail`;
  const trigger = b.availabilityWentToZero ? ' ⚠ went to zero' : '';
  return `${feeText(b.feeRate)}${change} · ${avail}${trigger}${isStale(flags) ? ' (stale)' : ''}`;
}

/** One sentence for /why. */
export function borrowSentence(b: BorrowMetrics, flags: readonly MetricFlag[] = []): string {
  const fee = b.feeRate === null ? 'fee NA' : `fee ${feeText(b.feeRate)} a year`;
  const moves = [
    b.feeChange1d === null ? null : `${pointsText(b.feeChange1d)} in a day`,
    b.feeChange5d === null ? null : `${pointsText(b.feeChange5d)} in 5 days`,
  ].filter(Boolean);
  const avail = b.availabilityWentToZero
    ? 'no shares left to borrow — availability went to zero in the last session'
    : b.noSharesAvailable
      ? 'no shares left to borrow'
      : `${availableText(b.available, b.availableCapped)} shares available${
          b.availabilityChange5d === null ? '' : ` (${fmtChange(b.availabilityChange5d, 0)} in 5 days)`
        }`;
  const stale = isStale(flags) ? ' — stale' : '';
  return `Borrow (IBKR, ${etTime(b.takenAt)}${stale}): ${fee}${moves.length ? ` (${moves.join(', ')})` : ''}; ${avail}.`;
}

function historyRows(changes: readonly BorrowSnapshot[]): string[][] {
  return changes.map((c) => {
    const t = etTime(c.takenAt);
    const gone = c.feeRate === null && c.rebateRate === null && c.available === null;
    return [
      t.slice(2, 16),
      gone ? 'left' : feeText(c.feeRate),
      gone ? '' : c.rebateRate === null ? 'NA' : c.rebateRate.toFixed(2),
      gone ? '' : availableText(c.available, c.availableCapped),
    ];
  });
}

/** /borrow SYM */
export function borrowText(symbol: string, asOf: string, view: BorrowView): string {
  const { reading } = view;
  if (!reading) {
    const held = view.newestSnapshot ? ` (newest file held: ${etTime(view.newestSnapshot.takenAt)})` : '';
    return `No IBKR borrow figures for ${bold(symbol)} by ${escapeHtml(asOf)}${escapeHtml(held)}.`;
  }
  const b = reading.metrics;
  const latest = view.changes[0];
  const lines = [
    `${bold(`${symbol} borrow`)} — IBKR stock-loan file, as of ${escapeHtml(etTime(b.takenAt))}${
      isStale(reading.flags) ? ` ${bold('(stale)')}` : ''
    }`,
    preTable(
      ['', 'now', '1d', '5d'],
      [
        ['fee', feeText(b.feeRate), pointsText(b.feeChange1d), pointsText(b.feeChange5d)],
        [
          'rebate',
          latest?.rebateRate === null || latest?.rebateRate === undefined ? 'NA' : `${latest.rebateRate.toFixed(2)}%`,
          '',
          '',
        ],
        ['avail', availableText(b.available, b.availableCapped), '', fmtChange(b.availabilityChange5d, 0)],
      ],
      { alignRight: [false, true, true, true] },
    ),
  ];
  if (b.availabilityWentToZero) lines.push(bold('⚠ availability went to zero in the last session'));
  else if (b.noSharesAvailable) lines.push(bold('⚠ no shares available to borrow'));
  if (view.changes.length) {
    lines.push(`Changes stored (newest first):`);
    lines.push(
      preTable(['taken (ET)', 'fee', 'rebate', 'avail'], historyRows(view.changes), {
        alignRight: [false, true, true, true],
      }),
    );
  }
  // the flags as sentences (the stale one is said in the title)
  const notes = reading.flags
    .filter((f) => f.code !== 'borrow_stale')
    .map((f) => `${f.message.charAt(0).toUpperCase()}${f.message.slice(1)}.`);
  lines.push(
    italic(
      [
        'Fee and rebate: annual % (rebate = benchmark − fee); changes in percentage points. A row is stored only when a figure moves.',
        ...notes,
      ].join(' '),
    ),
  );
  return lines.join('\n');
}
