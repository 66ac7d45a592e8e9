import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { createApp, type App } from '../../src/main';
import {
  chartHeight,
  renderBarChart,
  renderLineChart,
  renderTickerChart,
  tickerChartModel,
  CHART_RANGES,
} from '../../src/reports/charts';
import { fakeClock } from '../../src/shared/clock';
import { pressTo, sayTo } from '../support/chat-surface';
import { runUp, spikeLast, writeMarket, writeShortInterest } from '../support/market-fixture';
import { saveAlert, saveDay } from '../support/report-fixture';

// The ticker chart from a constructed store: the model read from the db, a valid PNG of the stated
// size, the /chart command, the Chart button under alerts, /ticker's photo and the CLI verb. The PNGs
// of the fixed data set are left in $TMPDIR/squeezebot-charts for a person to look at.

const AS_OF = '2021-01-27';
const OUT = join(tmpdir(), 'squeezebot-charts');
let dir: string;
let app: App;

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const ADMIN = { userId: '1', userName: 'admin', chatType: 'private', asOf: AS_OF } as const;
const say = (text: string) => sayTo(app, text, ADMIN);
const press = (data: string) => pressTo(app, data, ADMIN);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-chart-'));
  app = createApp({
    dbPath: join(dir, 'c.db'),
    env: { TELEGRAM_ADMIN_IDS: '1' },
    clock: fakeClock('2021-01-28T14:00:00Z'),
    logLevel: 'silent',
  });
  const db = app.db;
  // a year and a half of a quiet name that runs up over its last 15 sessions on a volume spike
  writeMarket(db, AS_OF, 380, {
    GME: { close: runUp(18, 15, 0.12), volume: spikeLast(3_000_000, 8), shortShare: 0.5 },
  });
  // a gap in the short-volume file (FINRA missed a day)
  db.$client
    .prepare("DELETE FROM short_volume WHERE symbol = 'GME' AND date BETWEEN '2020-12-01' AND '2020-12-04'")
    .run();
  for (const [settlement, published, shares] of [
    ['2020-10-30', '2020-11-10', 55_000_000],
    ['2020-11-13', '2020-11-24', 58_000_000],
    ['2020-11-30', '2020-12-09', 62_000_000],
    ['2020-12-15', '2020-12-24', 60_000_000],
    ['2020-12-31', '2021-01-12', 68_000_000],
    ['2021-01-15', '2021-01-27', 61_800_000],
  ] as const)
    writeShortInterest(db, { symbol: 'GME', settlement, published, shares });
  db.$client
    .prepare(
      "INSERT INTO symbols (symbol, name, float_shares, source, as_of) VALUES ('GME', 'GameStop Corp', 50000000, 'test', '2021-01-25')",
    )
    .run();
  const scores: [string, number, 'high' | 'medium' | null][] = [
    ['2021-01-19', 0.45, null],
    ['2021-01-20', 0.52, null],
    ['2021-01-21', 0.63, 'medium'],
    ['2021-01-22', 0.71, 'medium'],
    ['2021-01-25', 0.86, 'high'],
    ['2021-01-26', 0.9, 'high'],
    ['2021-01-27', 0.93, 'high'],
  ];
  for (const [asOf, score, level] of scores) saveDay(db, asOf, [{ symbol: 'GME', score, level }]);
  saveAlert(db, { symbol: 'GME', severity: 'medium', asOf: '2021-01-21', createdAt: '2021-01-21T23:00:00.000Z' });
  saveAlert(db, { symbol: 'GME', severity: 'high', asOf: '2021-01-25', createdAt: '2021-01-25T23:00:00.000Z' });
  const otc = db.$client.prepare(
    "INSERT INTO otc_weekly (symbol, week_start, tier, summary_type, shares, source, published_on) VALUES ('GME', ?, 'T1', ?, ?, 'test', ?)",
  );
  const weeks = [
    '2020-10-05',
    '2020-10-12',
    '2020-10-19',
    '2020-10-26',
    '2020-11-02',
    '2020-11-09',
    '2020-11-16',
    '2020-11-23',
    '2020-11-30',
    '2020-12-07',
    '2020-12-14',
    '2020-12-21',
    '2020-12-28',
    '2021-01-04',
    '2021-01-11',
  ];
  weeks.forEach((w, k) => {
    const published = new Date(Date.parse(`${w}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    otc.run(w, 'ATS_W_SMBL', 1_500_000 + (k % 4) * 250_000, published);
    otc.run(w, 'OTC_W_SMBL', 2_000_000 + (k % 3) * 300_000, published);
  });
  const trades = db.$client.prepare(
    "INSERT INTO trades_daily (symbol, date, buy_volume, sell_volume, unclassified_volume, trade_count, method, source, published_on) VALUES ('GME', ?, ?, ?, 0, 1000, 'nbbo', 'test', ?)",
  );
  for (const d of ['2021-01-19', '2021-01-20', '2021-01-21', '2021-01-22', '2021-01-25', '2021-01-26', '2021-01-27'])
    trades.run(d, 1_300_000, 900_000, d);
});
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ticker chart from the store', () => {
  it('reads every panel with data, the alerts and the off-exchange panel', () => {
    const m = tickerChartModel(app.repos, app.loaded.config, 'GME', { asOf: AS_OF, range: '3m' });
    expect(m.title).toBe('GME — GameStop Corp');
    expect(m.panels.map((p) => [p.id, p.empty])).toEqual([
      ['price', false],
      ['short_volume', false],
      ['short_interest', false],
      ['score', false],
      ['off_exchange', false],
    ]);
    expect(m.panels[0]!.markers.map((x) => x.label)).toEqual(['medium alert', 'high alert']);
    const sv = m.panels[1]!.series.find((s) => s.id === 'ratio')!;
    if (sv.kind !== 'line') throw new Error('ratio is a line');
    expect(sv.values[m.dates.indexOf('2020-12-02')]).toBeNull();
    expect(m.panels[1]!.notes.join(' ')).toMatch(/Short volume on \d+ of \d+ sessions/);
    expect(m.panels[3]!.thresholds.map((t) => t.value)).toEqual([0.46, 0.42, 0.38]);
  });

  it.each(CHART_RANGES)(
    'renders the %s chart as a PNG at least 1000 px wide and of the model\u2019s height',
    async (range) => {
      const png = await renderTickerChart(app.repos, app.loaded.config, 'GME', { asOf: AS_OF, range });
      const { width, height } = pngSize(png);
      expect(width).toBeGreaterThanOrEqual(1000);
      expect(height).toBe(chartHeight(tickerChartModel(app.repos, app.loaded.config, 'GME', { asOf: AS_OF, range })));
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, `GME-${range}.png`), png);
    },
  );

  it('leaves the panels without data out for a symbol with bars only', async () => {
    writeMarket(app.db, AS_OF, 30, { NEWCO: { close: (i) => 5 + i * 0.1, volume: () => 100_000 } });
    app.db.$client.prepare("DELETE FROM short_volume WHERE symbol = 'NEWCO'").run();
    const m = tickerChartModel(app.repos, app.loaded.config, 'NEWCO', { asOf: AS_OF, range: '3m' });
    expect(m.panels.map((p) => p.id)).toEqual(['price']);
    expect(m.leftOut.map((l) => l.id)).toEqual([
      'short_volume',
      'short_interest',
      'score',
      'off_exchange',
      'borrow',
      'fails',
    ]);
    const png = await renderTickerChart(app.repos, app.loaded.config, 'NEWCO', { asOf: AS_OF, range: '3m' });
    expect(pngSize(png).height).toBe(chartHeight(m));
    writeFileSync(join(OUT, 'NEWCO-3m.png'), png);
  });

  it('draws the small line and bar charts reports use', () => {
    const labels = ['2021-01-21', '2021-01-22', '2021-01-25', '2021-01-26', '2021-01-27'];
    const line = renderLineChart({
      title: 'Score trend',
      labels,
      series: [{ label: 'GME', values: [0.6, 0.7, null, 0.9, 0.93] }],
      format: 'score',
      min: 0,
      max: 1,
      thresholds: [{ label: 'high', value: 0.8 }],
    });
    const bars = renderBarChart({
      title: 'Pipeline funnel',
      labels: ['universe', 'price', 'volume', 'deep scan', 'ranked'],
      series: [{ label: 'symbols', values: [11_000, 6_200, 41, 41, 25] }],
      horizontal: true,
    });
    expect(pngSize(line).width).toBeGreaterThanOrEqual(1000);
    expect(pngSize(bars).width).toBeGreaterThanOrEqual(1000);
    writeFileSync(join(OUT, 'line.png'), line);
    writeFileSync(join(OUT, 'bars.png'), bars);
  });
});

describe('chart in chat and on the command line', () => {
  it('/chart GME 6m replies with the chart as a photo and a caption', async () => {
    const r = await say('/chart GME 6m');
    expect(r.outcome).toBe('ok');
    expect(r.photos).toHaveLength(1);
    expect(pngSize(r.photos[0]!.png).width).toBeGreaterThanOrEqual(1000);
    expect(r.photos[0]!.caption).toContain('<b>GME</b> · 6m to 2021-01-27');
  });

  it('/chart answers a wrong range with the usage and an unknown ticker in words', async () => {
    expect((await say('/chart GME 2y')).outcome).toBe('usage');
    const r = await say('/chart ZZZZ');
    expect(r.photos).toHaveLength(0);
    expect(r.replies.join()).toContain('nothing to chart');
  });

  it('the Chart button under an alert replies with the chart', async () => {
    const r = await press('chart:GME');
    expect(r.outcome).toBe('ok');
    expect(r.answers[0]).toContain('GME');
    expect(r.photos).toHaveLength(1);
  });

  it('/ticker sends the card, then the chart as a photo', async () => {
    const r = await say('/ticker GME');
    expect(r.outcome).toBe('ok');
    expect(r.replies.length).toBeGreaterThan(0);
    expect(r.photos).toHaveLength(1);
  });

  it('squeezebot chart writes the PNG', async () => {
    const file = join(dir, 'gme.png');
    const lines: string[] = [];
    const code = await main(
      ['chart', 'GME', '--as-of', AS_OF, '--range', '1m', '--db', join(dir, 'c.db'), '--out', file],
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
    );
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/gme\.png: GME 1m to 2021-01-27, 5 panels/);
    const { readFileSync } = await import('node:fs');
    expect(pngSize(readFileSync(file)).width).toBeGreaterThanOrEqual(1000);
    expect(
      await main(['chart', 'GME', '--range', '2y', '--db', join(dir, 'c.db')], { out: () => {}, err: () => {} }),
    ).toBe(2);
  });
});
