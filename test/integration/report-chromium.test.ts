import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherDailyReport } from '../../src/reports/report-data';
import { dailyReportDocument } from '../../src/reports/report-html.render';
import { testConfig } from '../support/config';
import { saveAlert, saveDay } from '../support/report-fixture';
import { tempDb } from '../support/temp-db';
import { tinyChart } from '../support/tiny-png';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// The HTML report through a real browser: headless Chromium (Debian's `chromium`) renders it at a phone
// width and prints it to PDF without errors. CI installs no browser, so the test skips with a message
// when none is found. The screenshots stay in the temp folder (SQUEEZEBOT_KEEP_SHOTS=dir keeps copies)
// so a person can look at them.

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome'];
function findChromium(): string | null {
  for (const c of CANDIDATES) {
    const r = spawnSync('which', [c], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}
const chromium = findChromium();
if (!chromium)
  console.warn(
    `report-chromium: no ${CANDIDATES.join('/')} on PATH, skipping the headless render check (apt-get install chromium)`,
  );

let t: ReturnType<typeof tempDb>;
let file: string;

beforeAll(() => {
  t = tempDb();
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
  const report = gatherDailyReport(
    { repos: createRepos(t.db), settings: fixedSettings(testConfig()) },
    new Date('2021-01-25T14:00:00Z'),
  );
  const charts = report.top
    .slice(0, 3)
    .map((c) => ({ symbol: c.symbol, png: tinyChart(c.symbol, 1000, 500), caption: `${c.symbol} chart` }));
  file = join(t.dir, 'daily.html');
  writeFileSync(file, dailyReportDocument(report, charts));
});
afterAll(() => t.cleanup());

function run(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(
    chromium!,
    ['--headless', '--disable-gpu', '--no-sandbox', '--no-first-run', '--hide-scrollbars', ...args, `file://${file}`],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: r.status, stderr: r.stderr ?? '' };
}

function keep(path: string): void {
  const dir = process.env.SQUEEZEBOT_KEEP_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  execFileSync('cp', [path, dir]);
}

describe.skipIf(!chromium)('HTML report in headless Chromium', () => {
  it.each([
    ['phone', '412,2400'],
    ['desktop', '1280,2400'],
  ])(
    'renders at %s width to a screenshot without errors',
    (name, size) => {
      const shot = join(t.dir, `report-${name}.png`);
      const r = run([`--screenshot=${shot}`, `--window-size=${size}`]);
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(shot)).toBe(true);
      const png = readFileSync(shot);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(Number(size.split(',')[0]));
      expect(r.stderr).not.toMatch(/Uncaught|ERR_FILE_NOT_FOUND|Failed to load resource/);
      keep(shot);
    },
    90_000,
  );

  it('prints to PDF', () => {
    const pdf = join(t.dir, 'report.pdf');
    const r = run([`--print-to-pdf=${pdf}`, '--no-pdf-header-footer']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    keep(pdf);
  }, 90_000);
});
