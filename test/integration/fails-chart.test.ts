import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailsRow } from '../../src/domain/short-supply';
import { createApp, type App } from '../../src/main';
import { estimatedFailsPublication, failsPeriodFromName } from '../../src/market/sec-fails-calendar';
import { tradingDaysBetween } from '../../src/market/trading-calendar';
import { renderTickerChart, tickerChartModel } from '../../src/reports/charts';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { runUp, spikeLast, writeMarket } from '../support/market-fixture';

// The fails-to-deliver panel of the ticker chart from a constructed store (our own figures, not the SEC's):
// GME fails every session from 2020-12-21 to 2021-01-08 (two half-month files), then none to 2021-01-14;
// the file of 2021-01-15..31 is not held. The SEC's halves are the 1st-14th and the 15th to the end. Each file counts from its estimated publication day only. The PNG
// is left in $TMPDIR/squeezebot-charts for a person to look at.

const OUT = join(tmpdir(), 'squeezebot-charts');
let dir: string;
let app: App;

function failsOf(file: string, from: string, to: string, quantity: (i: number) => number): FailsRow[] {
  const publishedOn = estimatedFailsPublication(failsPeriodFromName(file)!);
  return tradingDaysBetween(from, to).map((settlementDate, i) => ({
    symbol: 'GME',
    settlementDate,
    cusip: '36467W109',
    quantity: quantity(i),
    price: 20,
    description: 'GAMESTOP CORP',
    file,
    source: 'sec',
    publishedOn,
  }));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-fails-chart-'));
  app = createApp({
    dbPath: join(dir, 'f.db'),
    env: { TELEGRAM_ADMIN_IDS: '1' },
    clock: fakeClock('2021-02-26T22:00:00Z'),
    logLevel: 'silent',
  });
  writeMarket(app.db, '2021-02-26', 120, {
    GME: { close: runUp(18, 15, 0.12), volume: spikeLast(3_000_000, 8), shortShare: 0.5 },
  });
  app.repos.fails.upsert([
    ...failsOf('cnsfails202012b', '2020-12-21', '2020-12-31', (i) => 400_000 + i * 50_000),
    ...failsOf('cnsfails202101a', '2021-01-04', '2021-01-08', (i) => 900_000 - i * 100_000),
  ]);
});

afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const panelAt = (asOf: string) =>
  tickerChartModel(app.repos, app.loaded.config, 'GME', { asOf, range: '3m' }).panels.find((p) => p.id === 'fails');

describe('the fails-to-deliver chart panel', () => {
  it('draws each settlement day, zeros inside a file held, gaps where no file of the symbol is held', () => {
    const panel = panelAt('2021-02-26')!;
    const model = tickerChartModel(app.repos, app.loaded.config, 'GME', { asOf: '2021-02-26', range: '3m' });
    const bars = panel.series.find((s) => s.id === 'fails_shares')!;
    const at = (d: string) => (bars.kind === 'bar' ? bars.values[model.dates.indexOf(d)] : undefined);
    expect(at('2020-12-21')).toBe(400_000);
    expect(at('2021-01-08')).toBe(500_000);
    expect(at('2021-01-11')).toBe(0);
    expect(at('2021-01-20')).toBeNull();
    expect(at('2020-12-15')).toBe(0);
    expect(at('2020-12-14')).toBeNull();
    expect(at('2021-01-15')).toBeNull();
  });

  it('marks the T+35 close-out of the run on its day, and lists close-outs still ahead', () => {
    const panel = panelAt('2021-02-26')!;
    // the run began 2020-12-21: + 35 calendar days = 2021-01-25, a Monday
    expect(panel.markers.map((m) => m.date)).toEqual(['2021-01-25']);
    expect(panel.notes.join(' ')).toMatch(/Newest settlement day held: 2021-01-08/);
    // as of 2021-02-10 the run's last days (2021-01-04..08) are due 2021-02-08..12: 11th and 12th still ahead
    const earlier = panelAt('2021-02-10')!;
    expect(earlier.notes.join(' ')).toContain('T+35 close-outs still ahead of 2021-02-10: 2021-02-11, 2021-02-12');
  });

  it('is point in time: a file counts from its publication day, and no fails held leaves the panel out', () => {
    // 202101a (to the 14th) is estimated out on 2021-01-28: as of 2021-01-27 only December's file is seen
    const before = panelAt('2021-01-27')!;
    expect(before.notes.join(' ')).toMatch(/Newest settlement day held: 2020-12-31/);
    expect(panelAt('2021-01-13')).toBeUndefined();
  });

  it('/chart renders it; the PNG is written for a look', async () => {
    const png = await renderTickerChart(app.repos, app.loaded.config, 'GME', { asOf: '2021-02-26', range: '3m' });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'GME-fails-3m.png'), png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const { text } = await sayTo(app, '/ftd GME', {
      userId: '1',
      userName: 'a',
      chatType: 'private',
      asOf: '2021-02-26',
    });
    expect(text).toContain('GME');
  });
});
