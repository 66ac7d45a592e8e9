// One held-market measurement in its own process, built as the bot builds itself (createApp on the file):
//   market-child.ts <db> <asOf>
// Before any timer the asOf day's bars and CNMS short volume are taken out of the file (they land again
// later, as the daily jobs write them). Then: the scan of the day before (the first scan after start:
// it loads the window), the asOf day's rows written through the repos' writers (what the bars and short
// volume jobs do), the scheduled scan of asOf (takes in only that day), and the same scan again. Prints
// one JSON line.
import { createApp } from '../../src/main';
import type { DailyBar, ShortVolumeRecord } from '../../src/domain/market-data';
import { previousTradingDay } from '../../src/market/trading-calendar';
import { fakeClock } from '../../src/shared/clock';

const [dbPath, asOf] = process.argv.slice(2) as [string, string];
const rssMb = () => Math.round(process.memoryUsage.rss() / 1048576);
const app = createApp({
  dbPath,
  env: {},
  logLevel: 'error',
  clock: fakeClock(new Date(`${asOf}T22:30:00Z`)),
});
const appRssMb = rssMb();
const sqlite = app.db.$client;
const bars = (
  sqlite
    .prepare('SELECT symbol, date, open, high, low, close, volume, source FROM daily_bars WHERE date = ?')
    .all(asOf) as Omit<DailyBar, 'adjClose' | 'vwap' | 'trades' | 'publishedOn'>[]
).map((b) => ({ ...b, adjClose: null, vwap: null, trades: null, publishedOn: asOf }));
const shortVolume = (
  sqlite
    .prepare(
      `SELECT symbol, date, facility, short_volume AS shortVolume, short_exempt_volume AS shortExemptVolume,
              total_volume AS totalVolume, source FROM short_volume WHERE date = ?`,
    )
    .all(asOf) as Omit<ShortVolumeRecord, 'markets' | 'publishedOn'>[]
).map((r) => ({ ...r, markets: null, publishedOn: asOf }));
sqlite.prepare('DELETE FROM daily_bars WHERE date = ?').run(asOf);
sqlite.prepare('DELETE FROM short_volume WHERE date = ?').run(asOf);
const baseRssMb = rssMb();

const timed = async <T>(fn: () => T | Promise<T>): Promise<{ ms: number; out: T }> => {
  const t0 = performance.now();
  const out = await fn();
  return { ms: performance.now() - t0, out };
};
const scan = async (day: string) => {
  const r = await timed(() => app.pipeline.run({ asOf: day }));
  const s = r.out.run.summary;
  return {
    ms: r.ms,
    how: s.bars_held,
    barsMs: s.bars_load_ms,
    stages: Object.fromEntries(r.out.run.stages.map((x) => [x.name, Math.round(x.durationMs)])),
    scored: r.out.scored.length,
    top: r.out.ranking.slice(0, 3).map((x) => x.symbol),
  };
};

const first = await scan(previousTradingDay(asOf));
const rssAfterFirstMb = rssMb();
const write = await timed(() => {
  const m = app.repos.marketData;
  return m.transaction(() => m.upsertBars(bars)) + m.transaction(() => m.upsertShortVolume(shortVolume));
});
const scheduled = await scan(asOf);
const again = await scan(asOf);
globalThis.gc?.();
const out = {
  first,
  write: { ms: write.ms, rows: write.out },
  scheduled,
  again,
  appRssMb,
  baseRssMb,
  rssAfterFirstMb,
  rssMb: rssMb(),
  // where the resident memory is: the JS heap, typed-array stores, and the rest (code, SQLite's page cache)
  heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
  arrayBuffersMb: Math.round(process.memoryUsage().arrayBuffers / 1048576),
  maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
app.close();
process.stdout.write(JSON.stringify(out) + '\n');
