import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatasetStatusRepo } from '../../src/db/repos/dataset-status.repo';
import { gatherDailyReport, gatherWeeklyReport, reportDay } from '../../src/reports/report-data';
import { trendOf } from '../../src/reports/score-row';
import { testConfig } from '../support/config';
import { flat, spikeLast, writeMarket } from '../support/market-fixture';
import { saveAlert, saveDay } from '../support/report-fixture';
import { tempDb } from '../support/temp-db';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// The report models over a constructed store: two saved pipeline days (Thu 2021-01-21, Fri 2021-01-22),
// alerts around them, and bars/short volume so freshness has something to judge.

let t: ReturnType<typeof tempDb>;
const config = testConfig();
const deps = () => ({ repos: createRepos(t.db), settings: fixedSettings(config) });
// Monday 2021-01-25, 09:00 New York: Friday is the last finished session
const MONDAY_MORNING = new Date('2021-01-25T14:00:00Z');

beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

describe('daily report model', () => {
  beforeEach(() => {
    saveDay(t.db, '2021-01-21', [
      { symbol: 'GME', score: 0.7 },
      { symbol: 'AMC', score: 0.6 },
      { symbol: 'BB', score: 0.5 },
      { symbol: 'NOK', score: 0.45, unranked: true },
    ]);
    saveDay(t.db, '2021-01-22', [
      { symbol: 'GME', score: 0.9, level: 'high' }, // up
      { symbol: 'AMC', score: 0.605 }, // flat (within 0.01)
      { symbol: 'NOK', score: 0.55 }, // scored before but not ranked: new candidate, trend vs its old score
      { symbol: 'KOSS', score: 0.52 }, // never scored: new
      { symbol: 'BB', score: 0.4 }, // down
    ]);
    saveAlert(t.db, { symbol: 'GME', severity: 'high', asOf: '2021-01-22', createdAt: '2021-01-22T22:46:00.000Z' });
    saveAlert(t.db, { symbol: 'AMC', severity: 'low', asOf: '2021-01-21', createdAt: '2021-01-21T22:46:00.000Z' });
    // a system alert raised Friday evening New York time (already Saturday in UTC) belongs to Friday
    saveAlert(t.db, {
      symbol: null,
      severity: 'warning',
      asOf: null,
      createdAt: '2021-01-23T02:00:00.000Z',
      kind: 'system',
    });
    saveAlert(t.db, {
      symbol: null,
      severity: 'warning',
      asOf: null,
      createdAt: '2021-01-23T06:00:00.000Z',
      kind: 'system',
    });
  });

  it("reports on the newest scored session (a Monday-morning report is Friday's) and compares with the session before", () => {
    const r = gatherDailyReport(deps(), MONDAY_MORNING);
    expect(r.asOf).toBe('2021-01-22');
    expect(r.previousDay).toBe('2021-01-21');
    expect(r.top.map((c) => c.symbol)).toEqual(['GME', 'AMC', 'NOK', 'KOSS', 'BB']);
  });

  it('gives each top name a trend arrow against its previous score', () => {
    const r = gatherDailyReport(deps(), MONDAY_MORNING);
    const trend = Object.fromEntries(r.top.map((c) => [c.symbol, c.trend]));
    expect(trend).toEqual({ GME: 'up', AMC: 'flat', NOK: 'up', KOSS: 'new', BB: 'down' });
    const gme = r.top[0]!;
    expect(gme.previousScore).toBe(0.7);
    expect(gme.change).toBeCloseTo(0.2, 10);
    expect(gme.previousRank).toBe(1);
  });

  it('calls a name new when it was not in the previous ranking, even if it was scored', () => {
    const r = gatherDailyReport(deps(), MONDAY_MORNING);
    expect(r.newCandidates.map((c) => c.symbol)).toEqual(['NOK', 'KOSS']);
  });

  it('keeps the top list to the configured size and the whole ranking for the CSV', () => {
    const r = gatherDailyReport(
      {
        repos: createRepos(t.db),
        settings: fixedSettings(testConfig((c) => void (c.reporting.daily_report.top_scores = 2))),
      },
      MONDAY_MORNING,
    );
    expect(r.top).toHaveLength(2);
    expect(r.ranked).toHaveLength(5);
  });

  it('lists the alerts of the day, system alerts by their New York day', () => {
    const r = gatherDailyReport(deps(), MONDAY_MORNING);
    expect(r.alerts.map((a) => [a.kind, a.symbol, a.severity])).toEqual([
      ['squeeze', 'GME', 'high'],
      ['system', null, 'warning'],
    ]);
  });

  it("shows the funnel of the day's run and judges freshness at the end of a past day", () => {
    writeMarket(t.db, '2021-01-22', 30, { GME: { close: flat(20), volume: spikeLast(1e6, 5) } });
    createDatasetStatusRepo(t.db).record({
      dataset: 'shortvol',
      date: '2021-01-22',
      kind: 'import',
      origin: 'test',
      status: 'ok',
      rows: 1,
      startedAt: '2021-01-22T23:00:00Z',
      finishedAt: '2021-01-22T23:00:01Z',
    });
    const r = gatherDailyReport(deps(), new Date('2021-03-01T12:00:00Z'), '2021-01-22');
    expect(r.funnel?.run.id).toBe('discovery_20210122_224500');
    expect(r.funnel?.stages.map((s) => [s.name, s.symbolsIn, s.symbolsOut])).toEqual([['volume_filtering', 800, 12]]);
    const bars = r.freshness.find((f) => f.dataset === 'bars')!;
    expect(bars.stale).toBe(false);
    expect(r.staleDatasets).toContain('otc');
  });

  it('says there is nothing to compare with on the first scored day', () => {
    const r = gatherDailyReport(deps(), MONDAY_MORNING, '2021-01-21');
    expect(r.previousDay).toBeNull();
    expect(r.newCandidates).toEqual([]);
    expect(r.top.every((c) => c.trend === 'new')).toBe(true);
  });
});

describe('weekly report model', () => {
  beforeEach(() => {
    saveDay(t.db, '2021-01-15', [
      { symbol: 'GME', score: 0.6 },
      { symbol: 'AAPL', score: 0.5 },
      { symbol: 'BB', score: 0.55 },
    ]);
    saveDay(t.db, '2021-01-22', [
      { symbol: 'GME', score: 0.9 },
      { symbol: 'BB', score: 0.5 },
      { symbol: 'AMC', score: 0.7 },
    ]);
    saveAlert(t.db, { symbol: 'GME', severity: 'high', asOf: '2021-01-22', createdAt: '2021-01-22T22:46:00.000Z' });
    saveAlert(t.db, { symbol: 'AMC', severity: 'medium', asOf: '2021-01-20', createdAt: '2021-01-20T22:46:00.000Z' });
    saveAlert(t.db, { symbol: 'BB', severity: 'medium', asOf: '2021-01-19', createdAt: '2021-01-19T22:46:00.000Z' });
    // the week before: not counted
    saveAlert(t.db, { symbol: 'BB', severity: 'high', asOf: '2021-01-15', createdAt: '2021-01-15T22:46:00.000Z' });
  });

  it("compares the week's last session with the one a week earlier", () => {
    const r = gatherWeeklyReport(deps(), MONDAY_MORNING);
    expect(r.weekStart).toBe('2021-01-19'); // Monday 18th was Martin Luther King Jr. Day
    expect(r.weekAgoDay).toBe('2021-01-15');
    expect(r.top.map((c) => [c.symbol, c.trend])).toEqual([
      ['GME', 'up'],
      ['BB', 'down'],
      ['AMC', 'new'],
    ]);
    expect(r.entered.map((c) => c.symbol)).toEqual(['AMC']);
    expect(r.left.map((c) => c.symbol)).toEqual(['AAPL']);
    expect(r.movers[0]!.symbol).toBe('GME');
  });

  it("counts the week's alerts by kind and level", () => {
    const r = gatherWeeklyReport(deps(), MONDAY_MORNING);
    expect(r.alertCounts).toEqual([
      { kind: 'squeeze', severity: 'high', n: 1 },
      { kind: 'squeeze', severity: 'medium', n: 2 },
    ]);
    expect(r.alertTotals).toEqual({ squeeze: 3, system: 0 });
  });

  it('says alert performance comes with the learning tracker while no outcomes exist', () => {
    const r = gatherWeeklyReport(deps(), MONDAY_MORNING);
    expect(r.performance).toBeNull();
    expect(r.performanceNote).toMatch(/learning tracker/);
  });

  it('shows how the alerts of the four weeks before performed, from the closes known on the report day only', () => {
    // the stored outcomes were measured months later (a peak of +400%): a report of 2021-01-22 must not use them
    const track = t.db.$client.prepare(
      `INSERT INTO tracked_recommendations (id, origin, symbol, as_of, reason, price, score, level, features, thesis, return_7d, last_return, peak_return, success, days_tracked, status)
       VALUES (?, ?, ?, ?, ?, 10, 0.8, ?, '{}', 't', 4, 4, 4, 1, 30, 'completed')`,
    );
    track.run('a', 'live', 'GME', '2021-01-08', 'alert', 'high');
    track.run('b', 'live', 'AMC', '2021-01-11', 'alert', 'high');
    track.run('c', 'live', 'BB', '2021-01-12', 'alert', 'low'); // no closes: not measured
    track.run('d', 'live', 'NOK', '2021-01-12', 'ranked', null); // not an alert
    track.run('e', 'live', 'KOSS', '2021-01-20', 'alert', 'high'); // this week: not yet
    track.run('f', 'backtest', 'GME', '2021-01-08', 'alert', 'high'); // a replay, never mixed in
    const bar = t.db.$client.prepare(
      `INSERT INTO daily_bars (symbol, date, open, high, low, close, volume, source, published_on) VALUES (?, ?, ?, ?, ?, ?, 1000, 'test', ?)`,
    );
    const closes: Record<string, [string, number][]> = {
      // +20% on the first session (a success), 7 sessions on (01-20) 13, peak 15; then a run after the report day
      GME: [
        ['2021-01-11', 12],
        ['2021-01-12', 12],
        ['2021-01-13', 15],
        ['2021-01-14', 14],
        ['2021-01-15', 13],
        ['2021-01-19', 12],
        ['2021-01-20', 13],
        ['2021-01-21', 12],
        ['2021-01-22', 11],
        ['2021-01-25', 40],
        ['2021-01-26', 50],
      ],
      // −10% on the first session (a failure), 7 sessions on (01-21) 9.2, peak 9.5; then a run after the report day
      AMC: [
        ['2021-01-12', 9],
        ['2021-01-13', 9.5],
        ['2021-01-14', 9.5],
        ['2021-01-15', 9.4],
        ['2021-01-19', 9.3],
        ['2021-01-20', 9.2],
        ['2021-01-21', 9.2],
        ['2021-01-22', 9.1],
        ['2021-01-25', 30],
      ],
    };
    for (const [symbol, rows] of Object.entries(closes)) for (const [d, c] of rows) bar.run(symbol, d, c, c, c, c, d);
    const r = gatherWeeklyReport(deps(), MONDAY_MORNING);
    expect(r.asOf).toBe('2021-01-22');
    expect(r.performance).toEqual([
      {
        level: 'high',
        alerts: 2,
        measured: 2,
        successRate: 0.5,
        avgReturn7d: expect.closeTo((0.3 - 0.08) / 2, 10) as number,
        avgPeak: expect.closeTo((0.5 - 0.05) / 2, 10) as number,
      },
      { level: 'low', alerts: 1, measured: 0, successRate: null, avgReturn7d: null, avgPeak: null },
    ]);
  });
});

describe('report day and trend', () => {
  it.each([
    ['2021-01-23T15:00:00Z', undefined, '2021-01-22'], // Saturday → Friday
    ['2021-01-26T03:00:00Z', undefined, '2021-01-25'], // 22:00 Monday in New York
    ['2021-01-26T15:00:00Z', '2021-01-18', '2021-01-15'], // a holiday asked → the session before
  ])('at %s asked %s reports on %s', (now, asked, day) => {
    expect(reportDay(new Date(now), asked)).toBe(day);
  });

  it.each([
    [0.5, null, 'new'],
    [0.5, 0.489, 'up'],
    [0.5, 0.495, 'flat'],
    [0.5, 0.52, 'down'],
  ] as const)('score %s after %s is %s', (score, prev, trend) => {
    expect(trendOf(score, prev)).toBe(trend);
  });
});
