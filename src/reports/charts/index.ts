// The charts API for commands, reports and email: ticker charts, and small line/bar charts.
export { renderTickerChart, tickerChartModel, loadTickerChartData, type TickerChartOptions } from './ticker-chart';
export { buildTickerChartModel } from './ticker-chart.model';
export type { TickerChartData } from './panel-context';
export { renderChartModel, chartHeight, CHART_WIDTH } from './chart-render';
export { phoneChartModel, renderPhoneChart } from './phone-chart.model';
export { FULL_LAYOUT, PHONE_LAYOUT, type ChartLayout } from './chart-layout';
export {
  renderLineChart,
  renderBarChart,
  type LineChartOptions,
  type LineSpec,
  type BarChartOptions,
} from './simple-charts';
export { registerChartFonts, CHART_FONT_FAMILY } from './chart-font';
export {
  CHART_RANGES,
  isChartRange,
  type ChartRange,
  type ChartModel,
  type Panel,
  type ChartSeries,
  type LeftOut,
  leftOutLine,
} from './chart-model';
