import { fmtChange, fmtCount, fmtNum, fmtPct } from '../present/format';
import { bold, escapeHtml, italic, preTable } from '../present/html';
import type { BasketMetrics } from '../signals/basket';
import type { MarketCalendarView } from './market-calendar.model';
import type { DarkpoolSummary, DarkpoolWeek, ShortVolumeView, SiViewRow } from './short-views.model';

// The short-data views as chat text (Telegram HTML, values escaped, tables in <pre>). Each says what
// its numbers are not, where that is the usual misreading: the facility short ratio is not a market
// short ratio, and OTC volume has no direction.

const short = (date: string): string => date.slice(2); // 21-01-15: keeps the tables narrow on a phone

/** `page` of `pages` in a header, or nothing for a single page. */
const pageNote = (page: number, pages: number) => (pages > 1 ? ` · page ${page}/${pages}` : '');

/**
 * Short interest as two-line cards (a phone bubble is ~36 characters): settlement, shares, change and
 * days to cover, then % float, quality and publication. `rows` is the page shown.
 */
export function siText(symbol: string, asOf: string, rows: readonly SiViewRow[], page = 1, pages = 1): string {
  if (!rows.length) return `No FINRA short interest for ${bold(symbol)} published by ${escapeHtml(asOf)}.`;
  const cards = rows.map((r) =>
    [
      `${escapeHtml(r.settlementDate.slice(5))} ${escapeHtml(fmtCount(r.shares))} sh ${escapeHtml(fmtChange(r.change, 0))} · DTC ${escapeHtml(fmtNum(r.daysToCover, 1))}`,
      `   ${escapeHtml(fmtPct(r.percentOfFloat, 0))} float · q ${escapeHtml(fmtNum(r.quality))}${r.revised ? ' r' : ''} · pub ${escapeHtml(r.publishedOn.slice(5))}`,
    ].join('\n'),
  );
  return [
    `${bold(`${symbol} short interest`)}${pageNote(page, pages)}`,
    `FINRA, twice a month, by ${escapeHtml(asOf)}`,
    ...cards,
    italic(
      "DTC: shares short ÷ mean consolidated volume of the 20 sessions ending on the settlement day (not FINRA's floored field). % float only when the float is known. q: data quality 0–1; r: revised by FINRA.",
    ),
  ].join('\n');
}

/** Daily short volume, one narrow line a session; `view.days` is the page shown. */
export function shortVolText(symbol: string, view: ShortVolumeView, page = 1, pages = 1): string {
  if (!view.days.length) return `No FINRA daily short volume held for ${bold(symbol)}.`;
  const out = [
    `${bold(`${symbol} daily short volume`)}${pageNote(page, pages)}`,
    'FINRA consolidated, newest first',
    preTable(
      ['date', 'short', 'ratio', 'z60', 'exempt'],
      view.days.map((d) => [
        d.date.slice(5),
        fmtCount(d.shortVolume),
        fmtPct(d.shortRatio),
        fmtNum(d.z60, 1),
        fmtPct(d.exemptShare),
      ]),
      { alignRight: [false, true, true, true, true] },
    ),
  ];
  if (view.split) {
    out.push(
      bold(`By facility, ${view.split.date}`),
      preTable(
        ['facility', 'short', 'ratio', 'of vol'],
        view.split.rows.map((r) => [
          r.facility,
          fmtCount(r.shortVolume),
          fmtPct(r.shortRatio),
          fmtPct(r.volumeShare, 0),
        ]),
        { alignRight: [false, true, true, true] },
      ),
    );
  }
  out.push(
    italic(
      "The ratio is a facility short ratio (short ÷ off-exchange volume reported to FINRA), not a market short ratio and not short interest: read it against the z-score, the symbol's own 60-session history.",
    ),
  );
  return out.join('\n');
}

export function darkpoolText(
  symbol: string,
  asOf: string,
  weeks: readonly DarkpoolWeek[],
  summary: DarkpoolSummary | null,
  notes: readonly string[],
): string {
  if (!weeks.length) return `No FINRA OTC weekly figures for ${bold(symbol)} published by ${escapeHtml(asOf)}.`;
  const out = [
    `${bold(`${symbol} off-exchange (OTC) volume`)} — FINRA weekly, as published by ${escapeHtml(asOf)}`,
    preTable(
      ['week', 'tier', 'ATS', 'non-ATS', 'total', 'of vol'],
      weeks.map((w) => [
        short(w.weekStart),
        w.tier,
        fmtCount(w.ats),
        fmtCount(w.nonAts),
        fmtCount(w.total),
        fmtPct(w.participation),
      ]),
      { alignRight: [false, false, true, true, true, true] },
    ),
  ];
  if (summary?.otcWeek) {
    const flag =
      summary.otcFlag === 'anchored'
        ? 'anchored (the newest week FINRA has published)'
        : summary.otcFlag === 'stale'
          ? "STALE (older than FINRA's newest week)"
          : 'no data';
    out.push(
      `Week ${escapeHtml(summary.otcWeek)}: ${escapeHtml(flag)}; participation ${escapeHtml(fmtPct(summary.otcParticipation))}, z ${escapeHtml(fmtNum(summary.otcParticipationZ, 1))}, week over week ${escapeHtml(summary.otcWowDelta === null ? '—' : `${summary.otcWowDelta > 0 ? '+' : ''}${(summary.otcWowDelta * 100).toFixed(1)} pts`)}.`,
    );
    if (summary.accumulationScore !== null) {
      out.push(
        `Accumulation score ${escapeHtml(fmtNum(summary.accumulationScore, 0))}/100 (confidence ${escapeHtml(fmtPct(summary.accumulationConfidence, 0))}), lit imbalance ${escapeHtml(fmtNum(summary.litImbalance))}.`,
      );
    }
  }
  for (const n of notes.slice(0, 3)) out.push(`⚠️ ${escapeHtml(n)}`);
  out.push(
    italic(
      'OTC direction is never observable: FINRA publishes how many shares traded off-exchange, not whether they were bought or sold. Tier 1 weeks appear 2 weeks late, Tier 2 and OTC 4 weeks.',
    ),
  );
  return out.join('\n');
}

export function basketText(b: BasketMetrics, constituents: readonly string[]): string {
  const lines = [
    `${bold(`Basket ${b.name}`)} — ${escapeHtml(constituents.join(', '))}`,
    `Short ratio ${bold(fmtPct(b.shortRatio))} (volume-weighted over ${b.weighted} name${b.weighted === 1 ? '' : 's'}), mean z ${bold(fmtNum(b.meanShortRatioZ, 1))} over ${b.withZ}, as of ${escapeHtml(b.date ?? '—')}.`,
    `Coverage ${escapeHtml(fmtPct(b.coverage, 0))}: ${b.withData} of ${b.size} with data${b.missing.length ? `; missing ${escapeHtml(b.missing.join(', '))}` : ''}.`,
  ];
  for (const f of b.flags.filter((x) => x.code !== 'basket_partial')) lines.push(`⚠️ ${escapeHtml(f.message)}`);
  lines.push(italic('A facility short ratio (off-exchange volume only), not a market short ratio.'));
  return lines.join('\n');
}

export function basketListText(baskets: Record<string, string[]>): string {
  const names = Object.keys(baskets);
  if (!names.length) return 'No baskets configured (config: baskets).';
  return [
    bold('Baskets'),
    ...names.map((n) => `${bold(n)}: ${escapeHtml(baskets[n]!.join(', '))}`),
    '/basket NAME for its short pressure.',
  ].join('\n');
}

export function calendarText(c: MarketCalendarView): string {
  const lines = [bold(`Market calendar — from ${c.today}`), bold('Short interest (FINRA)')];
  if (!c.settlements.some((s) => s.publicationDate === c.nextPublication.publicationDate)) {
    lines.push(
      `next publication ${escapeHtml(c.nextPublication.publicationDate)} (settled ${escapeHtml(c.nextPublication.settlementDate)})`,
    );
  }
  for (const s of c.settlements)
    lines.push(`settles ${escapeHtml(s.settlementDate)} → published ${escapeHtml(s.publicationDate)}`);
  lines.push(bold('OTC weekly (FINRA)'));
  for (const o of c.otc)
    lines.push(
      `${escapeHtml(o.tier)}: week of ${escapeHtml(o.weekStart)} → published ${escapeHtml(o.publicationDate)}`,
    );
  const t = c.thresholdLists;
  lines.push(bold('Reg SHO threshold lists'));
  lines.push(
    `lists of ${escapeHtml(t.listDate)}: ${t.posts.map((p) => `${escapeHtml(p.market)} ~${p.time} ET${p.date !== t.listDate ? ` on ${escapeHtml(p.date)}` : ''}`).join(', ')}; scored from ${escapeHtml(t.usableFrom)}`,
  );
  lines.push(bold('Options (Cboe, short list)'));
  lines.push(
    `next snapshot ${escapeHtml(c.optionsSnapshot.date)} ${escapeHtml(c.optionsSnapshot.time)} ET, after the close`,
  );
  if (c.borrowSnapshot) {
    lines.push(bold('Borrow (IBKR stock-loan file)'));
    lines.push(
      `next snapshot ${escapeHtml(c.borrowSnapshot.date)} ${escapeHtml(c.borrowSnapshot.time)} ET (${c.borrowSnapshot.kind === 'session' ? `in the session, every ${c.borrowSnapshot.everyMinutes ?? 30} min` : 'after the close'})`,
    );
  }
  const f = c.failsFile;
  lines.push(bold('SEC fails to deliver'));
  lines.push(
    `next file ${escapeHtml(f.file)} (settlement ${escapeHtml(f.from)} … ${escapeHtml(f.to)}): expected ${escapeHtml(f.expectedFrom)} … ${escapeHtml(f.expectedBy)}`,
  );
  lines.push(bold('NYSE'));
  for (const h of c.holidays) lines.push(`closed ${escapeHtml(h.date)} — ${escapeHtml(h.name)}`);
  for (const d of c.earlyCloses) lines.push(`closes 13:00 ET ${escapeHtml(d)}`);
  lines.push(italic("OTC publication dates follow FINRA's 2- and 4-week lag; a release can run a day late."));
  return lines.join('\n');
}
