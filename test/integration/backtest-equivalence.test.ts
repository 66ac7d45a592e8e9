import { afterEach, describe, expect, it } from 'vitest';
import { createRepos } from '../../src/db/repos';
import { createDatasetStatusRepo } from '../../src/db/repos/dataset-status.repo';
import type { FunnelResult } from '../../src/pipeline/run-pipeline';
import { runBacktest } from '../../src/pipeline/backtest';
import { createDbPipelineSource, knownNewest } from '../../src/pipeline/db-pipeline-source';
import { runFunnel } from '../../src/pipeline/run-pipeline';
import { createRunRecorder } from '../../src/pipeline/run-recorder';
import { createVolumeScreen } from '../../src/pipeline/volume-screen';
import { addTradingDays } from '../../src/market/trading-calendar';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import {
  flat,
  recordShortVolumeImports,
  runUp,
  spikeLast,
  writeMarket,
  writeShortInterest,
} from '../support/market-fixture';
import { tempDb } from '../support/temp-db';

// The backtest answers each day from memory (short volume held for the whole window, short interest,
// OTC weeks, options, lit trades, borrow, fails and threshold rows read once per symbol; volume metrics
// read from the bar columns): every day must come out exactly as the per-day source,
// which reads SQLite with the day in each query, makes it.

const END = '2024-06-14';
const FROM = addTradingDays(END, -24);

describe('backtest from memory', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  it('scores, ranks, cuts and records every day exactly as the per-day SQLite source', async () => {
    t = tempDb();
    const dates = writeMarket(t.db, END, 140, {
      HOT: { close: runUp(10, 12, 0.05, 0.06), volume: (i, n) => (i >= n - 12 ? 2e6 * (5 + (i % 4)) : 2e6) },
      ALT: { close: flat(8), volume: spikeLast(3e6, 7) },
      MID: { close: runUp(5, 20, 0.02, 0.05), volume: (i) => 1.5e6 * (1 + (i % 7 === 0 ? 4 : 0)) },
      NEW: { close: runUp(4, 8, 0.08, 0.05), volume: (i, n) => (i >= n - 8 ? 6e6 : 1e6), days: 40 },
      // keyless: close-only bars for the last 15 days, short volume every day (the off-exchange proxy)
      PROXY: { close: runUp(6, 6, 0.07, 0.05), volume: (i, n) => (i >= n - 6 ? 8e6 : 1.2e6), screenerDays: 15 },
      STALE: { close: flat(12), volume: spikeLast(2e6, 9), endsDaysBefore: 10 },
      QUIET: { close: flat(20), volume: spikeLast(2e6, 1) },
    });
    recordShortVolumeImports(t.db, dates);
    // reports published inside the replay: a day before publication must not see them
    for (const [symbol, settlement, published, shares] of [
      ['HOT', '2024-04-30', '2024-05-09', 9e6],
      ['HOT', '2024-05-15', '2024-05-24', 12e6],
      ['HOT', '2024-05-31', '2024-06-11', 18e6],
      ['NEW', '2024-05-31', '2024-06-11', 5e6],
      ['MID', '2024-05-15', '2024-05-24', 3e6],
    ] as const)
      writeShortInterest(t.db, { symbol, settlement, published, shares });
    const otc = t.db.$client.prepare(
      `INSERT INTO otc_weekly (symbol, week_start, tier, summary_type, shares, source, published_on) VALUES (?, ?, 'T1', 'ATS_W_SMBL', ?, 'test', ?)`,
    );
    for (const [week, published, shares] of [
      ['2024-04-22', '2024-05-06', 4e6],
      ['2024-04-29', '2024-05-13', 5e6],
      ['2024-05-06', '2024-05-20', 9e6],
      ['2024-05-13', '2024-05-28', 14e6],
      ['2024-05-20', '2024-06-03', 20e6],
      ['2024-05-27', '2024-06-10', 26e6],
    ] as const)
      otc.run('HOT', week, shares, published);

    // supply data (issue 12) and lit trades, read once per symbol by the replay: changes and files published
    // inside the replay, so a day before a publication must not see them
    const sql = t.db.$client;
    const trade = sql.prepare(
      `INSERT INTO trades_daily (symbol, date, buy_volume, sell_volume, unclassified_volume, trade_count, method, source, published_on) VALUES (?, ?, ?, ?, 0, 100, 'nbbo', 'test', ?)`,
    );
    const borrow = sql.prepare(
      `INSERT INTO borrow_snapshots (symbol, taken_at, fee_rate, rebate_rate, available, available_capped, source, published_on) VALUES (?, ?, ?, ?, ?, 0, 'test', ?)`,
    );
    const fail = sql.prepare(
      `INSERT INTO fails_to_deliver (symbol, settlement_date, cusip, quantity, price, description, file, source, published_on) VALUES (?, ?, 'C1', ?, 10, 'X', ?, 'test', ?)`,
    );
    const listed = sql.prepare(
      `INSERT INTO threshold_list (symbol, date, market, name, source, published_on) VALUES (?, ?, 'NASDAQ', 'X', 'test', ?)`,
    );
    const status = createDatasetStatusRepo(t.db);
    const replayDays = dates.slice(-40);
    replayDays.forEach((date, i) => {
      for (const symbol of ['HOT', 'MID']) trade.run(symbol, date, 1e6 + i * 5e4, 8e5, date);
      // a borrow file every other day; HOT's fee moves every sixth day, ALT leaves the file on day 30
      if (i % 2 === 0) {
        borrow.run('#FILE', `${date}T15:00:00Z`, null, null, 3, date);
        if (i % 6 === 0) borrow.run('HOT', `${date}T15:00:00Z`, 0.05 + i * 0.01, -0.01, 1e5 - i * 1e3, date);
        if (i === 0 || i === 30) borrow.run('ALT', `${date}T15:00:00Z`, i === 0 ? 0.02 : null, null, null, date);
      }
      // fails published 12 trading days after settlement
      if (i + 12 < replayDays.length) fail.run('HOT', date, 5e4 * (i + 1), `cnsfails_${i}`, replayDays[i + 12]!);
      // HOT on the threshold list from day 30 (while it is scanned), published on the next trading day; every list day attempted
      if (i + 1 < replayDays.length) {
        if (i >= 30) listed.run('HOT', date, replayDays[i + 1]!);
        status.record({
          dataset: 'threshold',
          date,
          kind: 'import',
          origin: `threshold_${date}`,
          status: 'ok',
          rows: 1,
          startedAt: `${date}T23:00:00.000Z`,
          finishedAt: `${date}T23:00:01.000Z`,
        });
      }
    });

    const config = testConfig((c) => {
      c.alerting.thresholds.high.squeeze_score = 0.3;
      c.alerting.thresholds.medium.squeeze_score = 0.27;
      c.alerting.thresholds.low.squeeze_score = 0.25;
      // the per-day runs below are not told the replay's followed names
      c.volume_detector.filters.follow_days = 0;
    });
    const repos = createRepos(t.db);
    const clock = fakeClock('2024-06-20T00:00:00Z');
    const days: { date: string; result: FunnelResult }[] = [];
    const result = await runBacktest({
      repos,
      config,
      clock,
      from: FROM,
      to: END,
      onResult: ({ date, result: r }) => days.push({ date, result: r }),
    });
    expect(days).toHaveLength(25);
    expect(result.alerts.length).toBeGreaterThan(0);
    const scored = days.flatMap((d) => d.result.scored);
    // the paths served from memory are all taken
    expect(scored.some((r) => r.metrics.shortInterest !== null)).toBe(true);
    expect(scored.some((r) => r.metrics.shortVolume !== null)).toBe(true);
    expect(scored.some((r) => r.metrics.offExchange !== null)).toBe(true);
    expect(scored.some((r) => r.metrics.volume?.volumeBasis === 'off_exchange')).toBe(true);
    expect(scored.some((r) => r.metrics.offExchange?.litImbalance != null)).toBe(true);
    expect(scored.some((r) => r.metrics.supply?.borrow != null)).toBe(true);
    expect(scored.some((r) => r.metrics.supply?.fails != null)).toBe(true);
    expect(scored.some((r) => r.metrics.supply?.threshold != null)).toBe(true);
    // HOT's streak grows as lists are published: days before its first list see it off the list
    const hot = scored.filter((r) => r.symbol === 'HOT').map((r) => r.metrics.supply?.threshold);
    expect(hot.some((x) => x?.onList === false)).toBe(true);
    expect(hot.some((x) => x?.onList === true && x.streakDays > 1)).toBe(true);

    const universe = repos.pipelineData.universe();
    const screen = createVolumeScreen(result.bars, config.volume_detector.analysis.volume_lookback_days);
    for (const { date, result: fromMemory } of days) {
      const source = {
        ...createDbPipelineSource({
          asOf: date,
          data: repos.pipelineData,
          bars: result.bars,
          screen,
          universe,
          newest: knownNewest(repos.datasetStatus, date),
        }),
        // the per-day run computes its volume metrics from bar objects: the replay's read from columns must match
        barColumns: undefined,
      };
      const recorder = createRunRecorder({ kind: 'backtest', asOf: date, clock, id: fromMemory.run.id });
      const perDay = await runFunnel({ source, config, recorder, adhoc: [], followed: [] });
      expect(comparable(fromMemory), date).toEqual(comparable(perDay));
    }
  });
});

/** A day's outcome without its timings. */
function comparable(r: FunnelResult) {
  return {
    ranking: r.ranking,
    scored: r.scored,
    stages: r.run.stages.map(({ durationMs: _, ...s }) => s),
    eliminations: [...r.run.eliminations.values()],
    status: r.run.status,
    healthScore: r.run.healthScore,
    summary: r.run.summary,
  };
}
