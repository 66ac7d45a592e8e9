import { afterEach, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../src/db/client';
import { createRepos } from '../../src/db/repos';
import type { DailyBar, ShortVolumeRecord } from '../../src/domain/market-data';
import { fixedSettings } from '../../src/config/settings';
import { addTradingDays } from '../../src/market/trading-calendar';
import { addCalendarDays } from '../../src/market/iso-date';
import { BAR_LOOKBACK_CALENDAR_DAYS } from '../../src/pipeline/db-pipeline-source';
import { createAdhocService } from '../../src/pipeline/adhoc.service';
import { createMarketCache } from '../../src/pipeline/market-cache';
import { createPipelineService, type EvaluatedRun } from '../../src/pipeline/pipeline.service';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { writeMarket, type SymbolShape } from '../support/market-fixture';
import { tempDb } from '../support/temp-db';

// The market a long-running bot holds (pipeline/market-cache.ts) must give every run exactly what a run
// reading its window fresh from SQLite gets, whatever was written in between and by whom: a day appended
// by the ingest job, a history fetched for one name, a day imported by another process, a past day asked
// for. Each step below runs the same day both ways and compares the whole funnel.

const LAST = '2024-06-14';
const D = addTradingDays(LAST, -2);

/** Spikes on different days per name, so each day of the test has its own candidates and ranking. */
function shapes(): Record<string, SymbolShape> {
  const out: Record<string, SymbolShape> = {};
  for (let k = 0; k < 30; k++) {
    out[`S${String(k).padStart(2, '0')}`] = {
      close: (i) => (8 + k) * (1 + 0.2 * Math.sin((i + k) / 7)) * (i % 2 ? 1.01 : 0.99),
      volume: (i, n) => 1_000_000 * (1 + (k % 5)) * ((i + k) % 11 === 0 || i >= n - 3 - (k % 3) ? 5 + (k % 4) : 1),
      shortShare: 0.3 + (k % 7) * 0.05,
    };
  }
  out.THIN = { close: (i) => 12 + i * 0.05, volume: (i, n) => (i === n - 1 ? 9e6 : 1.5e6), days: 30 };
  // keyless: close-only screener bars for a few days, FINRA's off-exchange volume for every day
  out.PROXY = { close: (i) => 6 + (i % 5) * 0.1, volume: (i, n) => (i >= n - 2 ? 8e6 : 1e6), screenerDays: 3 };
  return out;
}

/** What a run decided: every stage's counts and reasons, every scored name's rank, score, level and metrics. */
function decided(r: EvaluatedRun) {
  return {
    stages: r.run.stages.map((s) => [s.name, s.status, s.symbolsIn, s.symbolsOut, s.eliminationReasons]),
    scored: r.scored.map((x) => [x.symbol, x.rank, x.result.score, x.result.level, x.metrics]),
  };
}

describe('the market held in memory', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  it('answers every run as a fresh read of its window would, through appends, a history fill, another process and a past day', async () => {
    t = tempDb();
    writeMarket(t.db, LAST, 200, shapes());
    const sqlite = t.db.$client;
    // the last two days are taken out and written back later, as the daily jobs and an import would
    const later = (day: string) => ({
      bars: (
        sqlite
          .prepare('SELECT symbol, date, open, high, low, close, volume, source FROM daily_bars WHERE date = ?')
          .all(day) as Omit<DailyBar, 'adjClose' | 'vwap' | 'trades' | 'publishedOn'>[]
      ).map((b) => ({ ...b, adjClose: null, vwap: null, trades: null, publishedOn: day })),
      shortVolume: (
        sqlite
          .prepare(
            `SELECT symbol, date, facility, short_volume AS shortVolume, short_exempt_volume AS shortExemptVolume,
                    total_volume AS totalVolume, source FROM short_volume WHERE date = ?`,
          )
          .all(day) as Omit<ShortVolumeRecord, 'markets' | 'publishedOn'>[]
      ).map((r) => ({ ...r, markets: null, publishedOn: day })),
    });
    const day1 = later(addTradingDays(D, 1));
    const day2 = later(LAST);
    expect(day1.bars.length).toBeGreaterThan(30);
    sqlite.prepare('DELETE FROM daily_bars WHERE date > ?').run(D);
    sqlite.prepare('DELETE FROM short_volume WHERE date > ?').run(D);

    const config = testConfig();
    const clock = fakeClock(`${LAST}T23:00:00Z`);
    const repos = createRepos(t.db);
    const deps = {
      repos,
      settings: fixedSettings(config),
      clock,
      logger: testLogger(),
      adhoc: createAdhocService({ repos, settings: fixedSettings(config), clock }),
    };
    const market = createMarketCache({ data: repos.pipelineData, writes: repos.marketWrites });
    const held = createPipelineService({ ...deps, market });
    const fresh = createPipelineService(deps);
    const both = async (asOf: string, how: string) => {
      const a = await held.evaluate({ asOf });
      const b = await fresh.evaluate({ asOf });
      expect(a.run.summary.bars_held).toBe(how);
      expect(decided(a)).toEqual(decided(b));
      return a;
    };

    const first = await both(D, 'loaded');
    expect(first.scored.length).toBeGreaterThan(3); // a funnel with work in it, not two empty lists
    await both(D, 'held');

    // the ingest job appends the next day (bars and short volume), through the repos' writers
    repos.marketData.transaction(() => repos.marketData.upsertBars(day1.bars));
    repos.marketData.transaction(() => repos.marketData.upsertShortVolume(day1.shortVolume));
    const next = await both(addTradingDays(D, 1), 'updated');
    expect(decided(next)).not.toEqual(decided(first));

    // a history fetched for one name: older bars of THIN, before its listing in the store
    const older = Array.from({ length: 40 }, (_, i) => addTradingDays(D, -(30 + i))).map((date) => ({
      symbol: 'THIN',
      date,
      open: 11,
      high: 11.5,
      low: 10.5,
      close: 11,
      adjClose: null,
      volume: 1_400_000,
      vwap: null,
      trades: null,
      source: 'yahoo',
      publishedOn: date,
    }));
    repos.marketData.transaction(() => repos.marketData.upsertBars(older));
    await both(addTradingDays(D, 1), 'updated');

    // another process imports the last day into the same file
    const other = openDb(t.path);
    const otherRepos = createRepos(other);
    otherRepos.marketData.transaction(() => otherRepos.marketData.upsertBars(day2.bars));
    otherRepos.marketData.transaction(() => otherRepos.marketData.upsertShortVolume(day2.shortVolume));
    closeDb(other);
    await both(LAST, 'updated');
    await both(LAST, 'held');
    // the days that slid out of the window are no longer held
    expect(market.stats().from).toBe(addCalendarDays(LAST, -BAR_LOOKBACK_CALENDAR_DAYS));

    // a look at the past is read for itself and leaves the held market as it was
    const before = market.stats();
    await both(addTradingDays(D, -40), 'one-off');
    expect(market.stats()).toEqual(before);
    expect(before.loads).toBe(1);
    expect(before.updates).toBe(3);
  });
});
