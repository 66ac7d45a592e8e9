import { fmtNum, fmtPct, fmtPrice, fmtTimes } from '../present/format';
import { scoreInputLabel } from '../present/labels/score-inputs';
import { escapeHtml as esc } from '../present/html';
import { METRIC_DEFINITIONS } from './metric-definitions';
import { REPORT_CSS } from './report-html.style';
import { generatedStamp } from './report-stamp';
import { availableText, feeText } from './borrow-text';
import { failsCell, thresholdCell } from './supply-text';
import { TREND_ARROW, type ComparedName, type ScoredName } from './score-row';

// The building blocks of the HTML report (report-html.render.ts): tables with definitions in their
// headers, sections, the ranked-name rows with trend arrows, the charts and definitions panels, and the
// page around them.

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

export type Cell = string | { html: string; cls?: string };

export interface Column {
  label: string;
  /** the metric key whose definition the header links to */
  def?: string;
  num?: boolean;
  /** free text (reasons, factors, titles): a full line of its own when the table turns into cards */
  wide?: boolean;
  /** names the row (rank, symbol, score): on the card's first line, without its column name */
  lead?: boolean;
}

const BLANK = new Set(['', '—', '-']);

/** Blank when it shows nothing a reader can use: empty or a lone dash, markup ignored. */
export function isBlankCell(c: Cell | undefined): boolean {
  if (c === undefined) return true;
  const text = typeof c === 'string' ? c : c.html.replace(/<[^>]*>/g, '');
  return BLANK.has(text.trim());
}

/**
 * Drops every column whose cells are all blank: on a phone each empty column costs a screen width of
 * dashes. Only for people (HTML, email); the CSV keeps its columns fixed for the programs that read it.
 * A table without rows keeps its header as it is.
 */
export function dropEmptyColumns<C extends Column>(header: C[], rows: Cell[][]): { header: C[]; rows: Cell[][] } {
  if (!rows.length) return { header, rows };
  const keep = header.map((_, i) => rows.some((r) => !isBlankCell(r[i])));
  return { header: header.filter((_, i) => keep[i]), rows: rows.map((r) => r.filter((_, i) => keep[i])) };
}

export function table(columns: Column[], allRows: Cell[][], cls = ''): string {
  const { header, rows } = dropEmptyColumns(columns, allRows);
  const th = header
    .map(
      (h) =>
        `<th${h.num ? ' class="num"' : ''}>${h.def ? `<a href="#def-${h.def}">${esc(h.label)}</a>` : esc(h.label)}</th>`,
    )
    .join('');
  // data-label repeats the header in each cell so the phone stylesheet can show rows as cards
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((c, i) => {
            const h = header[i];
            const label = h ? ` data-label="${esc(h.label)}"` : '';
            const flags = [h?.num && 'num', h?.wide && 'wide', h?.lead && 'lead', isBlankCell(c) && 'blank'];
            const k = [...flags, typeof c === 'string' ? '' : c.cls].filter(Boolean).join(' ');
            const attrs = `${k ? ` class="${k}"` : ''}${label}`;
            return `<td${attrs}>${typeof c === 'string' ? esc(c) : c.html}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap"><table class="${cls}"><thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

export const section = (id: string, title: string, body: string): string =>
  `<section id="${id}">\n<h2>${esc(title)}</h2>\n${body}\n</section>`;
export const para = (text: string, cls = ''): string => `<p${cls ? ` class="${cls}"` : ''}>${esc(text)}</p>`;

export function trendCell(r: ComparedName): Cell {
  const change =
    r.change === null ? '' : ` ${r.change > 0 ? '+' : r.change < 0 ? '−' : '±'}${Math.abs(r.change).toFixed(2)}`;
  return {
    html: `<span class="trend trend-${r.trend}" title="${r.trend}">${TREND_ARROW[r.trend]}</span>${esc(change)}`,
    cls: 'nowrap',
  };
}

export const NAME_HEADER: Column[] = [
  { label: '#', num: true, lead: true },
  { label: 'Symbol', lead: true },
  { label: 'Score', def: 'score', num: true, lead: true },
  { label: 'Change', lead: true },
  { label: 'Fuel', def: 'fuel', num: true },
  { label: 'Trigger', def: 'trigger', num: true },
  { label: 'Level', lead: true },
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
  { label: 'Borrow', def: 'borrow', num: true },
  { label: 'Reg SHO', def: 'threshold', num: true },
  { label: 'FTD', def: 'fails', num: true },
  { label: 'C/P', def: 'call_put_ratio', num: true },
  { label: 'NM call OI', def: 'near_money_call_oi_adv', num: true },
  { label: 'Top factors', wide: true },
];

/** "30.4% · 250k" with the figures spelt out on hover; a dash when no snapshot is held */
function borrowCell(r: ComparedName | ScoredName): Cell {
  if (r.borrowFee === null && r.borrowAvailable === null) return '—';
  const avail = availableText(r.borrowAvailable, r.borrowCapped);
  const change =
    r.borrowFeeChange5d === null
      ? ''
      : `, 5d ${r.borrowFeeChange5d > 0 ? '+' : ''}${r.borrowFeeChange5d.toFixed(2)} pts`;
  const title = `fee ${feeText(r.borrowFee)} a year${change}; ${avail} shares available${r.borrowWentToZero ? ' (went to zero)' : ''}`;
  return {
    html: `<abbr title="${esc(title)}">${esc(`${feeText(r.borrowFee)} · ${avail}`)}${r.borrowWentToZero ? ' ⚠' : ''}</abbr>`,
  };
}

const PROXY_NOTE = 'on FINRA off-exchange volume: fewer than 21 daily bars held';

export function nameRow(r: ComparedName | ScoredName): Cell[] {
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
    r.volumeBasis === 'off_exchange'
      ? { html: `${esc(fmtTimes(r.volumeSpike))} <abbr title="${esc(PROXY_NOTE)}">off-ex.</abbr>` }
      : fmtTimes(r.volumeSpike),
    fmtNum(r.rsi14, 0),
    fmtPct(r.siPercentFloat),
    fmtNum(r.daysToCover, 1),
    fmtPct(r.shortRatio),
    fmtNum(r.shortRatioZ, 1),
    fmtPct(r.shortExemptShare),
    r.otcParticipation === null ? '—' : `${fmtPct(r.otcParticipation)}${r.otcFlag === 'stale' ? ' (stale)' : ''}`,
    fmtNum(r.accumulationScore, 0),
    borrowCell(r),
    r.thresholdMarkets
      ? {
          html: `<abbr title="${esc(r.thresholdMarkets.replaceAll('|', ', '))}">${esc(thresholdCell(r.thresholdDays, r.thresholdPartial))}</abbr>`,
        }
      : thresholdCell(r.thresholdDays, r.thresholdPartial),
    r.failsSettlement
      ? {
          html: `<abbr title="${esc(`settled ${r.failsSettlement}, ${fmtPct(r.failsPercentFloat)} of float${r.failsCloseOut ? `, T+35 ${r.failsCloseOut}` : ''}`)}">${esc(failsCell(r.failsShares, r.failsDays))}</abbr>`,
        }
      : failsCell(r.failsShares, r.failsDays),
    fmtNum(r.callPutRatio),
    r.nearMoneyCallOiToAdv === null ? '—' : fmtPct(r.nearMoneyCallOiToAdv, 0),
    r.topFactors.map(scoreInputLabel).join(', ') || '—',
  ];
}

/** New names in short: where they entered and why (the full row is in the top table or the CSV). */
export function newTable(rows: readonly ComparedName[]): string {
  return table(
    [
      { label: '#', num: true, lead: true },
      { label: 'Symbol', lead: true },
      { label: 'Score', def: 'score', num: true, lead: true },
      { label: 'Level', lead: true },
      { label: 'Top factors', wide: true },
    ],
    rows.map((r) => [
      String(r.rank ?? '—'),
      { html: `<b>${esc(r.symbol)}</b>` },
      fmtNum(r.score),
      r.level ?? '—',
      r.topFactors.map(scoreInputLabel).join(', ') || '—',
    ]),
    'names',
  );
}

/**
 * Charts as thumbnails after the tables: on a phone the full four-panel charts pushed the alerts and
 * funnel thousands of pixels down. Each thumbnail is the one embedded image inside a <details>; tapping
 * it opens the same image at full size (no second copy, so the file stays one self-contained page).
 */
export function chartsSection(charts: readonly ReportChart[], options: HtmlOptions): string {
  if (!charts.length) return '';
  const figures = charts.map((c, i) => {
    const src =
      options.images === 'cid' ? `cid:${chartCid(c, i)}` : `data:image/png;base64,${c.png.toString('base64')}`;
    return `<details class="chart"><summary><span class="chart-box"><img src="${src}" alt="${esc(`${c.symbol} chart`)}" loading="lazy"></span><span class="caption">${esc(c.caption)}</span></summary></details>`;
  });
  return section(
    'charts',
    'Charts',
    `${para('Tap or click a chart to open it at full size; again to close it.', 'note')}\n<div class="charts">\n${figures.join('\n')}\n</div>`,
  );
}

export function definitionsSection(): string {
  const items = METRIC_DEFINITIONS.map(
    (d) =>
      `<dt id="def-${d.key}">${esc(d.name)}</dt><dd>${esc(d.meaning)} <span class="caveat">Caveat: ${esc(d.caveat)}</span></dd>`,
  );
  return section('definitions', 'Definitions', `<dl>\n${items.join('\n')}\n</dl>`);
}

export function page(
  title: string,
  subtitle: string,
  sections: string[],
  generatedAt: string,
  notes: string[] = [],
): string {
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
    `<footer>${esc(`squeezebot · ${generatedStamp(generatedAt)} · not investment advice`)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}
