import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BorrowSnapshot } from '../../src/domain/short-supply';
import { createApp, type App } from '../../src/main';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { renderTickerChart, tickerChartModel } from '../../src/reports/charts';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { runUp, spikeLast, writeMarket } from '../support/market-fixture';
import { supplySource } from '../support/supply-source';
import { collectSupplyMetrics } from '../../src/pipeline/supply-metrics';
import { oneLine } from '../support/phone-width';

// What users see of IBKR borrow, from a constructed store (our own figures, not IBKR's): GME's fee climbs
// over three weeks while its shares run out on the last day; AMC stays cheap with >10M available. The
// snapshots go in through the repo as the collector writes them (two a day, stored as changes). The chart
// PNG is left in $TMPDIR/squeezebot-charts for a person to look at.

const AS_OF = '2021-01-27';
const OUT = join(tmpdir(), 'squeezebot-charts');
let dir: string;
let app: App;
const ADMIN = { userId: '1', userName: 'admin', chatType: 'private', asOf: AS_OF } as const;
const say = (text: string) => sayTo(app, text, ADMIN);

function row(symbol: string, takenAt: string, day: string, fee: number | null, available: number): BorrowSnapshot {
  return {
    symbol,
    takenAt,
    feeRate: fee,
    rebateRate: fee === null ? null : Math.round((0.3 - fee) * 10_000) / 10_000,
    available: Math.min(available, 10_000_000),
    availableCapped: available > 10_000_000,
    source: 'ibkr',
    publishedOn: day,
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-borrow-'));
  app = createApp({
    dbPath: join(dir, 'b.db'),
    env: { TELEGRAM_ADMIN_IDS: '1' },
    clock: fakeClock('2021-01-27T22:00:00Z'),
    logLevel: 'silent',
  });
  writeMarket(app.db, AS_OF, 120, {
    GME: { close: runUp(18, 15, 0.12), volume: spikeLast(3_000_000, 8), shortShare: 0.5 },
    AMC: { close: () => 4, volume: () => 20_000_000, shortShare: 0.3 },
  });
  // 15 sessions of two snapshots a day (10:00 and 16:20 ET = 15:00 and 21:20 UTC in January)
  const days = tradingDaysBetween(addTradingDays(AS_OF, -14), AS_OF);
  days.forEach((day, k) => {
    for (const [utc, half] of [
      ['15:00:00Z', 0],
      ['21:20:00Z', 1],
    ] as const) {
      const step = k * 2 + half;
      const gme = row('GME', `${day}T${utc}`, day, 2 + step * 0.9, step >= 29 ? 0 : 2_000_000 - step * 65_000);
      const amc = row('AMC', `${day}T${utc}`, day, 0.25, 25_000_000);
      app.repos.borrow.storeSnapshot({ takenAt: gme.takenAt, publishedOn: day, source: 'ibkr', rows: [gme, amc] });
    }
  });
});

afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('borrow as users see it', () => {
  it('stores changes only: AMC, never moving, has one row; each snapshot has its marker', () => {
    const count = (sql: string) => app.db.$client.prepare(sql).pluck().get() as number;
    expect(count("SELECT count(*) FROM borrow_snapshots WHERE symbol = 'AMC'")).toBe(1);
    expect(count("SELECT count(*) FROM borrow_snapshots WHERE symbol = 'GME'")).toBe(30);
    expect(count("SELECT count(*) FROM borrow_snapshots WHERE symbol = '#FILE'")).toBe(30);
  });

  it('/borrow GME: fee, rebate, available, 1/5-day changes, the trigger, history, when taken', async () => {
    const { text } = await say('/borrow GME');
    expect(text).toContain('GME borrow');
    expect(text).toContain('2021-01-27 16:20 ET');
    expect(text).toMatch(/fee\s+28\.10%\s+\+1\.80 pts\s+\+9\.00 pts/);
    expect(text).toMatch(/avail\s+none/);
    expect(oneLine(text)).toContain('availability went to zero in the last session');
    expect(text).toContain('Changes stored (newest first)');
    expect(text).not.toContain('stale');
  });

  it('/borrow AMC says the cap as the file does and carries its unchanged figures to the newest snapshot', async () => {
    const { text } = await say('/borrow AMC');
    expect(text).toContain('2021-01-27 16:20 ET');
    expect(text).toMatch(/avail\s+&gt;10\.0M/);
    expect(oneLine(text)).toContain('More than 10,000,000 shares available (the file caps the figure).');
  });

  it('a bad argument answers with the usage line; a name without snapshots says so', async () => {
    expect((await say('/borrow')).text).toContain('/borrow SYM');
    expect((await say('/borrow GME AMC')).text).toContain('/borrow SYM');
    expect((await say('/borrow KOSS')).text).toContain('No IBKR borrow figures for <b>KOSS</b>');
  });

  it('as of a later day without snapshots the reading is flagged stale', async () => {
    const { text } = await sayTo(app, '/borrow GME', { ...ADMIN, asOf: '2021-02-01' });
    expect(text).toContain('(stale)');
  });

  it('the supply metrics the score reads, point in time: the day before sees the day before', () => {
    const now = collectSupplyMetrics('GME', supplySource(app.db, AS_OF), { floatShares: null, adv20: null });
    expect(now.supply.borrow).toMatchObject({ noSharesAvailable: true, availabilityWentToZero: true });
    const before = collectSupplyMetrics('GME', supplySource(app.db, '2021-01-26'), { floatShares: null, adv20: null });
    expect(before.supply.borrow).toMatchObject({ feeRate: 26.3, noSharesAvailable: false });
    expect(before.supply.borrow!.takenAt).toBe('2021-01-26T21:20:00Z');
  });

  it('the ticker card has a borrow line', async () => {
    const { text } = await say('/ticker GME');
    expect(oneLine(text)).toMatch(/Borrow\s+28\.10% \(1d \+1\.80 pts\) · none to borrow ⚠ went to zero/);
  });

  it('the chart has a borrow panel only where snapshots exist; the PNG is written for a look', async () => {
    const model = tickerChartModel(app.repos, app.loaded.config, 'GME', { asOf: AS_OF, range: '3m' });
    const panel = model.panels.find((p) => p.id === 'borrow');
    expect(panel).toBeDefined();
    const fee = panel!.series.find((s) => s.id === 'borrow_fee')!;
    expect(fee.kind === 'line' && fee.values.filter((v) => v !== null)).toHaveLength(15);
    expect(panel!.markers).toHaveLength(1);
    const none = tickerChartModel(app.repos, app.loaded.config, 'GME', { asOf: '2020-12-01', range: '1m' });
    expect(none.panels.some((p) => p.id === 'borrow')).toBe(false);
    const png = await renderTickerChart(app.repos, app.loaded.config, 'GME', { asOf: AS_OF, range: '3m' });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'GME-borrow-3m.png'), png);
    const amc = await renderTickerChart(app.repos, app.loaded.config, 'AMC', { asOf: AS_OF, range: '1m' });
    writeFileSync(join(OUT, 'AMC-borrow-1m.png'), amc);
  });
});
