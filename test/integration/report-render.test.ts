import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherDailyReport, gatherWeeklyReport } from '../../src/reports/report-data';
import { CSV_COLUMNS, csvColumnsMarkdown, reportCsv } from '../../src/reports/report-csv.render';
import { reportEmail } from '../../src/reports/report-email.render';
import { dailyReportDocument, weeklyReportDocument, type ReportChart } from '../../src/reports/report-html.render';
import { METRIC_DEFINITIONS } from '../../src/reports/metric-definitions';
import { reportMessages } from '../../src/reports/report-text.render';
import { testConfig } from '../support/config';
import { saveAlert, saveDay } from '../support/report-fixture';
import { tempDb } from '../support/temp-db';
import { tinyChart } from '../support/tiny-png';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// The renderers over a saved store: the HTML parsed for its structure (self-contained, phone viewport,
// print CSS, every chart a data URI, a definition for every metric), the CSV's columns, the chat text's
// escaping and splitting, and the email's cid images and CSV attachment.

let t: ReturnType<typeof tempDb>;
const config = testConfig();
const NOW = new Date('2021-01-25T14:00:00Z');
const charts: ReportChart[] = ['GME', 'AMC', 'KOSS'].map((s) => ({
  symbol: s,
  png: tinyChart(s),
  caption: `${s} chart`,
}));

beforeAll(() => {
  t = tempDb();
  saveDay(t.db, '2021-01-21', [
    { symbol: 'GME', score: 0.7 },
    { symbol: 'AMC', score: 0.6 },
  ]);
  saveDay(t.db, '2021-01-22', [
    { symbol: 'GME', score: 0.9, level: 'high' },
    { symbol: 'AMC', score: 0.55 },
    { symbol: 'KOSS', score: 0.5 },
  ]);
  saveAlert(t.db, { symbol: 'GME', severity: 'high', asOf: '2021-01-22', createdAt: '2021-01-22T22:46:00.000Z' });
});
afterAll(() => t.cleanup());

const daily = () => gatherDailyReport({ repos: createRepos(t.db), settings: fixedSettings(config) }, NOW);

describe('HTML report', () => {
  it('is one self-contained document readable on a phone and printable', () => {
    const html = dailyReportDocument(daily(), charts);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    const doc = parse(html);
    expect(doc.querySelector('meta[name="viewport"]')?.getAttribute('content')).toContain('width=device-width');
    expect(doc.querySelector('meta[charset]')).not.toBeNull();
    const css = doc
      .querySelectorAll('style')
      .map((s) => s.text)
      .join('\n');
    expect(css).toMatch(/@media print/);
    expect(css).toMatch(/@media \(max-width:600px\)/);
    // nothing fetched from outside
    expect(doc.querySelectorAll('link, script')).toHaveLength(0);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(doc.querySelector('h1')?.text).toBe('Daily report — 2021-01-22');
    // phone first: what a trader acts on before the chart thumbnails, the reference panel last
    expect(doc.querySelectorAll('section').map((s) => s.id)).toEqual([
      'top',
      'alerts',
      'funnel',
      'new',
      'freshness',
      'charts',
      'definitions',
    ]);
  });

  it('leaves out the columns no name has a value in, while the CSV keeps them all', () => {
    const r = daily();
    const doc = parse(dailyReportDocument(r, charts));
    const headers = doc.querySelectorAll('#top thead th').map((th) => th.text);
    // the fixture holds no OTC, borrow, threshold, fails or options data for any name
    expect(headers).toEqual(expect.arrayContaining(['Symbol', 'Score', 'Short ratio', 'Top factors']));
    for (const empty of ['OTC', 'Borrow', 'Reg SHO', 'FTD', 'C/P', 'NM call OI']) expect(headers).not.toContain(empty);
    for (const row of doc.querySelectorAll('#top tbody tr')) {
      const cells = row.querySelectorAll('td');
      expect(cells).toHaveLength(headers.length);
      expect(cells.map((c) => c.getAttribute('data-label'))).toEqual(headers);
    }
    expect(reportCsv(r).split('\r\n')[0]).toContain('otc_participation');
    // the email is the same document, so the same columns
    expect(
      parse(reportEmail(r, charts).html)
        .querySelectorAll('#top thead th')
        .map((th) => th.text),
    ).toEqual(headers);
  });

  it('shows the charts as thumbnails that open in place, after the alerts', () => {
    const html = dailyReportDocument(daily(), charts);
    const doc = parse(html);
    const thumbs = doc.querySelectorAll('#charts details.chart');
    expect(thumbs).toHaveLength(charts.length);
    for (const d of thumbs) {
      expect(d.getAttribute('open')).toBeUndefined();
      expect(d.querySelectorAll('summary img')).toHaveLength(1);
    }
    // one copy of each PNG: the thumbnail is the full image, sized by the stylesheet
    expect(html.split(charts[0]!.png.toString('base64')).length - 1).toBe(1);
    expect(html.indexOf('id="alerts"')).toBeLessThan(html.indexOf('<img'));
    expect(html.indexOf('id="funnel"')).toBeLessThan(html.indexOf('<img'));
  });

  it('embeds every chart as a PNG data URI, bytes intact', () => {
    const doc = parse(dailyReportDocument(daily(), charts));
    const imgs = doc.querySelectorAll('img');
    expect(imgs).toHaveLength(charts.length);
    imgs.forEach((img, i) => {
      const src = img.getAttribute('src')!;
      expect(src.startsWith('data:image/png;base64,')).toBe(true);
      expect(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64').equals(charts[i]!.png)).toBe(true);
      expect(img.getAttribute('alt')).toBe(`${charts[i]!.symbol} chart`);
    });
  });

  it('shows the top names with trend arrows and links each metric header to its definition', () => {
    const doc = parse(dailyReportDocument(daily(), charts));
    const rows = doc.querySelectorAll('#top tbody tr');
    expect(rows.map((r) => r.querySelectorAll('td')[1]!.text)).toEqual(['GME', 'AMC', 'KOSS']);
    expect(rows.map((r) => r.querySelector('.trend')!.getAttribute('title'))).toEqual(['up', 'down', 'new']);
    const defs = doc.querySelectorAll('#definitions dt').map((d) => d.id);
    expect(defs).toEqual(METRIC_DEFINITIONS.map((d) => `def-${d.key}`));
    for (const a of doc.querySelectorAll('#top th a')) expect(defs).toContain(a.getAttribute('href')!.slice(1));
    expect(doc.querySelector('#def-short_ratio')!.nextElementSibling!.text).toMatch(/not a market short ratio/i);
    expect(doc.querySelector('#new')!.text).toContain('KOSS');
  });

  it('escapes data from the store', () => {
    const doc = parse(dailyReportDocument(daily()));
    expect(doc.querySelector('#alerts tbody')!.text).toContain('HIGH GME <alert>');
    expect(doc.querySelectorAll('#alerts alert')).toHaveLength(0);
  });

  it('renders the weekly summary with the learning-tracker placeholder', () => {
    const doc = parse(
      weeklyReportDocument(
        gatherWeeklyReport({ repos: createRepos(t.db), settings: fixedSettings(config) }, NOW),
        charts,
      ),
    );
    expect(doc.querySelectorAll('section').map((s) => s.id)).toEqual([
      'top',
      'alerts',
      'week-over-week',
      'performance',
      'charts',
      'definitions',
    ]);
    expect(doc.querySelector('#performance')!.text).toMatch(/learning tracker/);
    expect(doc.querySelectorAll('img')).toHaveLength(3);
  });
});

describe('CSV report', () => {
  const rows = (csv: string) =>
    csv
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));

  it('has one row per ranked symbol under the documented columns', () => {
    const [header, ...body] = rows(reportCsv(daily()));
    expect(header).toEqual(CSV_COLUMNS.map((c) => c.name));
    expect(body.map((r) => r[header!.indexOf('symbol')])).toEqual(['GME', 'AMC', 'KOSS']);
    for (const r of body) expect(r).toHaveLength(header!.length);
  });

  it('is documented column by column in README.md', () => {
    expect(readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8')).toContain(csvColumnsMarkdown());
  });

  it('writes fractions as decimals, missing values as empty cells and flags new candidates', () => {
    const [header, gme, , koss] = rows(reportCsv(daily()));
    const col = (r: string[], name: string) => r[header!.indexOf(name)];
    expect(col(gme!, 'score')).toBe('0.9');
    expect(col(gme!, 'previous_score')).toBe('0.7');
    expect(col(gme!, 'short_ratio')).toBe('0.61');
    expect(col(gme!, 'otc_participation')).toBe('');
    expect(col(gme!, 'new_candidate')).toBe('false');
    expect(col(koss!, 'new_candidate')).toBe('true');
    expect(col(koss!, 'previous_score')).toBe('');
    expect(col(gme!, 'top_factors')).toBe('finra_short_interest|volume_spike|call_put_ratio');
    // the machine keys stay for scripts; the last column says them in words
    expect(col(gme!, 'top_factors_text')).toBe('short interest|volume spike|calls vs puts');
    expect(CSV_COLUMNS.at(-1)!.name).toBe('top_factors_text');
  });
});

describe('chat text and email', () => {
  it('splits a long report into valid messages under 4096 characters', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ symbol: `S${String(i).padStart(3, '0')}`, score: 0.5 }));
    const db = tempDb();
    try {
      saveDay(db.db, '2021-01-22', many);
      for (let i = 0; i < 120; i++)
        saveAlert(db.db, {
          symbol: `S${i}`,
          severity: 'low',
          asOf: '2021-01-22',
          createdAt: `2021-01-22T22:${String(i % 60).padStart(2, '0')}:00.000Z`,
        });
      const parts = reportMessages(
        gatherDailyReport(
          {
            repos: createRepos(db.db),
            settings: fixedSettings(testConfig((c) => void (c.reporting.daily_report.top_scores = 50))),
          },
          NOW,
        ),
      );
      expect(parts.length).toBeGreaterThan(1);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(4096);
        expect((p.match(/<pre>/g) ?? []).length).toBe((p.match(/<\/pre>/g) ?? []).length);
      }
      expect(parts.join('\n')).toContain('&lt;alert&gt;');
    } finally {
      db.cleanup();
    }
  });

  it('mails the same HTML with charts as cid images and the CSV attached', () => {
    const mail = reportEmail(daily(), charts);
    const doc = parse(mail.html);
    const cids = doc.querySelectorAll('img').map((i) => i.getAttribute('src')!);
    expect(cids.every((c) => c.startsWith('cid:'))).toBe(true);
    expect(mail.attachments.filter((a) => a.cid).map((a) => `cid:${a.cid}`)).toEqual(cids);
    const csv = mail.attachments.find((a) => a.contentType === 'text/csv')!;
    expect(csv.filename).toBe('squeezebot-daily-2021-01-22.csv');
    expect(csv.content.toString('utf8')).toBe(reportCsv(daily()));
    expect(mail.text).not.toMatch(/<b>|<pre>/);
    expect(mail.subject).toBe('[squeezebot] Daily digest 2021-01-22: 3 candidate(s), 1 alert(s)');
  });
});
