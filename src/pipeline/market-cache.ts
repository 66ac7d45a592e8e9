import type { PipelineDataRepo } from '../db/repos/pipeline-data.repo';
import type { MarketWrite, MarketWritesRepo } from '../db/repos/market-writes.repo';
import { addCalendarDays } from '../market/iso-date';
import { createTypedSlab, type TypedSlab } from '../shared/typed-slab';
import {
  addToHeld,
  dropHeldBefore,
  hasRoom,
  holdColumns,
  regrow,
  SPARE_BARS,
  viewColumns,
  type HeldColumns,
} from './bar-columns';
import { createBarStore, type BarColumns, type BarStore } from './bar-store';
import { BAR_LOOKBACK_CALENDAR_DAYS } from './db-pipeline-source';
import { createOffExchangeStore, type OffExchangeStore } from './off-exchange-store';
import { createVolumeScreen, type VolumeScreen } from './volume-screen';

// The market a long-running bot holds in memory: the bars of the run window as typed columns per symbol
// (bar-store.ts), loaded once, then kept current from the market-writes log (market-writes.repo.ts)
// rather than reloaded for every scan. Before each run the log's new entries are read — the day the
// ingest job appended, the history fetched for a few names, a file another process imported — and only
// those dates or names are read again and merged in. A scan after the close then costs the funnel, not a
// 1.3 M-row read.
//
// Point in time is the store's own rule (a window never returns a bar after asOf), so holding bars newer
// than a run's day is safe; bars older than the run's window are dropped as the days move on, so a run on
// held bars sees exactly what a run on a fresh read of its window would. A run older than the held window (a chat as of last year) is served by a
// one-off load, as before, and leaves the held market alone; so is the first run of a process when it
// is about a past day (`squeezebot scan --as-of 2021-01-27` holds nothing it would not use).

export interface MarketView {
  bars: BarStore;
  /** the volume detector's first pass over these bars (shared by every run until the bars change) */
  screen: VolumeScreen;
  /** off-exchange volume, read per symbol on demand and kept until short volume changes */
  offExchange: OffExchangeStore;
  /** how this view was had, for the run's summary: held as is, brought up to date, or read whole */
  how: 'held' | 'updated' | 'loaded' | 'one-off';
  loadMs: number;
}

export interface MarketCache {
  at(asOf: string, volumeLookback: number): MarketView;
  /** what is held: names, bars, the oldest date and the log entry taken in last */
  stats(): { symbols: number; bars: number; from: string | null; seen: number; loads: number; updates: number };
}

/** A run this far (calendar days) behind the newest bar is a look at the past: served, not held. */
const CURRENT_WITHIN_DAYS = 7;
/** A full reload instead of merging, past this many whole-market date ranges in one update. */
const MAX_MERGED_RANGES = 20;
const END_OF_TIME = '9999-12-31';

export function createMarketCache(deps: {
  data: Pick<PipelineDataRepo, 'barsBetween' | 'barsOfSymbols' | 'shortVolume' | 'newestBarDate'>;
  writes: Pick<MarketWritesRepo, 'after' | 'newestId'>;
  lookbackDays?: number;
}): MarketCache {
  const lookback = deps.lookbackDays ?? BAR_LOOKBACK_CALENDAR_DAYS;
  let held: {
    from: string;
    seen: number;
    columns: Map<string, HeldColumns>;
    /** where regrown columns are carved from (replaced whole when the names run out of room: compact) */
    slab: TypedSlab;
    store: BarStore;
    screens: Map<number, VolumeScreen>;
    offExchange: OffExchangeStore;
  } | null = null;
  let loads = 0;
  let updates = 0;

  const offExchangeFrom = (from: string) => createOffExchangeStore(deps.data, { from, to: END_OF_TIME });

  function load(from: string): void {
    // the log position first: a write landing during the read is taken in again next time (idempotent)
    const seen = deps.writes.newestId();
    const columns = new Map<string, HeldColumns>();
    for (const [symbol, c] of deps.data.barsBetween(from, END_OF_TIME, SPARE_BARS))
      columns.set(symbol, holdColumns(c, SPARE_BARS));
    held = {
      from,
      seen,
      columns,
      slab: createTypedSlab(),
      store: storeOf(columns),
      screens: new Map(),
      offExchange: offExchangeFrom(from),
    };
    loads++;
  }

  /** Takes in the log entries written since the last look; false when there were none. */
  function update(): boolean {
    const h = held!;
    const entries = deps.writes.after(h.seen);
    if (entries.length === 0) return false;
    h.seen = entries.at(-1)!.id;
    const inWindow = (e: MarketWrite) => e.toDate >= h.from;
    const bars = entries.filter((e) => e.dataset === 'bars' && inWindow(e));
    if (entries.some((e) => e.dataset === 'shortvol' && inWindow(e))) h.offExchange = offExchangeFrom(h.from);
    if (bars.length === 0) return true;
    const ranges = mergedRanges(
      bars.filter((e) => e.symbols === null).map((e) => [maxDate(e.fromDate, h.from), e.toDate]),
    );
    if (ranges.length > MAX_MERGED_RANGES) {
      load(h.from);
      return true;
    }
    for (const [from, to] of ranges) mergeIn(h, deps.data.barsBetween(from, to));
    const names = new Set(bars.flatMap((e) => e.symbols ?? []));
    if (names.size > 0) mergeIn(h, deps.data.barsOfSymbols([...names], h.from, END_OF_TIME));
    h.store = storeOf(h.columns);
    h.screens = new Map();
    updates++;
    return true;
  }

  function trim(from: string): void {
    const h = held!;
    // exactly the run's window: the first bar held seeds Wilder's RSI (volume-screen.ts), so a run on
    // held bars must start where a run on freshly read ones would
    if (from <= h.from) return;
    for (const [symbol, c] of h.columns) {
      dropHeldBefore(c, from);
      if (c.start === c.n) h.columns.delete(symbol);
    }
    h.from = from;
    h.store = storeOf(h.columns);
    h.screens = new Map();
    h.offExchange = offExchangeFrom(from);
  }

  return {
    at(asOf, volumeLookback) {
      const t0 = performance.now();
      const from = addCalendarDays(asOf, -lookback);
      let how: MarketView['how'];
      const past = () => {
        const newest = deps.data.newestBarDate();
        return newest !== null && asOf < addCalendarDays(newest, -CURRENT_WITHIN_DAYS);
      };
      if (held ? from < held.from : past()) {
        const bars = createBarStore(deps.data.barsBetween(from, asOf));
        return {
          bars,
          screen: createVolumeScreen(bars, volumeLookback),
          offExchange: offExchangeFrom(from),
          how: 'one-off',
          loadMs: performance.now() - t0,
        };
      }
      if (!held) {
        load(from);
        how = 'loaded';
      } else {
        how = update() ? 'updated' : 'held';
        trim(from);
      }
      const h = held!;
      let screen = h.screens.get(volumeLookback);
      if (!screen)
        h.screens.set(volumeLookback, (screen = createVolumeScreen(h.store, volumeLookback, { keep: false })));
      return { bars: h.store, screen, offExchange: h.offExchange, how, loadMs: performance.now() - t0 };
    },
    stats() {
      let bars = 0;
      for (const c of held?.columns.values() ?? []) bars += c.n - c.start;
      return {
        symbols: held?.columns.size ?? 0,
        bars,
        from: held?.from ?? null,
        seen: held?.seen ?? 0,
        loads,
        updates,
      };
    },
  };
}

function mergeIn(h: { columns: Map<string, HeldColumns>; slab: TypedSlab }, fresh: Map<string, BarColumns>): void {
  // the names fill their spare room together (a day each): when one runs out, every name is copied
  // into a new slab with fresh room, so the old one is freed whole rather than kept alive by a few
  for (const [symbol, c] of fresh) {
    const held = h.columns.get(symbol);
    if (held && !hasRoom(held, c)) {
      compact(h);
      break;
    }
  }
  for (const [symbol, c] of fresh) h.columns.set(symbol, addToHeld(h.columns.get(symbol), c, h.slab));
}

function compact(h: { columns: Map<string, HeldColumns>; slab: TypedSlab }): void {
  h.slab = createTypedSlab();
  for (const [symbol, c] of h.columns) h.columns.set(symbol, regrow(c, 0, h.slab));
}

/** A bar store over views of the held columns (the views stay as they are while later days are added). */
function storeOf(columns: Map<string, HeldColumns>): BarStore {
  const views = new Map<string, BarColumns>();
  const dates = new Map<string, readonly string[]>();
  for (const [symbol, c] of columns) views.set(symbol, viewColumns(c, dates));
  return createBarStore(views);
}

/** Date ranges with overlapping or touching ones joined (ISO dates compare as strings). */
function mergedRanges(ranges: [string, string][]): [string, string][] {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [string, string][] = [];
  for (const [from, to] of sorted) {
    const last = out.at(-1);
    if (last && from <= addCalendarDays(last[1], 1)) last[1] = maxDate(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

const maxDate = (a: string, b: string): string => (a > b ? a : b);
