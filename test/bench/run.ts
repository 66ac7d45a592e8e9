import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchImport } from './import.bench';
import { benchCommands } from './commands.bench';
import { benchDailyRequests } from './daily-requests.bench';
import { benchSupplyRequests } from './supply-requests.bench';
import { benchBorrowStorage } from './borrow-storage.bench';
import { benchKeyless } from './keyless.bench';
import { benchPipeline } from './pipeline.bench';
import { benchAlertDelivery } from './alert-delivery.bench';
import { benchLearning } from './learning.bench';
import { benchScheduler } from './scheduler.bench';
import { benchCharts } from './charts.bench';
import { benchReports } from './reports.bench';
import { benchMarket } from './market.bench';
import { benchStartup } from './startup.bench';
import { benchWebhookAck } from './webhook-ack.bench';

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
/** Runs one bench unless --only names another, prints its figures and, with `save`, writes them to bench-results/. */
async function bench(only: string, key: string, run: () => Promise<unknown>, save = true) {
  if (values.only && values.only !== only) return;
  results[key] = await run();
  console.log(JSON.stringify(results[key], null, 2));
  if (save) writeFileSync(`bench-results/${key}.json`, JSON.stringify(results[key], null, 2));
}

await bench('requests', 'daily_requests', () => benchDailyRequests(), false);
// issue 12: the threshold lists' and the options chains' own request budgets
await bench('requests', 'supply_requests', () => benchSupplyRequests(), false);
// issue 12: IBKR borrow snapshots stored as changes: rows and bytes against full copies
await bench('borrow', 'borrow_storage', () => benchBorrowStorage({ days: values.quick ? 5 : 20 }));
// keyless first start (backfill + first scan) and daily update over ~7,000 listed stocks: requests per dataset
await bench('keyless', 'keyless', () => benchKeyless({ runs }));
await bench('import', 'import', () => benchImport({ days: values.quick ? 25 : 100, symbols: 10_000, runs }), false);
// --quick: 200 alerts over 12 s (same rate per chat); the full run is 1,000 over a minute
await bench(
  'delivery',
  'alert_delivery',
  () => benchAlertDelivery(values.quick ? { alerts: 200, windowMs: 12_000 } : {}),
  false,
);
// --cpu-prof DIR: V8 profiles of the run and backtest children (open in Chrome DevTools)
await bench('pipeline', 'pipeline', () =>
  benchPipeline({ runs, backtestDays: values.quick ? 25 : 250, cpuProfDir: values['cpu-prof'] }),
);
// issue 16: the market held in memory by the running bot: the scan after the close (target < 1 s, RSS < 300 MB)
await bench('market', 'market', () => benchMarket({ runs }));
await bench('charts', 'charts', () => benchCharts(values.quick ? { charts: 20 } : {}));
await bench('reports', 'reports', () => benchReports({ runs: values.quick ? 2 : 5 }));
// idle overhead of the scheduler and monitoring: 10 minutes (--quick: 60 s)
await bench('scheduler', 'scheduler', () => benchScheduler({ windowMs: values.quick ? 60_000 : 10 * 60_000 }));
// the learning tracker's daily checkpoint over 10,000 open recommendations (target < 2 s)
await bench('learning', 'learning', () => benchLearning({ repeats: values.quick ? 1 : 3 }));
// chat latency: 200 /top and /ticker with 10,000 symbols in the store (target p95 < 250 ms)
await bench('commands', 'commands', () => benchCommands({ commands: values.quick ? 40 : 200 }));
// issue 16: CLI cold start (`--help`, `import EMPTYDIR`) against `node -e 0`, 15 runs each (--quick: 5)
await bench('startup', 'startup', () => benchStartup({ runs: values.quick ? 5 : 15 }));
// issue 17: webhook ack time (200 POSTs) with instant and with 500 ms handlers, as a ratio in one run
await bench('webhook', 'webhook_ack', () => benchWebhookAck({ rounds: values.quick ? 1 : runs }));
writeFileSync(
  `bench-results/foundation-${new Date().toISOString().slice(0, 10)}.json`,
  JSON.stringify(results, null, 2),
);
