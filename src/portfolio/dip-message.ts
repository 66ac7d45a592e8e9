import { fmtChange, fmtNum, fmtPct, fmtPrice, fmtTimes } from '../present/format';
import { bold, escapeHtml } from '../present/html';
import { joinOrBreak, wrapHtml } from '../present/phone-width';
import type { DipAnalysis } from './dip-analysis';
import type { ThesisCheck } from './dip-rules';
import type { DipSummary } from './dip-summary';
import type { ThesisKey } from './thesis-metrics';

// The words of a dip: one block per position for /dips and, with an alert number, the buy-more alert.
// Telegram HTML, every value escaped; the console and email reuse it.

const ACTION_MARK = { BUY_MORE: '🟢', HOLD: '🟡', REVIEW: '🔴' } as const;
const FORMAT: Partial<Record<ThesisKey, (x: number | null) => string>> = {
  volume_multiple: fmtTimes,
  si_pct_float: (x) => fmtPct(x),
  days_to_cover: (x) => fmtNum(x, 1),
};

/** One thesis check as a card line: `✓ volume multiple` then `1.7× → 1.7× · needs ≥ 1.5×` (one line if it fits). */
function checkLine(c: ThesisCheck): string {
  const f = FORMAT[c.key] ?? ((x: number | null) => fmtNum(x));
  const mark = c.pass === null ? '?' : c.pass ? '✓' : '✗';
  const values = `${f(c.entry)} → ${f(c.now)}${c.needed === null ? '' : ` · needs ≥ ${f(c.needed)}`}`;
  return joinOrBreak(`${mark} ${escapeHtml(c.label)}`, escapeHtml(values), ' ');
}

/** −$225.00, +$100.00: fmtPrice is for prices (positive, small ones with 4 decimals) */
export function signedMoney(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '—' : `${x < 0 ? '−' : '+'}$${Math.abs(x).toFixed(2)}`;
}

const levels = (ls: { price: number; touches: number }[]) =>
  ls.length
    ? ls
        .slice(0, 3)
        .map((l) => `${fmtPrice(l.price)} (${l.touches}×)`)
        .join(', ')
    : 'none found';

export function dipBlockHtml(a: DipAnalysis, options: { alertId?: number } = {}): string {
  const d = a.decision;
  const v = a.valuation;
  // short lines: this is read on a phone
  const lines = [
    joinOrBreak(
      `${ACTION_MARK[d.action]} ${bold(a.symbol)} — ${escapeHtml(d.action)}`,
      d.action === 'BUY_MORE' ? `${fmtNum(d.sizePct, 0)}% of the position` : '',
      ' ',
    ),
    `${a.priceSource === 'intraday' ? 'Intraday' : 'Close'} ${fmtPrice(v.close)} · avg ${fmtPrice(a.position.avgCost)}`,
    joinOrBreak(
      `${fmtChange(-d.dipPct)} (${escapeHtml(d.severity)} dip)`,
      d.fromHighPct ? `${fmtChange(-d.fromHighPct)} from the high` : '',
      ' · ',
      '',
    ),
    `Held ${a.daysHeld} d · ${fmtNum(a.position.quantity, a.position.quantity % 1 ? 2 : 0)} sh`,
    `P&L ${signedMoney(v.pnl)}`,
  ];
  if (a.position.thesis) lines.push(wrapHtml(`Thesis: ${a.position.thesis}`, '  '));
  lines.push(`Thesis check: ${bold(d.thesis)}`, '(then → now)');
  lines.push(...d.checks.map(checkLine));
  lines.push(`Strength ${fmtNum(d.strength)} · ${d.measured}/${d.checks.length} measured`);
  const moved = d.factors.map((f) => `${f.label} ${f.note === 'not measured' ? '—' : `+${fmtNum(f.contribution)}`}`);
  lines.push(wrapHtml(moved.join(', '), '  '));
  if (a.strengthHistory.length > 1)
    lines.push(
      wrapHtml(`History ${a.strengthHistory.map((h) => `${h.day.slice(5)} ${fmtNum(h.strength)}`).join(' → ')}`, '  '),
    );
  lines.push(`Confidence ${fmtNum(d.confidence)}`);
  lines.push(wrapHtml(`Support: ${levels(a.supports)}`, '  '));
  lines.push(wrapHtml(`Resistance: ${levels(a.resistances)}`, '  '));
  lines.push(
    wrapHtml(d.stop === null ? `Stop: none (${d.stopNote})` : `Stop ${fmtPrice(d.stop)} (${d.stopNote})`, '  '),
  );
  lines.push(`R/R ${fmtNum(d.riskReward, 1)}`);
  if (d.entryRange) lines.push(`Entry ${fmtPrice(d.entryRange.low)}–${fmtPrice(d.entryRange.high)}`);
  lines.push(`TP1 ${fmtPrice(d.takeProfit1)} · TP2 ${fmtPrice(d.takeProfit2)}`);
  lines.push(`Max position ${fmtPrice(a.maxPositionUsd)}`);
  if (a.buyMore)
    lines.push(
      wrapHtml(
        `Buy more: ${fmtNum(a.buyMore.shares, a.buyMore.shares % 1 ? 2 : 0)} sh ≈ ${fmtPrice(a.buyMore.usd)} near ${fmtPrice(d.support)}`,
        '  ',
      ),
    );
  if (d.reasons.length) lines.push(`<i>${wrapHtml(d.reasons.join('; '))}</i>`);
  if (options.alertId !== undefined) lines.push(`<i>as of ${escapeHtml(a.day)} · alert #${options.alertId}</i>`);
  return lines.join('\n');
}

/** The portfolio line under the blocks (004 §3.1 summary). */
export function dipSummaryHtml(s: DipSummary): string {
  return [
    `${bold('Portfolio')}: ${s.positions} open · ${s.dips} down`,
    `${s.buyMore} BUY_MORE ≈ $${s.buyMoreUsd.toFixed(2)}`,
    `${s.strongThesis} strong thesis`,
  ].join('\n');
}

export function dipAlertTitle(a: DipAnalysis): string {
  return `BUY MORE ${a.symbol} ${fmtChange(-a.decision.dipPct)} R/R ${fmtNum(a.decision.riskReward, 1)}`;
}
