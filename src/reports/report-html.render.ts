import { fmtChange, fmtInstant, fmtNum, fmtPct, fmtPrice, fmtTimes, words } from '../present/format';
import { escapeHtml as esc } from '../present/html';
import type { DailyReport } from './daily-report.model';
import { reasonsText } from '../present/funnel-view';
import { METRIC_DEFINITIONS } from './metric-definitions';
import { REPORT_CSS } from './report-html.style';
import { TREND_ARROW, type ComparedName, type ScoredName } from './score-row';
import type { WeeklyReport } from './weekly-report.model';

// A report as one self-contained HTML file: CSS inline, charts inline (data URIs for the file, cid:
// references for the email, which attaches the PNGs), readable on a phone, printable, and ending
// with a definitions panel that says what each metric means and where it misleads.

export interface ReportChart {
  symbol: string;
  png: Buffer;
  caption: string;
  /** the content id in an email; generated from the symbol when absent */
  cid?: string;
}

export interface HtmlOptions {
  /** 'data' embeds each PNG (a file that stands alone); 'cid' refers to `cid:<cidOf(chart)>` (email) */
  images?: 'data' | 'cid';
  /** extra lines shown above the footer (the digest's delivery state) */
  notes?: string[];
}

/** The content id an email attaches a chart under. */
export const chartCid = (c: ReportChart, i: number): string =>
  c.cid ?? `chart-${i + 1}-${c.symbol.replace(/[^A-Za-z0-9]/g, '_')}@squeezebot`;

type Cell = string | { html: string; cls?: string };

function table(header: { label: string; def?: string; num?: boolean }[], rows: Cell[][], cls = ''): string {
  const th = header
    .map(
      (h) =>
        `<th${h.num ? ' class="num"' : ''}>${h.def ? `<a href="#def-${h.def}">${esc(h.label)}</a>` : esc(h.label)}</th>`,
    )
    .join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((c, i) => {
            const num = header[i]?.num ? 'num' : '';
            if (typeof c === 'string') return `<td${num ? ` class="${num}"` : ''}>${esc(c)}</td>`;
            const k = [num, c.cls].filter(Boolean).join(' ');
            return `<td${k ? ` class="${k}"` : ''}>${c.html}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap"><table class="${cls}"><thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

const section = (id: string, title: string, body: string): string =>
  `<section id="${id}">\n<h2>${esc(title)}</h2>\n${body}\n</section>`;
const para = (text: string, cls = ''): string => `<p${cls ? ` class="${cls}"` : ''}>${esc(text)}</p>`;

function trendCell(r: ComparedName): Cell {
  const change =
    r.change === null ? '' : ` ${r.change > 0 ? '+' : r.change < 0 ? '−' : '±'}${Math.abs(r.change).toFixed(2)}`;
  return {
    html: `<span class="trend trend-${r.trend}" title="${r.trend}">${TREND_ARROW[r.trend]}</span>${esc(change)}`,
    cls: 'nowrap',
  };
}

const NAME_HEADER = [
  { label: '#', num: true },
  { label: 'Symbol' },
  { label: 'Score', def: 'score', num: true },
  { label: 'Change' },
  { label: 'Fuel', def: 'fuel', num: true },
  { label: 'Trigger', def: 'trigger', num: true },
  { label: 'Level' },
  { label: 'Close', num: true },
  { label: 'Vol spike', def: 'volume_spike', num: true },
  { label: 'RSI', def: 'rsi', num: true },
  { label: 'SI % float', def: 'si_pct_float', num: true },
  { label: 'DTC', def: 'days_to_cover', num: true },
  { label: 'Short ratio', def: 'short_ratio', num: true },
  { label: 'Z', def: 'short_ratio_z', num: true },
  { label: 'Exempt', def: 'short_exempt_share', num: true },
  { label: 'OTC', def: 'otc_participation', num: true },
  { label: 'Accum.', def: 'accumulation_score', num: true },
  { label: 'Top factors' },
];

function nameRow(r: ComparedName | ScoredName): Cell[] {
  const level = r.level ? { html: `<span class="level level-${esc(r.level)}">${esc(r.level)}</span>` } : '—';
  return [
    String(r.rank ?? '—'),
    { html: `<b>${esc(r.symbol)}</b>` },
    fmtNum(r.score),
    'trend' in r ? trendCell(r) : '',
    fmtNum(r.fuel),
    fmtNum(r.trigger),
    level,
    fmtPrice(r.close),
    fmtTimes(r.volumeSpike),
    fmtNum(r.rsi14, 0),
    fmtPct(r.siPercentFloat),
    fmtNum(r.daysToCover, 1),
    fmtPct(r.shortRatio),
    fmtNum(r.shortRatioZ, 1),
    fmtPct(r.shortExemptShare),
    r.otcParticipation === null ? '—' : `${fmtPct(r.otcParticipation)}${r.otcFlag === 'stale' ? ' (stale)' : ''}`,
    fmtNum(r.accumulationScore, 0),
    r.topFactors.map(words).join(', ') || '—',
  ];
}

/** New names in short: where they entered and why (the full row is in the top table or the CSV). */
function newTable(rows: readonly ComparedName[]): string {
  return table(
    [
      { label: '#', num: true },
      { label: 'Symbol' },
      { label: 'Score', def: 'score', num: true },
      { label: 'Level' },
      { label: 'Top factors' },
    ],
    rows.map((r) => [
      String(r.rank ?? '—'),
      { html: `<b>${esc(r.symbol)}</b>` },
      fmtNum(r.score),
      r.level ?? '—',
      r.topFactors.map(words).join(', ') || '—',
    ]),
    'names',
  );
}

function chartsSection(charts: readonly ReportChart[], options: HtmlOptions): string {
  if (!charts.length) return '';
  const figures = charts.map((c, i) => {
    const src =
      options.images === 'cid' ? `cid:${chartCid(c, i)}` : `data:image/png;base64,${c.png.toString('base64')}`;
    return `<figure><img src="${src}" alt="${esc(`${c.symbol} chart`)}" loading="lazy"><figcaption>${esc(c.caption)}</figcaption></figure>`;
  });
  return section('charts', 'Charts', figures.join('\n'));
}

function definitionsSection(): string {
  const items = METRIC_DEFINITIONS.map(
    (d) =>
      `<dt id="def-${d.key}">${esc(d.name)}</dt><dd>${esc(d.meaning)} <span class="caveat">Caveat: ${esc(d.caveat)}</span></dd>`,
  );
  return section('definitions', 'Definitions', `<dl>\n${items.join('\n')}\n</dl>`);
}

function page(title: string, subtitle: string, sections: string[], generatedAt: string, notes: string[] = []): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<header><h1>${esc(title)}</h1><p class="meta">${esc(subtitle)}</p></header>`,
    ...sections.filter(Boolean),
    ...notes.map((n) => para(n, 'note')),
    `<footer>${esc(`squeezebot · generated ${fmtInstant(generatedAt)} · not investment advice`)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

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
          { label: 'Level' },
          { label: 'Symbol' },
          { label: 'Score', num: true },
          { label: 'Alert' },
          { label: 'Ack' },
        ],
        r.alerts.map((a) => [
          fmtInstant(a.createdAt),
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
          { label: 'Stage' },
          { label: 'In', num: true },
          { label: 'Out', num: true },
          { label: 'Cut, by reason' },
          { label: 'Status' },
        ],
        r.funnel.stages.map((s) => [
          words(s.name),
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
      r.previousDay
        ? section(
            'new',
            'New candidates',
            r.newCandidates.length
              ? newTable(r.newCandidates)
              : para('None: the ranking holds the same names as before.'),
          )
        : '',
      chartsSection(charts, options),
      section('alerts', `Alerts (${r.alerts.length})`, alerts),
      section('funnel', 'Pipeline funnel', funnel),
      section('freshness', 'Data freshness', freshness),
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
              [{ label: 'Symbol' }, { label: 'Week ago', num: true }, { label: 'Now', num: true }, { label: 'Change' }],
              r.movers.map((m) => [m.symbol, fmtNum(m.previousScore), fmtNum(m.score), trendCell(m)]),
            )
          : '',
      ].join('\n')
    : para('No scores a week earlier to compare with.');
  const counts = r.alertCounts.length
    ? table(
        [{ label: 'Kind' }, { label: 'Level' }, { label: 'Alerts', num: true }],
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
          { label: 'Level' },
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
      section('week-over-week', 'Week over week', wow),
      chartsSection(charts, options),
      section('alerts', `Alerts: ${r.alertTotals.squeeze} squeeze, ${r.alertTotals.system} system`, counts),
      section('performance', 'Earlier alerts, afterwards', perf),
      definitionsSection(),
    ],
    r.generatedAt,
    options.notes,
  );
}
