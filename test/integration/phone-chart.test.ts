import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { createApp, type App } from '../../src/main';
import { loadTickerChartData, phoneChartModel, renderPhoneChart, tickerChartModel } from '../../src/reports/charts';
import { PHONE_LAYOUT } from '../../src/reports/charts/chart-layout';
import { buildTickerChartModel } from '../../src/reports/charts/ticker-chart.model';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { runUp, spikeLast, writeMarket } from '../support/market-fixture';
import { saveDay } from '../support/report-fixture';

// The chat's portrait chart from a real store: 1080×1350, price plus the two panels with data, one line
// naming what was left out, and a score panel reading every stored score, live runs' and backtest
// replays' (kept with the learning tracker's records). PNGs are left in $TMPDIR/squeezebot-charts.

const AS_OF = '2021-01-27';
const OUT = join(tmpdir(), 'squeezebot-charts');
let dir: string;
let app: App;

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const ADMIN = { userId: '1', userName: 'admin', chatType: 'private', asOf: AS_OF } as const;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-phone-chart-'));
  app = createApp({
    dbPath: join(dir, 'p.db'),
    env: { TELEGRAM_ADMIN_IDS: '1' },
    clock: fakeClock('2021-01-28T14:00:00Z'),
    logLevel: 'silent',
  });
  writeMarket(app.db, AS_OF, 200, {
    GME: { close: runUp(4, 15, 0.12), volume: spikeLast(3_000_000, 8), shortShare: 0.5 },
  });
  // one live run: one solid dot
  saveDay(app.db, '2021-01-27', [{ symbol: 'GME', score: 0.82, level: 'high' }]);
  // a backtest replay recorded its top names and a missed one, as `squeezebot backtest` does
  const days: [string, number][] = [
    ['2021-01-19', 0.41],
    ['2021-01-20', 0.47],
    ['2021-01-21', 0.55],
    ['2021-01-22', 0.61],
    ['2021-01-27', 0.8],
    // after asOf: never read
    ['2021-01-28', 0.95],
  ];
  app.repos.learning.track(
    days.map(([asOf, score]) => ({
      id: `rec_backtest_${asOf}_GME`,
      origin: 'backtest',
      symbol: 'GME',
      asOf,
      reason: 'ranked',
      rank: 1,
      price: 10,
      score,
      fuel: 0.5,
      trigger: 0.4,
      level: null,
      features: {},
      thesis: 'test',
      status: 'tracking',
    })),
  );
  app.repos.learning.saveMissed(
    [
      {
        origin: 'backtest',
        asOf: '2021-01-15',
        symbol: 'GME',
        runId: null,
        stage: 'alerting',
        criterion: 'score',
        value: 0.33,
        threshold: 0.4,
        detail: null,
        score: 0.33,
        features: {},
        price: 9,
        peakPrice: 20,
        peakReturn: 1.2,
        daysToPeak: 5,
      },
    ],
    '2021-02-20T00:00:00Z',
  );
});

afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('phone chart from the store', () => {
  it('reads every stored score up to asOf, live and backtest, each marked by origin', () => {
    const d = loadTickerChartData(app.repos, app.loaded.config, 'GME', { asOf: AS_OF, range: '3m' });
    expect(d.scores.map((s) => `${s.asOf} ${s.origin} ${s.score}`)).toEqual([
      '2021-01-15 backtest 0.33',
      '2021-01-19 backtest 0.41',
      '2021-01-20 backtest 0.47',
      '2021-01-21 backtest 0.55',
      '2021-01-22 backtest 0.61',
      '2021-01-27 live 0.82',
      '2021-01-27 backtest 0.8',
    ]);
    const score = buildTickerChartModel(d).panels.find((p) => p.id === 'score')!;
    const bt = score.series.find((s) => s.id === 'score_backtest')!;
    expect(bt).toMatchObject({ kind: 'line', points: 'hollow', label: 'backtest' });
    expect(score.series.find((s) => s.id === 'score')).toMatchObject({ points: 'solid' });
  });

  it('draws 1080×1350 with price and two panels, and one line naming the panels left out and why', () => {
    const full = tickerChartModel(app.repos, app.loaded.config, 'GME', { asOf: AS_OF, range: '3m' });
    const { png, model } = renderPhoneChart(full, '3m', AS_OF);
    expect(pngSize(png)).toEqual({ width: PHONE_LAYOUT.width, height: PHONE_LAYOUT.height });
    // the score history (6 days) says most; then the short ratio, the store holding no short interest
    expect(model.panels.map((p) => p.id)).toEqual(['price', 'short_volume', 'score']);
    expect(model.notes).toEqual([
      'Left out: no short-interest report in this range; no off-exchange figures; no borrow data; no fails-to-deliver data.',
    ]);
    expect(model.panels.every((p) => p.notes.length === 0)).toBe(true);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'GME-3m-phone.png'), png);
  });

  it('names a panel with data left out for room when more than two have data', () => {
    const full = tickerChartModel(app.repos, app.loaded.config, 'GME', { asOf: AS_OF, range: '3m' });
    const withSi = { ...full, panels: [...full.panels, { ...full.panels[1]!, id: 'borrow' as const }] };
    const phone = phoneChartModel(withSi, '3m', AS_OF);
    expect(phone.panels.map((p) => p.id)).toEqual(['price', 'short_volume', 'score']);
    expect(phone.notes[0]).toMatch(/no room for borrow \(the full chart has them\)\.$/);
  });

  it('/chart sends the phone chart with the left-out line in its caption', async () => {
    const r = await sayTo(app, '/chart GME', ADMIN);
    expect(r.outcome).toBe('ok');
    expect(pngSize(r.photos[0]!.png)).toEqual({ width: 1080, height: 1350 });
    expect(r.photos[0]!.caption).toContain('<i>Left out: no short-interest report in this range;');
  });

  it('squeezebot chart keeps the full chart and draws the phone one with --phone', async () => {
    const run = async (...extra: string[]) => {
      const file = join(dir, `gme${extra.join('')}.png`);
      const code = await main(['chart', 'GME', '--as-of', AS_OF, '--db', join(dir, 'p.db'), '--out', file, ...extra], {
        out: () => {},
        err: () => {},
      });
      expect(code).toBe(0);
      return pngSize(readFileSync(file));
    };
    expect((await run()).width).toBe(1200);
    expect(await run('--phone')).toEqual({ width: 1080, height: 1350 });
  });
});
