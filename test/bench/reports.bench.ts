import { loadavg } from 'node:os';
import { createReportService } from '../../src/reports/report.service';
import { renderTickerChart } from '../../src/reports/charts/ticker-chart';
import { DEFAULT_CHART_RANGE } from '../../src/chat/chart-reply';
import { fakeClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { testConfig } from '../support/config';
import { flat, runUp, spikeLast, writeMarket, writeShortInterest } from '../support/market-fixture';
import { saveAlert, saveDay } from '../support/report-fixture';
import { tempDb } from '../support/temp-db';
import { median } from './stats';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// The daily HTML report with 10 embedded ticker charts (the default 3-month range), end to end as
// /report daily html makes it: read the store, build the model, draw 10 charts, write one HTML file.
// A year of bars and short volume for 10 names, two short-interest reports each, two scored days.
// The first run is reported apart: it pays for loading Chart.js and registering the font.

const SYMBOLS = ['GME', 'AMC', 'BB', 'KOSS', 'NOK', 'BBBY', 'EXPR', 'NAKD', 'PLTR', 'TSLA'];

export async function benchReports(options: { runs?: number } = {}) {
  const runs = options.runs ?? 5;
  const store = tempDb();
  try {
    const end = '2021-01-27';
    writeMarket(
      store.db,
      end,
      260,
      Object.fromEntries(
        SYMBOLS.map((s, i) => [
          s,
          { close: i % 2 ? flat(10 + i) : runUp(10 + i, 6, 0.05), volume: spikeLast(2e6 + i * 1e5, 3 + i) },
        ]),
      ),
    );
    for (const s of SYMBOLS) {
      writeShortInterest(store.db, {
        symbol: s,
        settlement: '2020-12-31',
        published: '2021-01-12',
        shares: 3e7,
        previous: 2.8e7,
      });
      writeShortInterest(store.db, { symbol: s, settlement: '2021-01-15', published: '2021-01-27', shares: 3.2e7 });
    }
    saveDay(
      store.db,
      '2021-01-26',
      SYMBOLS.map((s, i) => ({ symbol: s, score: 0.8 - i * 0.03 })),
    );
    saveDay(
      store.db,
      end,
      SYMBOLS.map((s, i) => ({ symbol: s, score: 0.85 - i * 0.035, level: i < 2 ? ('high' as const) : null })),
    );
    saveAlert(store.db, { symbol: 'GME', severity: 'high', asOf: end, createdAt: '2021-01-27T22:46:00.000Z' });
    const config = testConfig();
    const reports = createReportService({
      repos: createRepos(store.db),
      settings: fixedSettings(config),
      clock: fakeClock('2021-01-28T01:00:00Z'),
      logger: createLogger({ level: 'silent' }),
      charts: (symbol, asOf) =>
        renderTickerChart(createRepos(store.db), config, symbol, { asOf, range: DEFAULT_CHART_RANGE }),
    });

    const once = async () => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const report = reports.build('daily');
      const charts = await reports.charts(report);
      const file = await reports.file(report, 'html', charts);
      const cpu = process.cpuUsage(c0);
      return {
        ms: performance.now() - t0,
        cpuMs: (cpu.user + cpu.system) / 1000,
        charts: charts.length,
        bytes: file.content.length,
      };
    };
    const first = await once();
    const times: number[] = [];
    const cpu: number[] = [];
    let last = first;
    for (let i = 0; i < runs; i++) {
      last = await once();
      times.push(last.ms);
      cpu.push(last.cpuMs);
    }
    times.sort((a, b) => a - b);
    return {
      what: 'daily HTML report, 10 embedded 3-month ticker charts',
      charts: last.charts,
      html_bytes: last.bytes,
      first_run_ms: Math.round(first.ms),
      runs,
      wall_ms: { median: Math.round(median(times)), max: Math.round(times[times.length - 1]!) },
      // on a shared, loaded machine wall time mostly measures waiting for a core: CPU time is the cost
      cpu_ms: { median: Math.round(median(cpu)), max: Math.round(Math.max(...cpu)) },
      target_ms: 3000,
      load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    store.cleanup();
  }
}
