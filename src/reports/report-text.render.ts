import { fmtChange, fmtNum, fmtPct } from '../present/format';
import { funnelText } from '../present/funnel-view';
import { bold, escapeHtml, italic, preTable } from '../present/html';
import { splitMessage } from '../present/split-message';
import type { DailyReport, ReportAlert } from './daily-report.model';
import { TREND_ARROW, type ComparedName } from './score-row';
import type { WeeklyReport } from './weekly-report.model';
import { generatedStamp } from './report-stamp';
import { levelCell, SEVERITY_ICON } from '../present/levels';

// Reports as chat text: Telegram HTML parse mode, every value escaped, cards and narrow <pre> tables, cut into
// messages of at most 4096 characters by the shared splitter (a table cut in two stays a table).

const signed = (x: number | null): string =>
  x === null ? '' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(2)}`;

/**
 * The ranked names as two-line cards (a phone bubble is ~36 columns): rank, ticker, score, its change
 * and the level, then fuel and trigger. The whole table is in the HTML and CSV files.
 */
export function scoreCards(rows: readonly ComparedName[]): string {
  return rows
    .map((r) => {
      const rank = `${r.rank ?? '—'}.`;
      const level = r.level ? ` ${escapeHtml(levelCell(r.level))}` : '';
      return [
        `${escapeHtml(rank)} ${bold(r.symbol)} ${fmtNum(r.score)} ${escapeHtml(`${TREND_ARROW[r.trend]}${signed(r.change)}`)}${level}`,
        `${' '.repeat(rank.length + 1)}fuel ${fmtNum(r.fuel)} · trig ${fmtNum(r.trigger)}`,
      ].join('\n');
    })
    .join('\n');
}

function alertLine(a: ReportAlert): string {
  const icon = SEVERITY_ICON[a.severity] ?? '•';
  const score = a.score === null ? '' : ` ${fmtNum(a.score)}`;
  return `${icon} ${escapeHtml(a.severity)}${escapeHtml(score)} — ${escapeHtml(a.title)}${a.acked ? ' ✓' : ''}`;
}

const legend = italic(
  `${TREND_ARROW.up} up, ${TREND_ARROW.down} down, ${TREND_ARROW.flat} within ±0.01, ${TREND_ARROW.new} not scored before`,
);

export function dailyReportHtml(r: DailyReport): string {
  const out = [bold(`Daily report — ${r.asOf}`)];
  const compared = r.previousDay ? `changes against ${r.previousDay}` : 'no earlier scores to compare with';
  out.push(escapeHtml(`${r.scoredCount} scored, ${r.ranked.length} ranked; ${compared}.`));
  if (r.top.length) out.push(bold(`Top ${r.top.length}`), scoreCards(r.top), legend);
  else out.push('No candidates were scored for this day.');
  if (r.previousDay) {
    out.push(
      bold('New candidates'),
      r.newCandidates.length
        ? escapeHtml(r.newCandidates.map((c) => `${c.symbol} (#${c.rank ?? '—'}, ${fmtNum(c.score)})`).join(', '))
        : 'None: the ranking holds the same names.',
    );
  }
  out.push(
    bold(`Alerts (${r.alerts.length})`),
    ...(r.alerts.length ? r.alerts.map(alertLine) : ['No alerts this day.']),
  );
  out.push(bold('Pipeline funnel'));
  // the same funnel text as /pipeline
  if (r.funnel) out.push(funnelText(r.funnel.run, r.funnel.stages));
  else out.push('No pipeline run for this day.');
  out.push(bold('Data freshness'), ...r.freshness.map((f) => `${f.stale ? '⚠️' : '✅'} ${escapeHtml(f.message)}`));
  return out.join('\n');
}

export function weeklyReportHtml(r: WeeklyReport): string {
  const out = [bold(`Weekly summary — ${r.weekStart} to ${r.asOf}`)];
  out.push(escapeHtml(r.weekAgoDay ? `Changes against ${r.weekAgoDay}.` : 'No scores a week earlier to compare with.'));
  if (r.top.length) out.push(bold(`Top ${r.top.length} candidates`), scoreCards(r.top), legend);
  else out.push('No candidates were scored at the end of this week.');
  if (r.weekAgoDay) {
    out.push(bold('Week over week'));
    out.push(`Entered: ${escapeHtml(r.entered.map((c) => c.symbol).join(', ') || 'none')}`);
    out.push(`Left: ${escapeHtml(r.left.map((c) => c.symbol).join(', ') || 'none')}`);
    if (r.movers.length)
      out.push(`Biggest moves: ${escapeHtml(r.movers.map((m) => `${m.symbol} ${signed(m.change)}`).join(', '))}`);
  }
  out.push(bold(`Alerts: ${r.alertTotals.squeeze} squeeze, ${r.alertTotals.system} system`));
  if (r.alertCounts.length)
    out.push(
      preTable(
        ['kind', 'level', 'count'],
        r.alertCounts.map((c) => [c.kind, c.severity, String(c.n)]),
      ),
    );
  out.push(bold('Earlier alerts, afterwards'));
  if (r.performance?.length) {
    out.push(escapeHtml(r.performanceNote));
    out.push(
      preTable(
        ['level', 'alerts', 'success', '7d', 'peak'],
        r.performance.map((p) => [
          p.level,
          `${p.alerts}`,
          fmtPct(p.successRate, 0),
          fmtChange(p.avgReturn7d),
          fmtChange(p.avgPeak),
        ]),
      ),
    );
  } else out.push(escapeHtml(r.performanceNote));
  return out.join('\n');
}

/** The report as chat messages, each at most 4096 characters of valid Telegram HTML. */
export function reportMessages(r: DailyReport | WeeklyReport): string[] {
  const html = r.kind === 'daily' ? dailyReportHtml(r) : weeklyReportHtml(r);
  return splitMessage(`${html}\n${italic(generatedStamp(r.generatedAt))}`);
}

/** A short summary for a document caption (at most 1024 characters). */
export function reportCaption(r: DailyReport | WeeklyReport): string {
  const top =
    r.top
      .slice(0, 3)
      .map((c) => `${c.symbol} ${fmtNum(c.score)}`)
      .join(', ') || 'no candidates';
  const head = r.kind === 'daily' ? `Daily report ${r.asOf}` : `Weekly summary ${r.weekStart} – ${r.asOf}`;
  return `${bold(head)}: ${escapeHtml(top)}`;
}
