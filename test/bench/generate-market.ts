import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeDb, openDb } from '../../src/db/client';
import { shortInterestPublicationDate, shortInterestSettlementDates } from '../../src/market/finra-calendar';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { symbolsFor } from './generate-cnms';
import { mulberry32 } from '../support/random';

// A synthetic whole market in a real store (the real migrations), for the pipeline benchmark: daily
// bars and CNMS short volume for every symbol and trading day, listed symbols with market caps and
// floats, and semi-monthly FINRA short interest. Realistic enough that every funnel stage has work:
// log-normal prices ($0.5–$800) and base volumes (10k–50M shares), random walks, a few hundred
// squeeze-like episodes (volume spikes with run-ups, short ratio up) on random days, new listings
// with thin histories, zero-volume days, a couple of splits. Seeded, so the same parameters always
// give the same file, and cached by those parameters so a re-run skips the ~minute of generation.

export interface MarketParams {
  symbols: number;
  days: number;
  firstDay: string;
  seed: number;
}

export interface GeneratedMarket {
  path: string;
  params: MarketParams;
  firstDay: string;
  lastDay: string;
  bars: number;
  generatedMs: number | null;
}

/** Bumped when the generated data changes shape, so stale caches are not reused. */
const GENERATOR_VERSION = 1;
export const DEFAULT_MARKET: MarketParams = { symbols: 10_000, days: 300, firstDay: '2024-01-02', seed: 20240102 };

function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;

interface Episode {
  start: number;
  length: number;
  volumeBoost: number;
  dailyGain: number;
}

interface SymbolState {
  symbol: string;
  listedAt: number;
  close: number;
  sigma: number;
  baseVolume: number;
  /** AR(1) on log volume, so liquidity drifts */
  volumeDrift: number;
  shortRatio: number;
  siFraction: number;
  /** ~90% of names appear in FINRA's short-interest files */
  hasSi: boolean;
  float: number;
  episodes: Episode[];
  splitDay: number;
  splitFactor: number;
}

export function marketCachePath(params: MarketParams, dir = join('bench-results', 'cache')): string {
  const key = createHash('sha1')
    .update(JSON.stringify({ v: GENERATOR_VERSION, params }))
    .digest('hex')
    .slice(0, 12);
  return join(dir, `market-${params.symbols}x${params.days}-${key}.db`);
}

/** The cached market for these parameters, generated first when absent. */
export function ensureMarket(params: MarketParams = DEFAULT_MARKET, dir?: string): GeneratedMarket {
  const path = marketCachePath(params, dir);
  const lastDay = addTradingDays(params.firstDay, params.days - 1);
  if (existsSync(path)) {
    // migrations that landed since it was made are applied to the cache itself (openDb migrates), so
    // the copies the measurements use always carry the current schema, with no regeneration
    const db = openDb(path);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    closeDb(db);
    return { path, params, firstDay: params.firstDay, lastDay, bars: -1, generatedMs: null };
  }
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const t0 = performance.now();
  const bars = generate(tmp, params);
  renameSync(tmp, path);
  return { path, params, firstDay: params.firstDay, lastDay, bars, generatedMs: Math.round(performance.now() - t0) };
}

function initialState(
  symbol: string,
  i: number,
  days: number,
  random: () => number,
  normal: () => number,
): SymbolState {
  const close = clamp(Math.exp(Math.log(15) + 1.5 * normal()), 0.5, 800);
  const baseVolume = clamp(Math.exp(Math.log(600_000) + 1.5 * normal()), 10_000, 50_000_000);
  // ~3% new listings, some with fewer bars than the 21 a spike ratio needs
  const listedAt = random() < 0.03 ? days - 3 - Math.floor(random() * 60) : 0;
  const episodes: Episode[] = [];
  // a few hundred squeeze-like episodes; every 300th symbol runs into the last day so the
  // benchmark's as-of date has fresh spikes too
  if (random() < 0.03 || i % 300 === 7) {
    const count = 1 + (random() < 0.3 ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const length = 3 + Math.floor(random() * 12);
      const start =
        i % 300 === 7 && k === 0
          ? days - 1 - Math.floor(random() * length)
          : listedAt + 25 + Math.floor(random() * (days - listedAt - 25));
      episodes.push({ start, length, volumeBoost: 3 + random() * 17, dailyGain: 0.04 + random() * 0.2 });
    }
  }
  const split = random() < 0.002;
  return {
    symbol,
    listedAt,
    close,
    // smaller names move more
    sigma: clamp(0.045 - 0.006 * Math.log10((close * baseVolume) / 1e6 + 1) + 0.01 * normal(), 0.008, 0.08),
    baseVolume,
    volumeDrift: 0,
    shortRatio: clamp(0.45 + 0.08 * normal(), 0.15, 0.8),
    siFraction: clamp(Math.exp(Math.log(0.05) + 0.9 * normal()), 0.005, 0.6),
    hasSi: random() < 0.9,
    float: baseVolume / clamp(Math.exp(Math.log(0.008) + 0.7 * normal()), 0.001, 0.08),
    episodes,
    splitDay: split ? listedAt + 40 + Math.floor(random() * (days - listedAt - 45)) : -1,
    splitFactor: random() < 0.5 ? 2 + Math.floor(random() * 3) : 1 / (5 + Math.floor(random() * 6)),
  };
}

function generate(path: string, params: MarketParams): number {
  const random = mulberry32(params.seed);
  const normal = gaussian(random);
  const dates = tradingDaysBetween(params.firstDay, addTradingDays(params.firstDay, params.days - 1));
  const states = symbolsFor(params.symbols).map((s, i) => initialState(s, i, dates.length, random, normal));
  const db = openDb(path);
  const sqlite = db.$client;
  sqlite.pragma('synchronous = OFF');
  const insertBar = sqlite.prepare(
    `INSERT INTO daily_bars (symbol, date, open, high, low, close, volume, vwap, source, published_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?)`,
  );
  const insertShortVolume = sqlite.prepare(
    `INSERT INTO short_volume (symbol, date, facility, short_volume, short_exempt_volume, total_volume, markets, source, published_on)
     VALUES (?, ?, 'CNMS', ?, ?, ?, 'B,Q,N', 'finra-file', ?)`,
  );
  const insertSymbol = sqlite.prepare(
    `INSERT INTO symbols (symbol, exchange, type, is_etf, market_cap, float_shares, shares_outstanding, source, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?)`,
  );
  const insertSi = sqlite.prepare(
    `INSERT INTO short_interest (symbol, settlement_date, source, short_interest, previous_short_interest, avg_daily_volume, days_to_cover_reported, published_on)
     VALUES (?, ?, 'finra', ?, ?, ?, ?, ?)`,
  );
  const settlements = new Set(shortInterestSettlementDates(dates[0]!, dates.at(-1)!));
  const lastSi = new Map<string, number>();
  let bars = 0;
  // whole market by date, as the collectors write it, a few days per transaction
  const writeDays = sqlite.transaction((from: number, to: number) => {
    for (let d = from; d < to; d++) {
      const date = dates[d]!;
      for (const s of states) {
        if (d < s.listedAt) continue;
        const bar = step(s, d, random, normal);
        insertBar.run(
          s.symbol,
          date,
          bar.open,
          bar.high,
          bar.low,
          bar.close,
          bar.volume,
          round((bar.high + bar.low + bar.close) / 3, 4),
          date,
        );
        bars++;
        if (bar.volume > 0) {
          const total = Math.round(bar.volume * clamp(0.45 + 0.1 * normal(), 0.2, 0.8));
          const ratio = clamp(s.shortRatio + (bar.inEpisode ? 0.15 : 0) + 0.07 * normal(), 0.02, 0.98);
          const short = Math.round(total * ratio);
          insertShortVolume.run(s.symbol, date, short, Math.round(short * 0.01 * random()), total, date);
        }
        if (settlements.has(date) && s.hasSi && d - s.listedAt > 10) {
          s.siFraction = clamp(s.siFraction * Math.exp(0.15 * normal()), 0.002, 0.8);
          const si = Math.round(s.float * s.siFraction);
          const adv = Math.max(1, Math.round(s.baseVolume));
          insertSi.run(
            s.symbol,
            date,
            si,
            lastSi.get(s.symbol) ?? null,
            adv,
            Math.max(1, round(si / adv, 2)),
            shortInterestPublicationDate(date),
          );
          lastSi.set(s.symbol, si);
        }
      }
    }
  });
  for (let d = 0; d < dates.length; d += 10) writeDays(d, Math.min(dates.length, d + 10));
  // listed symbols for ~85% of names (the rest stay unknown: imported-only history)
  sqlite.transaction(() => {
    for (const s of states) {
      const r = random();
      if (r > 0.85) continue;
      const shares = s.float / 0.8;
      const exchange = r < 0.5 ? 'NASDAQ' : r < 0.8 ? 'NYSE' : 'NYSE American';
      const etf = random() < 0.05;
      insertSymbol.run(
        s.symbol,
        exchange,
        etf ? 'etf' : 'common',
        etf ? 1 : 0,
        round(shares * s.close, 0),
        round(s.float, 0),
        round(shares, 0),
        dates.at(-1)!,
      );
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  closeDb(db);
  return bars;
}

function step(s: SymbolState, d: number, random: () => number, normal: () => number) {
  const prev = s.close;
  const episode = s.episodes.find((e) => d >= e.start && d < e.start + e.length);
  let ret = 0.0002 + s.sigma * normal();
  if (episode) ret = episode.dailyGain * (0.5 + random()) + s.sigma * normal();
  let close = clamp(prev * Math.exp(ret), 0.05, 5_000);
  s.volumeDrift = 0.95 * s.volumeDrift + 0.08 * normal();
  let volume = s.baseVolume * Math.exp(s.volumeDrift + 0.35 * normal());
  if (episode) volume *= episode.volumeBoost * (0.6 + 0.8 * random());
  if (d === s.splitDay) {
    close /= s.splitFactor;
    volume *= s.splitFactor;
    s.baseVolume *= s.splitFactor;
    s.float *= s.splitFactor;
  }
  // a thin name now and then has a day with no trades: the close stands
  if (s.baseVolume < 60_000 && random() < 0.01) {
    return { open: prev, high: prev, low: prev, close: prev, volume: 0, inEpisode: false };
  }
  const open = d === s.splitDay ? close * (1 + 0.01 * normal()) : prev * (1 + 0.3 * s.sigma * normal());
  const high = Math.max(open, close) * (1 + Math.abs(0.5 * s.sigma * normal()));
  const low = Math.min(open, close) * (1 - Math.abs(0.5 * s.sigma * normal()));
  s.close = close;
  const places = close < 1 ? 4 : 2;
  return {
    open: round(open, places),
    high: round(high, places),
    low: round(Math.max(low, 0.0001), places),
    close: round(close, places),
    volume: Math.round(volume),
    inEpisode: episode !== undefined,
  };
}
