import { fmtChange, fmtMarketInstant, fmtNum, fmtPct } from '../present/format';
import { escapeHtml as esc } from '../present/html';
import type { DailyReport } from './daily-report.model';
import { reasonsText } from '../present/funnel-view';
import { stageLabel } from '../present/labels/reasons';
import type { WeeklyReport } from './weekly-report.model';
import {
  table,
  section,
  para,
  trendCell,
  NAME_HEADER,
  nameRow,
  newTable,
  chartsSection,
  definitionsSection,
  page,
  type HtmlOptions,
  type ReportChart,
} from './report-html.parts';

// A report as one self-contained HTML file: CSS inline, charts inline (data URIs for the file, cid:
// references for the email, which attaches the PNGs), readable on a phone, printable, and ending
// with a definitions panel that says what each metric means and where it misleads. Phone first: the
// summary, alerts and funnel come before the chart thumbnails, which come before the definitions.

export { chartCid, type HtmlOptions, type ReportChart } from './report-html.parts';

export function dailyReportDocument(
  r: DailyReport,
  charts: readonly ReportChart[] = [],
  options: HtmlOptions = {},
): string {
  const compared = r.previousDay ? `changes against ${r.previousDay}` : 'no earlier scores to compare with';
  const alerts = r.alerts.length
    ? table(
        [
          { label: 'When' },
          { label: 'Level', lead: true },
          { label: 'Symbol', lead: true },
          { label: 'Score', num: true },
          { label: 'Alert', wide: true },
          { label: 'Ack' },
        ],
        r.alerts.map((a) => [
          fmtMarketInstant(a.createdAt),
          { html: `<span class="level level-${esc(a.severity)}">${esc(a.severity)}</span>` },
          a.symbol ?? '—',
          fmtNum(a.score),
          a.title,
          a.acked ? 'yes' : 'no',
        ]),
      )
    : para('No alerts this day.');
  const funnel = r.funnel
    ? para(
        `Run ${r.funnel.run.id}: ${r.funnel.run.status}, health ${fmtNum(r.funnel.run.healthScore)}${r.funnel.run.fallbackDetected ? ', a stage fell back' : ''}.`,
      ) +
      table(
        [
          { label: 'Stage', lead: true },
          { label: 'In', num: true },
          { label: 'Out', num: true },
          { label: 'Cut, by reason', wide: true },
          { label: 'Status', wide: true },
        ],
        r.funnel.stages.map((s) => [
          stageLabel(s.name),
          s.symbolsIn.toLocaleString('en-US'),
          s.symbolsOut.toLocaleString('en-US'),
          reasonsText(s.eliminationReasons) || '—',
          s.status + (s.fallback ? ` (fallback: ${s.fallback})` : ''),
        ]),
      ) +
      (r.funnel.run.error ? para(`Error: ${r.funnel.run.error}`, 'warn') : '')
    : para('No pipeline run for this day.');
  const freshness = `<ul class="freshness">${r.freshness.map((f) => `<li class="${f.stale ? 'stale' : 'fresh'}">${f.stale ? '⚠' : '✓'} ${esc(f.message)}</li>`).join('')}</ul>`;
  return page(
    `Daily report — ${r.asOf}`,
    `${r.scoredCount} scored, ${r.ranked.length} ranked; ${compared}.`,
    [
      section(
        'top',
        `Top ${r.top.length}`,
        r.top.length
          ? table(NAME_HEADER, r.top.map(nameRow), 'names')
          : para('No candidates were scored for this day.'),
      ),
      section('alerts', `Alerts (${r.alerts.length})`, alerts),
      section('funnel', 'Pipeline funnel', funnel),
      r.previousDay
        ? section(
            'new',
            'New candidates',
            r.newCandidates.length
              ? newTable(r.newCandidates)
              : para('None: the ranking holds the same names as before.'),
          )
        : '',
      section('freshness', 'Data freshness', freshness),
      chartsSection(charts, options),
      definitionsSection(),
    ],
    r.generatedAt,
    options.notes,
  );
}

export function weeklyReportDocument(
  r: WeeklyReport,
  charts: readonly ReportChart[] = [],
  options: HtmlOptions = {},
): string {
  const wow = r.weekAgoDay
    ? [
        para(`Entered the ranking: ${r.entered.map((c) => c.symbol).join(', ') || 'none'}.`),
        para(`Left the ranking: ${r.left.map((c) => c.symbol).join(', ') || 'none'}.`),
        r.movers.length
          ? table(
              [
                { label: 'Symbol', lead: true },
                { label: 'Week ago', num: true },
                { label: 'Now', num: true },
                { label: 'Change' },
              ],
              r.movers.map((m) => [m.symbol, fmtNum(m.previousScore), fmtNum(m.score), trendCell(m)]),
            )
          : '',
      ].join('\n')
    : para('No scores a week earlier to compare with.');
  const counts = r.alertCounts.length
    ? table(
        [
          { label: 'Kind', lead: true },
          { label: 'Level', lead: true },
          { label: 'Alerts', num: true },
        ],
        r.alertCounts.map((c) => [
          c.kind,
          { html: `<span class="level level-${esc(c.severity)}">${esc(c.severity)}</span>` },
          String(c.n),
        ]),
      )
    : para('No alerts this week.');
  const perf = r.performance?.length
    ? para(r.performanceNote) +
      table(
        [
          { label: 'Level', lead: true },
          { label: 'Alerts', num: true },
          { label: 'Measured', num: true },
          { label: 'Success', num: true },
          { label: '7-day return', num: true },
          { label: 'Peak return', num: true },
        ],
        r.performance.map((p) => [
          p.level,
          String(p.alerts),
          String(p.measured),
          fmtPct(p.successRate, 0),
          fmtChange(p.avgReturn7d),
          fmtChange(p.avgPeak),
        ]),
      )
    : para(r.performanceNote, 'note');
  return page(
    `Weekly summary — ${r.weekStart} to ${r.asOf}`,
    r.weekAgoDay ? `Changes against ${r.weekAgoDay}.` : 'No earlier week to compare with.',
    [
      section(
        'top',
        `Top ${r.top.length} candidates`,
        r.top.length
          ? table(NAME_HEADER, r.top.map(nameRow), 'names')
          : para('No candidates were scored at the end of this week.'),
      ),
      section('alerts', `Alerts: ${r.alertTotals.squeeze} squeeze, ${r.alertTotals.system} system`, counts),
      section('week-over-week', 'Week over week', wow),
      section('performance', 'Earlier alerts, afterwards', perf),
      chartsSection(charts, options),
      definitionsSection(),
    ],
    r.generatedAt,
    options.notes,
  );
}
