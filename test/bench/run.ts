import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchImport } from './import.bench';
import { benchCommands } from './commands.bench';
import { benchDailyRequests } from './daily-requests.bench';
import { benchPipeline } from './pipeline.bench';
import { benchAlertDelivery } from './alert-delivery.bench';
import { benchLearning } from './learning.bench';
import { benchScheduler } from './scheduler.bench';
import { benchCharts } from './charts.bench';
import { benchReports } from './reports.bench';

// `npm run bench [-- --quick]`: prints figures and writes them to bench-results/*.json.
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    runs: { type: 'string' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const runs = Number(values.runs ?? (values.quick ? 1 : 3));
mkdirSync('bench-results', { recursive: true });

const results: Record<string, unknown> = {};
if (!values.only || values.only === 'requests') {
  results.daily_requests = await benchDailyRequests();
  console.log(JSON.stringify(results.daily_requests, null, 2));
}
if (!values.only || values.only === 'import') {
  const size = values.quick ? { days: 25, symbols: 10_000 } : { days: 250, symbols: 10_000 };
  results.import = await benchImport({ ...size, runs });
  console.log(JSON.stringify(results.import, null, 2));
}
if (!values.only || values.only === 'delivery') {
  // --quick: 200 alerts over 12 s (same rate per chat); the full run is 1,000 over a minute
  results.alert_delivery = await benchAlertDelivery(values.quick ? { alerts: 200, windowMs: 12_000 } : {});
  console.log(JSON.stringify(results.alert_delivery, null, 2));
}
if (!values.only || values.only === 'pipeline') {
  // --cpu-prof DIR: V8 profiles of the run and backtest children (open in Chrome DevTools)
  results.pipeline = await benchPipeline({
    runs,
    backtestDays: values.quick ? 25 : 250,
    cpuProfDir: values['cpu-prof'],
  });
  console.log(JSON.stringify(results.pipeline, null, 2));
  writeFileSync('bench-results/pipeline.json', JSON.stringify(results.pipeline, null, 2));
}
if (!values.only || values.only === 'charts') {
  results.charts = await benchCharts(values.quick ? { charts: 20 } : {});
  console.log(JSON.stringify(results.charts, null, 2));
  writeFileSync('bench-results/charts.json', JSON.stringify(results.charts, null, 2));
}
if (!values.only || values.only === 'reports') {
  results.reports = await benchReports({ runs: values.quick ? 2 : 5 });
  console.log(JSON.stringify(results.reports, null, 2));
  writeFileSync('bench-results/reports.json', JSON.stringify(results.reports, null, 2));
}
if (!values.only || values.only === 'scheduler') {
  // idle overhead of the scheduler and monitoring: 10 minutes (--quick: 60 s)
  results.scheduler = await benchScheduler({ windowMs: values.quick ? 60_000 : 10 * 60_000 });
  console.log(JSON.stringify(results.scheduler, null, 2));
  writeFileSync('bench-results/scheduler.json', JSON.stringify(results.scheduler, null, 2));
}
if (!values.only || values.only === 'learning') {
  // the learning tracker's daily checkpoint over 10,000 open recommendations (target < 2 s)
  results.learning = await benchLearning({ repeats: values.quick ? 1 : 3 });
  console.log(JSON.stringify(results.learning, null, 2));
  writeFileSync('bench-results/learning.json', JSON.stringify(results.learning, null, 2));
}
if (!values.only || values.only === 'commands') {
  // chat latency: 200 /top and /ticker with 10,000 symbols in the store (target p95 < 250 ms)
  results.commands = await benchCommands({ commands: values.quick ? 40 : 200 });
  console.log(JSON.stringify(results.commands, null, 2));
  writeFileSync('bench-results/commands.json', JSON.stringify(results.commands, null, 2));
}
writeFileSync(
  `bench-results/foundation-${new Date().toISOString().slice(0, 10)}.json`,
  JSON.stringify(results, null, 2),
);
