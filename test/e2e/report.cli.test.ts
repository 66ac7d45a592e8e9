import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { cliOnStore } from '../support/cli';
import { CSV_COLUMNS } from '../../src/reports/report-csv.render';
import { saveDay } from '../support/report-fixture';

// `squeezebot report` as users run it, on saved pipeline days in a real store.

const { store, cli } = cliOnStore('squeezebot-report-cli-', 'r.db', (db) => {
  saveDay(db, '2024-06-13', [{ symbol: 'HOT', score: 0.6 }]);
  saveDay(db, '2024-06-14', [
    { symbol: 'HOT', score: 0.8, level: 'medium' },
    { symbol: 'WARM', score: 0.55 },
  ]);
});

describe('squeezebot report', () => {
  it('prints the daily report as plain text for a past day', async () => {
    const r = await cli(['report', 'daily', '--as-of', '2024-06-14']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Daily report — 2024-06-14');
    expect(r.stdout).toMatch(/1\. HOT 0\.80 ▲\+0\.20/);
    expect(r.stdout).toContain('WARM (#2, 0.55)');
    expect(r.stdout).not.toMatch(/<b>|&amp;/);
  }, 60_000);

  it('writes the HTML and CSV files with --out', async () => {
    const html = join(store.dir, 'daily.html');
    const h = await cli(['report', 'daily', '--as-of', '2024-06-14', '--format', 'html', '--out', html]);
    expect(h.code, h.stderr).toBe(0);
    expect(h.stderr).toContain(`wrote ${html}`);
    expect(parse(readFileSync(html, 'utf8')).querySelectorAll('#top tbody tr')).toHaveLength(2);
    const csv = join(store.dir, 'weekly.csv');
    const c = await cli(['report', 'weekly', '--as-of', '2024-06-14', '--format', 'csv', '--out', csv]);
    expect(c.code, c.stderr).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe(CSV_COLUMNS.map((x) => x.name).join(','));
  }, 60_000);

  it('refuses a bad report name or format with the usage', async () => {
    const r = await cli(['report', 'monthly']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: squeezebot report daily|weekly');
    const f = await cli(['report', 'daily', '--format', 'pdf']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('--format is one of text, html, csv');
  }, 60_000);
});
