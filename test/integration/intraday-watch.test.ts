import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { fakeClock } from '../../src/shared/clock';
import { useMsw } from '../support/msw';
import { sayConfirmed } from '../support/chat-surface';

// The scheduler's intraday watch through the real app wiring: one Polygon snapshot (msw) for the short
// list, the dip check of each position at its live price, buy-more alerts through the dip cooldown.

const SNAPSHOT = 'https://api.polygon.io/v2/snapshot/locale/us/markets/stocks/tickers';
const server = useMsw();
const clock = fakeClock('2021-01-28T15:00:00Z'); // 10:00 New York, a trading day
let dir: string;
let app: App;
let asked: string[][];

async function open(env: Record<string, string>) {
  app = createApp({ dbPath: join(dir, 'w.db'), env: { TELEGRAM_ADMIN_IDS: '1', ...env }, clock, logLevel: 'silent' });
  // bars alone score low (no short interest held): the score floor is lifted so that these tests are
  // about the watch, with volume and score still measured then and now
  await sayConfirmed(app, '/set portfolio.thesis.score_min 0');
}

// Closes cycling 17..27.2 ending on a bounce off the 17 trough (lows = close − 0.5): support just under 17.
function writeRange(symbol: string, end = '2021-01-27') {
  const cycle = [10, 11, 12, 13, 14, 15, 16, 15, 14, 13, 12, 11].map((c) => c * 1.7);
  const closes = [...Array.from({ length: 8 }, () => cycle).flat(), 17, 17.7, 18, 17.9];
  const dates = tradingDaysBetween(addTradingDays(end, -(closes.length - 1)), end);
  const insert = app.db.$client.prepare(
    `INSERT INTO daily_bars (symbol, date, open, high, low, close, volume, source, published_on) VALUES (?, ?, ?, ?, ?, ?, ?, 'test', ?)`,
  );
  // the last 4 sessions trade 3× the volume: a measured volume thesis (≥ portfolio.thesis.volume_min)
  const n = closes.length;
  closes.forEach((c, i) =>
    insert.run(symbol, dates[i], c, c + 0.5, c - 0.5, c, i >= n - 4 ? 3_000_000 : 1_000_000, dates[i]),
  );
}

/** Polygon answers every asked ticker at `prices[ticker]` (17 when not given). */
function quoting(prices: Record<string, number> = {}) {
  server.use(
    http.get(SNAPSHOT, ({ request }) => {
      const tickers = new URL(request.url).searchParams.get('tickers')!.split(',');
      asked.push(tickers);
      return HttpResponse.json({
        status: 'OK',
        count: tickers.length,
        tickers: tickers.map((t) => ({
          ticker: t,
          updated: 1611846000000000000,
          day: { o: 18, h: 18.2, l: 16.8, c: 17, v: 900_000, vw: 17.4 },
          lastTrade: { p: prices[t] ?? 17, s: 100, t: 1611846000000000000 },
          prevDay: { c: 17.9 },
        })),
      });
    }),
  );
}

const dipAlerts = () =>
  app.db.$client
    .prepare(`SELECT symbol, dedupe_key AS dedupeKey, as_of AS asOf FROM alerts WHERE kind = 'dip' ORDER BY id`)
    .all();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-intraday-'));
  clock.set('2021-01-28T15:00:00Z');
  asked = [];
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('intraday watch', () => {
  it('alerts a position bought at 20 and quoted 17 near its support once, not again on the next 5-minute pass', async () => {
    await open({ POLYGON_API_KEY: 'pk_test' });
    writeRange('QUBT');
    await app.portfolio.buy('1', { symbol: 'QUBT', quantity: 100, price: 20, asOf: '2021-01-27' });
    app.adhoc.add('KOSS', { by: 'test' });
    quoting();

    const first = await app.portfolio.intradayWatch(clock.now());
    expect(asked).toEqual([['KOSS', 'QUBT']]);
    expect(first).toMatchObject({
      day: '2021-01-28',
      symbols: 2,
      quotes: 2,
      positionsChecked: 1,
      dipAlerts: 1,
      suppressed: 0,
      failures: 0,
    });
    expect(dipAlerts()).toEqual([{ symbol: 'QUBT', dedupeKey: 'dip:1:QUBT', asOf: '2021-01-28' }]);

    clock.set('2021-01-28T15:05:00Z');
    const second = await app.portfolio.intradayWatch(clock.now());
    expect(second).toMatchObject({ positionsChecked: 1, dipAlerts: 0, suppressed: 1 });
    expect(dipAlerts()).toHaveLength(1);
  });

  it('does not alert when the live price is above the dip threshold, though the last close was not', async () => {
    await open({ POLYGON_API_KEY: 'pk_test' });
    writeRange('QUBT');
    await app.portfolio.buy('1', { symbol: 'QUBT', quantity: 100, price: 20, asOf: '2021-01-27' });
    quoting({ QUBT: 19.9 });
    expect(await app.portfolio.intradayWatch(clock.now())).toMatchObject({ positionsChecked: 1, dipAlerts: 0 });
    expect(dipAlerts()).toEqual([]);
  });

  it('returns the provider error in its stats instead of throwing', async () => {
    await open({ POLYGON_API_KEY: 'pk_test' });
    writeRange('QUBT');
    await app.portfolio.buy('1', { symbol: 'QUBT', quantity: 100, price: 20, asOf: '2021-01-27' });
    server.use(
      http.get(SNAPSHOT, () => HttpResponse.json({ status: 'ERROR', error: 'Unknown API Key' }, { status: 401 })),
    );
    const r = await app.portfolio.intradayWatch(clock.now());
    expect(r).toMatchObject({ quotes: 0, positionsChecked: 0, dipAlerts: 0, failures: 1 });
    expect((r as { error?: string }).error).toMatch(/401|unauthori[sz]ed/i);
  });

  it('runs as the scheduled job with its stats recorded', async () => {
    await open({ POLYGON_API_KEY: 'pk_test' });
    writeRange('QUBT');
    await app.portfolio.buy('1', { symbol: 'QUBT', quantity: 100, price: 20, asOf: '2021-01-27' });
    quoting();
    const { status } = await app.scheduling.scheduler.runNow('intraday_watch');
    expect(status).toBe('ok');
    expect(dipAlerts()).toHaveLength(1);
  });

  it('is disabled without a Polygon key: the job refuses to run and the watch makes no request', async () => {
    await open({});
    writeRange('QUBT');
    await app.portfolio.buy('1', { symbol: 'QUBT', quantity: 100, price: 20, asOf: '2021-01-27' });
    await expect(app.scheduling.scheduler.runNow('intraday_watch')).rejects.toThrow(
      /disabled: no quote source: set POLYGON_API_KEY/,
    );
    expect(await app.portfolio.intradayWatch(clock.now())).toEqual({
      disabled: 'no quote source: set POLYGON_API_KEY',
    });
    expect(asked).toEqual([]);
    expect(dipAlerts()).toEqual([]);
  });
});
