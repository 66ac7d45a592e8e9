import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherDailyReport, gatherWeeklyReport } from '../../src/reports/report-data';
import { dailyReportDocument, weeklyReportDocument } from '../../src/reports/report-html.render';
import { testConfig } from '../support/config';
import { saveAlert, saveDay } from '../support/report-fixture';
import { tempDb } from '../support/temp-db';
import { tinyChart } from '../support/tiny-png';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// The HTML reports through a real browser (Debian's `chromium`, driven as a plain binary): at a phone
// width (390 px) the page must not scroll sideways, no text may be under 14 px, and the alerts must come
// before the first chart; at 1200 px it must render too. The screenshots are kept (paths printed) so a
// person can look at them. Without a browser the test skips with a message (CI: apt-get install chromium).

function findChromium(): string | null {
  const env = process.env.CHROMIUM_PATH;
  if (env) return existsSync(env) ? env : null;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}
const chromium = findChromium();
if (!chromium)
  console.warn(
    'report-chromium: SKIPPED, no Chromium found (set CHROMIUM_PATH, or install it: apt-get install -y chromium)',
  );

const SHOTS = process.env.SQUEEZEBOT_SHOTS_DIR ?? join(tmpdir(), 'squeezebot-report-shots');
const PHONE = 390;
const DESKTOP = 1200;

// Headless Chromium lays a window out at least 500 px wide whatever --window-size says, so the report
// is shown in an iframe of the exact width (media queries inside it see that width) on a harness page.
// The measuring script goes into a copy of the report (the report itself carries no script) and posts
// what it measured to the harness, which writes it into its DOM for --dump-dom to print.
const MEASURE = `<script>
addEventListener('load', () => {
  const vw = window.innerWidth;
  let minFont = Infinity, minFontText = '';
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > vw + 1 && !el.closest('.table-wrap, .chart-box')) wide.push(el.tagName + '.' + el.className + ' ' + Math.round(box.right));
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!hasText || !box.width || !box.height) continue;
    const f = parseFloat(getComputedStyle(el).fontSize);
    if (f < minFont) { minFont = f; minFontText = el.tagName + ': ' + el.textContent.trim().slice(0, 40); }
  }
  const alerts = document.getElementById('alerts');
  const img = document.querySelector('img');
  parent.postMessage(JSON.stringify({
    innerWidth: vw,
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    minFont, minFontText, wide: wide.slice(0, 5),
    alertsBeforeChart: !!alerts && !!img && !!(alerts.compareDocumentPosition(img) & Node.DOCUMENT_POSITION_FOLLOWING),
    alertsTop: alerts ? alerts.getBoundingClientRect().top : null,
    firstChartTop: img ? img.getBoundingClientRect().top : null,
  }), '*');
});
</script>`;

interface Measured {
  innerWidth: number;
  scrollWidth: number;
  scrollHeight: number;
  minFont: number;
  minFontText: string;
  wide: string[];
  alertsBeforeChart: boolean;
  alertsTop: number | null;
  firstChartTop: number | null;
}

let t: ReturnType<typeof tempDb>;
const files: Record<'daily' | 'weekly', string> = { daily: '', weekly: '' };

beforeAll(() => {
  t = tempDb();
  saveDay(t.db, '2021-01-15', [
    { symbol: 'GME', score: 0.5 },
    { symbol: 'BB', score: 0.45 },
  ]);
  saveDay(t.db, '2021-01-21', [
    { symbol: 'GME', score: 0.7 },
    { symbol: 'AMC', score: 0.6 },
  ]);
  saveDay(
    t.db,
    '2021-01-22',
    ['GME', 'AMC', 'KOSS', 'BB', 'NOK', 'EXPR', 'NAKD', 'BBBY', 'PLTR', 'TSLA'].map((s, i) => ({
      symbol: s,
      score: 0.9 - i * 0.04,
      level: i < 2 ? ('high' as const) : null,
    })),
  );
  saveAlert(t.db, { symbol: 'GME', severity: 'high', asOf: '2021-01-22', createdAt: '2021-01-22T22:46:00.000Z' });
  saveAlert(t.db, { symbol: 'AMC', severity: 'medium', asOf: '2021-01-22', createdAt: '2021-01-22T22:47:00.000Z' });
  const deps = { repos: createRepos(t.db), settings: fixedSettings(testConfig()) };
  const now = new Date('2021-01-25T14:00:00Z');
  const daily = gatherDailyReport(deps, now);
  const weekly = gatherWeeklyReport(deps, now);
  // the real charts are 1200 px wide: the size that made the phone page a long scroll of blurred images
  const charts = (symbols: string[]) =>
    symbols.map((s) => ({
      symbol: s,
      png: tinyChart(s, 1200, 900),
      caption: `${s}: price, volume, short data, score`,
    }));
  mkdirSync(SHOTS, { recursive: true });
  files.daily = join(SHOTS, 'daily.html');
  files.weekly = join(SHOTS, 'weekly.html');
  writeFileSync(files.daily, dailyReportDocument(daily, charts(daily.top.slice(0, 5).map((c) => c.symbol))));
  writeFileSync(files.weekly, weeklyReportDocument(weekly, charts(weekly.top.slice(0, 5).map((c) => c.symbol))));
});
afterAll(() => t.cleanup());

function run(file: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    chromium!,
    [
      '--headless=new',
      '--disable-gpu',
      '--no-sandbox',
      '--no-first-run',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      ...args,
      `file://${file}`,
    ],
    { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function harness(report: string, width: number, height: number, name: string): string {
  const path = join(SHOTS, `${name}.harness-${width}.html`);
  writeFileSync(
    path,
    `<!doctype html><html><body style="margin:0"><iframe src="${basename(report)}" style="display:block;border:0;width:${width}px;height:${height}px"></iframe>` +
      `<pre id="measured"></pre><script>addEventListener('message', (e) => { document.getElementById('measured').textContent = e.data; });</script></body></html>`,
  );
  return path;
}

function measure(file: string, kind: string, width: number): Measured {
  const copy = file.replace(/\.html$/, `.measure.html`);
  writeFileSync(copy, readFileSync(file, 'utf8').replace('</body>', `${MEASURE}</body>`));
  const r = run(harness(copy, width, 2400, `${kind}-measure`), [
    '--dump-dom',
    '--virtual-time-budget=5000',
    `--window-size=${Math.max(width, 500)},2400`,
  ]);
  expect(r.status, r.stderr).toBe(0);
  const m = /<pre id="measured">(.+?)<\/pre>/s.exec(r.stdout);
  expect(m, 'the measuring script wrote no result').not.toBeNull();
  return JSON.parse(
    m![1]!.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'),
  ) as Measured;
}

/** A screenshot of the whole page (the frame as tall as the page), its path printed. */
function screenshot(file: string, kind: string, width: number, pageHeight: number): string {
  const height = Math.min(Math.ceil(pageHeight), 12_000);
  const shot = join(SHOTS, `${kind}-${width}.png`);
  const r = run(harness(file, width, height, kind), [`--screenshot=${shot}`, `--window-size=${width},${height}`]);
  expect(r.status, r.stderr).toBe(0);
  const png = readFileSync(shot);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(width);
  expect(r.stderr).not.toMatch(/Uncaught|ERR_FILE_NOT_FOUND|Failed to load resource/);
  console.log(`report-chromium: screenshot ${shot}`);
  return shot;
}

describe.skipIf(!chromium)('HTML report in headless Chromium', () => {
  describe.each(['daily', 'weekly'] as const)('%s report', (kind) => {
    it(`fits a ${PHONE} px phone: no sideways page scroll, no text under 14 px, alerts before the charts`, () => {
      const m = measure(files[kind], kind, PHONE);
      expect(m.innerWidth).toBe(PHONE);
      expect(m.scrollWidth, `wider than the phone: ${m.wide.join('; ')}`).toBeLessThanOrEqual(PHONE + 2);
      expect(m.minFont, `smallest text: ${m.minFontText}`).toBeGreaterThanOrEqual(14);
      expect(m.alertsBeforeChart).toBe(true);
      expect(m.alertsTop!).toBeLessThan(m.firstChartTop!);
      screenshot(files[kind], kind, PHONE, m.scrollHeight);
    }, 120_000);

    it(`renders at ${DESKTOP} px`, () => {
      const m = measure(files[kind], kind, DESKTOP);
      expect(m.scrollWidth).toBeLessThanOrEqual(DESKTOP + 2);
      expect(m.alertsBeforeChart).toBe(true);
      screenshot(files[kind], kind, DESKTOP, m.scrollHeight);
    }, 120_000);
  });

  it('prints to PDF', () => {
    const pdf = join(SHOTS, 'daily.pdf');
    const r = run(files.daily, [`--print-to-pdf=${pdf}`, '--no-pdf-header-footer']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 90_000);
});
