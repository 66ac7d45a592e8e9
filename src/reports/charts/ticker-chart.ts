import type { Config } from '../../config/schema';
import type { Repos } from '../../db/repos';
import type { ChartModel, ChartRange } from './chart-model';
import { renderChartModelAsync } from './chart-render';
import type { TickerChartData } from './panel-context';
import { buildTickerChartModel, rangeStart, warmupStart } from './ticker-chart.model';

// The ticker chart's I/O edge: read what the pure model needs for one symbol as of one day, then
// build and draw it.

export interface TickerChartOptions {
  /** the last day shown (YYYY-MM-DD); nothing published after it is read */
  asOf: string;
  range: ChartRange;
}

/** reports published before the range still set the first days' level: this many are read */
const SI_REPORTS = 40;

export function loadTickerChartData(
  repos: Repos,
  config: Config,
  symbol: string,
  { asOf, range }: TickerChartOptions,
): TickerChartData {
  const charts = repos.chartData;
  const pipeline = repos.pipelineData;
  const from = warmupStart(asOf, range);
  const start = rangeStart(asOf, range);
  const info = charts.symbolInfo(symbol, asOf);
  const t = config.alerting.thresholds;
  return {
    symbol,
    name: info.name,
    asOf,
    range,
    bars: charts.bars(symbol, from, asOf),
    shortVolume: pipeline.shortVolume(symbol, from, asOf),
    shortInterest: pipeline.shortInterestReports(symbol, asOf, SI_REPORTS),
    floatShares: info.floatShares,
    scores: charts.scores(symbol, start, asOf),
    alerts: charts.squeezeAlerts(symbol, start, asOf),
    otcWeeks: pipeline.otcWeeks(symbol, from, asOf, asOf),
    trades: pipeline.trades(symbol, from, asOf),
    borrow: {
      rows: repos.borrow.window(symbol, start, asOf),
      snapshotDays: [...new Set(repos.borrow.snapshots(start, asOf).map((s) => s.publishedOn))],
    },
    fails: repos.fails.rows(symbol, from, asOf, asOf),
    thresholds: { high: t.high.squeeze_score, medium: t.medium.squeeze_score, low: t.low.squeeze_score },
  };
}

export function tickerChartModel(
  repos: Repos,
  config: Config,
  symbol: string,
  options: TickerChartOptions,
): ChartModel {
  return buildTickerChartModel(loadTickerChartData(repos, config, symbol, options));
}

/** The ticker chart as a PNG (≥ 1000 px wide, white, bundled font). */
export async function renderTickerChart(
  repos: Repos,
  config: Config,
  symbol: string,
  options: TickerChartOptions,
): Promise<Buffer> {
  return renderChartModelAsync(tickerChartModel(repos, config, symbol, options));
}
