import type Database from 'better-sqlite3';

// The log of market rows written (table market_writes): each batch of bars or short volume notes the
// dates it touched and, when it touched few names, which. The in-memory market of a long-running bot
// (pipeline/market-cache.ts) reads the entries after the last one it took in, so a day appended by the
// ingest job, a history fetched for five names or a file imported by another process reaches the next
// scan as a reload of just those dates or names.

export type MarketDataset = 'bars' | 'shortvol';

export interface MarketWrite {
  id: number;
  dataset: MarketDataset;
  fromDate: string;
  toDate: string;
  /** the names touched, or null: any name on those dates */
  symbols: string[] | null;
}

/** Beyond this many names a batch is logged as touching its dates for every name (a whole-market file). */
export const LOGGED_SYMBOLS_MAX = 50;

export function createMarketWritesRepo(sqlite: Database.Database) {
  const insert = sqlite.prepare(
    'INSERT INTO market_writes (dataset, from_date, to_date, symbols, rows) VALUES (?, ?, ?, ?, ?)',
  );
  const after = sqlite.prepare(
    'SELECT id, dataset, from_date, to_date, symbols FROM market_writes WHERE id > ? ORDER BY id',
  );
  const newest = sqlite.prepare('SELECT coalesce(max(id), 0) FROM market_writes').pluck();
  return {
    /**
     * Wraps a batch writer so each call logs what it wrote, in the caller's transaction (a rolled-back
     * batch leaves no entry). Rows are iterated once, as they pass to the writer.
     */
    logged<T extends { symbol: string; date: string }>(
      dataset: MarketDataset,
      write: (rows: Iterable<T>) => number,
    ): (rows: Iterable<T>) => number {
      return (rows) => {
        let from = '';
        let to = '';
        let count = 0;
        let names: Set<string> | null = new Set();
        const see = (r: T) => {
          if (count++ === 0 || r.date < from) from = r.date;
          if (r.date > to) to = r.date;
          if (names && !names.has(r.symbol)) {
            names.add(r.symbol);
            if (names.size > LOGGED_SYMBOLS_MAX) names = null;
          }
        };
        // an array (an import's batch) is scanned in a plain loop: a generator per row costs more
        function* watched(): Generator<T> {
          for (const r of rows) {
            see(r);
            yield r;
          }
        }
        if (Array.isArray(rows)) for (const r of rows as T[]) see(r);
        const n = write(Array.isArray(rows) ? rows : watched());
        if (count > 0) insert.run(dataset, from, to, names ? [...names].join(',') : null, count);
        return n;
      };
    },
    /** Entries written after `id`, oldest first. */
    after(id: number): MarketWrite[] {
      return (
        after.all(id) as {
          id: number;
          dataset: MarketDataset;
          from_date: string;
          to_date: string;
          symbols: string | null;
        }[]
      ).map((r) => ({
        id: r.id,
        dataset: r.dataset,
        fromDate: r.from_date,
        toDate: r.to_date,
        symbols: r.symbols === null ? null : r.symbols.split(','),
      }));
    },
    /** The newest entry's id (0 when none): where a freshly loaded market starts reading. */
    newestId: (): number => newest.get() as number,
  };
}

export type MarketWritesRepo = ReturnType<typeof createMarketWritesRepo>;
