import { loadavg } from 'node:os';
import { loadConfig } from '../../src/config/load-config';
import {
  buildTickerChartModel,
  loadTickerChartData,
  renderPhoneChart,
  renderTickerChart,
  tickerChartModel,
} from '../../src/reports/charts';
import { drawChartModel } from '../../src/reports/charts/chart-render';
import { compressPngAsync, pngScanlines } from '../../src/reports/charts/png-encode';
import { addTradingDays } from '../../src/market/trading-calendar';
import { writeMarket, writeShortInterest } from '../support/market-fixture';
import { saveAlert, saveDay } from '../support/report-fixture';
import { tempDb } from '../support/temp-db';
import { median, percentile } from './stats';
import { createRepos } from '../../src/db/repos';

// 100 four-panel one-year ticker charts (price with volume and alerts, short ratio band, short
// interest, score) from a real store: each timed from the db reads to the PNG bytes, wall clock and
// this process's CPU time (napi-rs encodes on its own threads, so CPU can exceed wall on an idle
// machine and fall far below it on a loaded one). The first chart (font and JIT warm-up) is reported
// apart. Then the same charts step by step (reads, model, draw, encode: pixel read and compression),
// and the chat's phone chart.

export interface ChartsBenchOptions {
  charts?: number;
  symbols?: number;
}

/** The bench's store: `symbols` symbols with a year of bars, short volume and interest, an alert and scores. */
export function chartBenchStore(symbols = 10) {
  const store = tempDb();
  const { config } = loadConfig({ env: {} });
  const asOf = '2021-01-27';
  const names = Array.from({ length: symbols }, (_, i) => `SYM${String.fromCharCode(65 + i)}`);
  writeMarket(
    store.db,
    asOf,
    340,
    Object.fromEntries(
      names.map((s, k) => [
        s,
        {
          close: (i: number) => (10 + k) * (1 + 0.25 * Math.sin(i / (9 + k))) * (i % 2 ? 1.01 : 0.99),
          volume: (i: number, n: number) => 2_000_000 * (1 + ((i * 7 + k) % 11) / 10) * (i === n - 1 ? 6 : 1),
          shortShare: 0.4 + k * 0.01,
        },
      ]),
    ),
  );
  for (const s of names) {
    for (let m = 0; m < 26; m++) {
      const settlement = addTradingDays(asOf, -(m * 10 + 12));
      writeShortInterest(store.db, {
        symbol: s,
        settlement,
        published: addTradingDays(settlement, 7),
        shares: 5_000_000 + m * 100_000,
      });
    }
    saveAlert(store.db, {
      symbol: s,
      severity: 'high',
      asOf: addTradingDays(asOf, -3),
      createdAt: '2021-01-22T23:00:00.000Z',
    });
  }
  for (let d = 40; d >= 0; d--)
    saveDay(
      store.db,
      addTradingDays(asOf, -d),
      names.map((symbol, k) => ({ symbol, score: 0.3 + ((d + k) % 10) / 15 })),
    );
  return { store, config, asOf, names };
}

export async function benchCharts(options: ChartsBenchOptions = {}) {
  const { charts = 100, symbols = 10 } = options;
  const { store, config, asOf, names } = chartBenchStore(symbols);

  // one Repos for the run, as the bot holds one (creating it prepares every statement: ~5 ms)
  const repos = createRepos(store.db);
  const chart = (symbol: string) => renderTickerChart(repos, config, symbol, { asOf, range: '1y' });
  const first = performance.now();
  await chart(names[0]!);
  const firstMs = performance.now() - first;
  const panels = tickerChartModel(repos, config, names[0]!, { asOf, range: '1y' }).panels.filter(
    (p) => !p.empty,
  ).length;

  const wall: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  const load = loadavg()[0]!;
  for (let i = 0; i < charts; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const png = await chart(names[i % names.length]!);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    bytes += png.length;
  }

  // the same charts again, step by step (renderTickerChart's own steps): where the time goes
  const split = { reads: [] as number[], model: [] as number[], draw: [] as number[], encode: [] as number[] };
  for (let i = 0; i < charts; i++) {
    const t0 = performance.now();
    const data = loadTickerChartData(repos, config, names[i % names.length]!, { asOf, range: '1y' });
    const t1 = performance.now();
    const model = buildTickerChartModel(data);
    const t2 = performance.now();
    let t3 = 0;
    const lines = drawChartModel(model, {}, (canvas) => {
      t3 = performance.now();
      return pngScanlines(canvas);
    });
    await compressPngAsync(lines);
    const t4 = performance.now();
    split.reads.push(t1 - t0);
    split.model.push(t2 - t1);
    split.draw.push(t3 - t2);
    split.encode.push(t4 - t3);
  }

  // the chat's phone chart (1080×1350) of the same model: reads, model and the sync render the reply uses
  const phone: number[] = [];
  for (let i = 0; i < charts; i++) {
    const t0 = performance.now();
    const full = tickerChartModel(repos, config, names[i % names.length]!, { asOf, range: '1y' });
    renderPhoneChart(full, '1y', asOf);
    phone.push(performance.now() - t0);
  }
  store.cleanup();
  const r = (x: number) => Math.round(x * 10) / 10;
  const p50p95 = (xs: number[]) => ({ p50: r(median(xs)), p95: r(percentile(xs, 95)) });
  return {
    charts,
    panels_drawn: panels,
    range: '1y',
    width: 1200,
    first_chart_ms: r(firstMs),
    wall_ms: { p50: r(median(wall)), p95: r(percentile(wall, 95)), max: r(Math.max(...wall)) },
    cpu_ms: { p50: r(median(cpu)), p95: r(percentile(cpu, 95)) },
    split_ms: {
      reads: p50p95(split.reads),
      model: p50p95(split.model),
      draw: p50p95(split.draw),
      encode: p50p95(split.encode),
    },
    phone_1080x1350_ms: p50p95(phone),
    target_p95_ms: 100,
    avg_png_kb: Math.round(bytes / charts / 1024),
    load_average_1m_at_start: r(load),
    load_average_1m_at_end: r(loadavg()[0]!),
  };
}
