import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { ChartModel, ChartRange } from '../reports/charts/chart-model';
import { tickerChartModel } from '../reports/charts/ticker-chart';
import { borrowView } from '../reports/borrow-view';
import { failsView } from '../reports/fails-view';
import { basketView, darkpoolView, shortVolView, siView } from '../reports/short-views.data';
import type { Freshness } from '../signals/freshness';
import { asOfDate } from '../market/as-of';
import { knownProviders } from '../monitoring/read-data-cause';
import { freshnessAsOf } from '../monitoring/freshness-as-of';
import { readDataCause } from '../monitoring/read-data-cause';
import { dayWithBars, tickerSnapshot, type TickerSnapshot } from './ticker-snapshot';
import { symbolInRun } from './symbol-in-run';

// The market as the chat reads it: the latest run on or before a day, its ranking and cuts, one ticker's
// card and chart, the short-data views, and how fresh each dataset is. Commands call this, never the
// database, so a command reads the same thing whichever store sits behind the repos.

export interface MarketViewsDeps {
  repos: Repos;
  settings: Settings;
}

export interface TickerChart {
  model: ChartModel;
  /** the day charted: the day asked, or the newest bars' day when the store's bars end well before it */
  asOf: string;
}

export function createMarketViewsService(deps: MarketViewsDeps) {
  const reads = deps.repos.chatReads;
  const runs = deps.repos.pipelineRuns;
  const charts = deps.repos.chartData;
  const datasets = deps.repos.datasetStatus;
  const health = deps.repos.providerHealth;

  return {
    /** The newest live run as of `asOf` (a past day with `chat --as-of`). */
    latestRun: (asOf: string) => reads.latestRunOnOrBefore(asOf),
    ranking: (runId: string, limit: number) => reads.ranking(runId, limit),
    /** Squeeze alerts raised for one market day, against the daily budget (alerts/alert-budget.ts). */
    alertBudget: (asOf: string) => ({
      sent: deps.repos.alerts.squeezeCountOn(asOf),
      budget: deps.settings.current().alerting.daily_budget.squeeze_alerts,
    }),
    stages: (runId: string) => runs.stages(runId),
    /** Where the funnel cut `symbol` in that run, if it did. */
    elimination: (runId: string, symbol: string) => runs.elimination(runId, symbol),
    scoreInRun: (runId: string, symbol: string) => reads.scoreInRun(runId, symbol),
    latestScore: (symbol: string, asOf: string) => reads.latestScore(symbol, asOf),
    /** What the newest run as of `asOf` did with `symbol`: the record /why and the ticker card read. */
    standing: (symbol: string, asOf: string) =>
      symbolInRun({ reads, runs }, symbol, asOf, deps.settings.current().deep_scan.ranking_size),
    /** Whether the store holds anything for `symbol` (bars, short volume, a listing). */
    knows: (symbol: string) => reads.knows(symbol),

    /** /ticker's card: the run's score that day, else one computed now from the store. */
    ticker: (symbol: string, asOf: string): Promise<TickerSnapshot | null> =>
      tickerSnapshot(symbol, asOf, { repos: deps.repos, config: deps.settings.current() }),

    /** The ticker chart's model; null when the store has no bars or short volume for `symbol`. */
    chart(symbol: string, asOf: string, range: ChartRange): TickerChart | null {
      if (!charts.knows(symbol)) return null;
      const { day } = dayWithBars(reads, symbol, asOf);
      return { model: tickerChartModel(deps.repos, deps.settings.current(), symbol, { asOf: day, range }), asOf: day };
    },

    shortInterest: (symbol: string, asOf: string) => siView(deps.repos, symbol, asOf),
    shortVolume: (symbol: string, asOf: string) => shortVolView(deps.repos, symbol, asOf),
    /** /borrow: the IBKR reading as of the day and the symbol's stored changes */
    borrow: (symbol: string, asOf: string) => borrowView(deps.repos, symbol, asOf),
    darkpool: (symbol: string, asOf: string) => darkpoolView(deps.repos, symbol, asOf),
    /** SEC fails-to-deliver by settlement day, files published by asOf (/ftd). */
    fails: (symbol: string, asOf: string) => failsView(deps.repos, symbol, asOf),
    basket: (name: string, members: readonly string[], asOf: string) => basketView(deps.repos, name, members, asOf),

    /** Each dataset's newest day known on `asOf` and whether it was behind then. */
    freshness: (asOf: string, now: Date): Freshness[] => freshnessAsOf(datasets, asOfDate(asOf), now),
    /** Provider health as last written by the end of `asOf` (the table keeps only the latest state). */
    providerHealth: (asOf: string) => knownProviders(health.all(), asOfDate(asOf)),
    /** Why data is missing or old (hosts that failed, no network, an empty store), in plain words. */
    dataCause: (asOf: string, now: Date) => readDataCause(deps.repos, deps.settings.current(), now, asOfDate(asOf)),
  };
}

export type MarketViews = ReturnType<typeof createMarketViewsService>;
