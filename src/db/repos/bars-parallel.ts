import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { BarColumnSeries } from '../../domain/bars';

// The whole market's bars of a long window (a backtest's year: ~3 M rows) read by worker threads, each
// over its own slice of the window's dates on its own read-only connection. better-sqlite3 costs ~2 µs a
// row in JavaScript whatever the query (the SQL itself is a fraction of that), so one thread cannot
// read faster; two read it in about half the time. Each worker hands back its rows as flat typed
// arrays (moved, not copied) and they are laid out per symbol here, the slices in date order, into
// the same columns barsBetween builds (pipeline-data.repo.ts).

/** Rows of one slice, in date order: the symbol and date of row i are symbols[sym[i]], dates[day[i]]. */
interface Part {
  symbols: string[];
  dates: string[];
  rows: number;
  sym: Int32Array;
  day: Int32Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const SQL =
  'SELECT symbol, date, open, high, low, close, volume FROM daily_bars WHERE date BETWEEN ? AND ? ORDER BY date';
const COUNT_SQL = 'SELECT count(*) FROM daily_bars WHERE date BETWEEN ? AND ?';

// Plain JavaScript run as the worker's script (eval), so it runs the same under tsx, vitest and the
// bundled dist, with no worker file to ship. A missing open/high/low is NaN, as barsBetween holds it.
const WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
const db = new Database(w.file, { readonly: true, fileMustExist: true, timeout: w.busyMs });
try {
  const stmt = db.prepare(w.sql).raw(true);
  const dates = w.dates.slice();
  const index = new Map();
  const symbols = [];
  // sized by a count off the date index: no doubling, no copies (a row committed after it still grows them)
  let cap = Math.max(1, db.prepare(w.countSql).pluck().get(w.from, w.to));
  const make = (C, n) => new C(n);
  let sym = make(Int32Array, cap), day = make(Int32Array, cap);
  let open = make(Float64Array, cap), high = make(Float64Array, cap), low = make(Float64Array, cap);
  let close = make(Float64Array, cap), volume = make(Float64Array, cap);
  const more = (a) => { const b = new a.constructor(cap); b.set(a); return b; };
  let n = 0, d = -1, last = '';
  for (const row of stmt.iterate(w.from, w.to)) {
    if (n === cap) {
      cap *= 2;
      sym = more(sym); day = more(day); open = more(open); high = more(high); low = more(low);
      close = more(close); volume = more(volume);
    }
    let s = index.get(row[0]);
    if (s === undefined) { s = symbols.push(row[0]) - 1; index.set(row[0], s); }
    if (row[1] !== last) {
      last = row[1];
      d = dates[d + 1] === last ? d + 1 : dates.indexOf(last);
      if (d < 0) d = dates.push(last) - 1;
    }
    sym[n] = s; day[n] = d;
    open[n] = row[2] ?? NaN; high[n] = row[3] ?? NaN; low[n] = row[4] ?? NaN;
    close[n] = row[5]; volume[n] = row[6];
    n++;
  }
  const part = { symbols, dates, rows: n, sym, day, open, high, low, close, volume };
  parentPort.postMessage(part, [sym, day, open, high, low, close, volume].map((a) => a.buffer));
} finally {
  db.close();
}
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Every symbol's bars dated in [from, to] (the window's `dates`, ascending, as the date index holds them),
 * read by `threads` workers over `file`; `spare`: room left in every column for that many more bars.
 */
export async function readBarsParallel(options: {
  file: string;
  dates: readonly string[];
  from: string;
  to: string;
  spare: number;
  threads: number;
  busyMs: number;
}): Promise<Map<string, BarColumnSeries>> {
  const { dates, from, to } = options;
  const k = Math.max(1, Math.min(options.threads, dates.length));
  // slice i covers [from_i, to_i]: the first opens at `from`, the last closes at `to`, so a row dated
  // outside the listed dates (committed after they were read) still lands in exactly one slice
  const slices: [string, string][] = [];
  for (let i = 0; i < k; i++) {
    const a = Math.floor((dates.length * i) / k);
    const b = Math.floor((dates.length * (i + 1)) / k);
    const lo = i === 0 ? from : dates[a]!;
    const hi = i === k - 1 ? to : previousDate(dates[b]!);
    slices.push([lo, hi]);
  }
  const parts: Part[] = await Promise.all(
    slices.map(([lo, hi]) => readPart({ ...options, from: lo, to: hi, dates: dates as string[] })),
  );
  return assemble(parts, options.spare);
}

function readPart(o: { file: string; dates: string[]; from: string; to: string; busyMs: number }): Promise<Part> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        driver,
        file: o.file,
        sql: SQL,
        countSql: COUNT_SQL,
        dates: o.dates,
        from: o.from,
        to: o.to,
        busyMs: o.busyMs,
      },
    });
    let got: Part | null = null;
    worker.once('message', (p: Part) => (got = p));
    worker.once('error', reject);
    worker.once('exit', (code) => (got ? resolve(got) : reject(new Error(`bar reader exited with code ${code}`))));
  });
}

const EMPTY: Part = {
  symbols: [],
  dates: [],
  rows: 0,
  sym: new Int32Array(0),
  day: new Int32Array(0),
  open: new Float64Array(0),
  high: new Float64Array(0),
  low: new Float64Array(0),
  close: new Float64Array(0),
  volume: new Float64Array(0),
};

/** The parts' rows laid out per symbol, part after part (each part's dates precede the next one's). */
function assemble(parts: Part[], spare: number): Map<string, BarColumnSeries> {
  // each part's rows counted by its own symbol index (no string lookup per row), then added up by name
  const count = new Map<string, number>();
  for (const p of parts) {
    const local = new Int32Array(p.symbols.length);
    for (let i = 0; i < p.rows; i++) local[p.sym[i]!]!++;
    p.symbols.forEach((s, k) => count.set(s, (count.get(s) ?? 0) + local[k]!));
  }
  const out = new Map<string, BarColumnSeries & { n: number }>();
  // symbols in first-seen order, as the single read meets them
  for (const [s, n] of count) {
    const cap = n + spare;
    out.set(s, {
      n: 0,
      dates: new Array<string>(n),
      open: new Float64Array(cap),
      high: new Float64Array(cap),
      low: new Float64Array(cap),
      close: new Float64Array(cap),
      volume: new Float64Array(cap),
    });
  }
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    // a part laid out is let go: the rows are held twice only one part at a time
    parts[k] = EMPTY;
    const held = p.symbols.map((s) => out.get(s)!);
    const { sym, day, dates, open, high, low, close, volume } = p;
    for (let i = 0; i < p.rows; i++) {
      const c = held[sym[i]!]!;
      const j = c.n++;
      c.dates[j] = dates[day[i]!]!;
      c.open[j] = open[i]!;
      c.high[j] = high[i]!;
      c.low[j] = low[i]!;
      c.close[j] = close[i]!;
      c.volume[j] = volume[i]!;
    }
  }
  const series = new Map<string, BarColumnSeries>();
  for (const [symbol, c] of out) {
    const n = c.n;
    series.set(symbol, {
      dates: c.dates,
      open: c.open.subarray(0, n),
      high: c.high.subarray(0, n),
      low: c.low.subarray(0, n),
      close: c.close.subarray(0, n),
      volume: c.volume.subarray(0, n),
    });
  }
  return series;
}

/** The calendar day before `date` (yyyy-mm-dd): a slice ends the day before the next one opens. */
function previousDate(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
