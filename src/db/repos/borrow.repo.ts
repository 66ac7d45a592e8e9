import type { Db } from '../client';
import type { BorrowSnapshot } from '../../domain/short-supply';

// IBKR borrow snapshots stored as CHANGES: the file is regenerated many times a day and most of its 17,000
// lines do not move between two snapshots, so a symbol gets a row only when its fee, rebate, available or
// cap differs from its newest stored row. A symbol's figures at an instant are those of its newest row at
// or before it. A symbol that leaves the file gets one row of nulls (IBKR no longer quotes a loan).
//
// Each snapshot also writes one marker row under FILE_MARKER (a `#` can never be a SYM in the file): the
// instant it was taken and its line count. Without it, "nothing changed" could not be told from "nothing
// was taken": the marker says how fresh every symbol's figures are, and a re-read of a stamp already held
// stores nothing at all.

export const FILE_MARKER = '#FILE';

const SELECT = `SELECT symbol, taken_at AS "takenAt", fee_rate AS "feeRate", rebate_rate AS "rebateRate", available,
  available_capped AS "availableCapped", source, published_on AS "publishedOn" FROM borrow_snapshots`;

type Row = Omit<BorrowSnapshot, 'availableCapped'> & { availableCapped: number };
const toSnapshot = (r: Row): BorrowSnapshot => ({ ...r, availableCapped: r.availableCapped === 1 });

function sameFigures(a: Row, b: BorrowSnapshot): boolean {
  return (
    a.feeRate === b.feeRate &&
    a.rebateRate === b.rebateRate &&
    a.available === b.available &&
    a.availableCapped === (b.availableCapped ? 1 : 0)
  );
}

export interface SnapshotStored {
  /** symbol rows written (changes and departures), the marker not counted */
  rows: number;
  /** symbols that left the file since the snapshot before */
  gone: number;
  /** false when this #BOF stamp was held already: nothing was written */
  newStamp: boolean;
}

export function createBorrowRepo(db: Db) {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `INSERT INTO borrow_snapshots (symbol, taken_at, fee_rate, rebate_rate, available, available_capped, source,
       published_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (symbol, taken_at) DO NOTHING`,
  );
  // every symbol's newest row before an instant (the primary key (symbol, taken_at) serves the max)
  const latestBefore = sqlite.prepare(
    `SELECT b.symbol, b.taken_at AS "takenAt", b.fee_rate AS "feeRate", b.rebate_rate AS "rebateRate", b.available,
       b.available_capped AS "availableCapped", b.source, b.published_on AS "publishedOn"
     FROM borrow_snapshots b JOIN (SELECT symbol, max(taken_at) AS t FROM borrow_snapshots
       WHERE taken_at < ? AND symbol <> '${FILE_MARKER}' GROUP BY symbol) m
     ON b.symbol = m.symbol AND b.taken_at = m.t`,
  );
  const markerAt = sqlite.prepare(`SELECT 1 FROM borrow_snapshots WHERE symbol = '${FILE_MARKER}' AND taken_at = ?`);
  const inWindow = sqlite.prepare(
    `${SELECT} WHERE symbol = ? AND published_on >= ? AND published_on <= ? ORDER BY taken_at`,
  );
  const baseBefore = sqlite.prepare(`${SELECT} WHERE symbol = ? AND published_on < ? ORDER BY taken_at DESC LIMIT 1`);
  const newestOf = sqlite.prepare(`${SELECT} WHERE symbol = ? AND published_on <= ? ORDER BY taken_at DESC LIMIT ?`);
  const publishedBy = sqlite.prepare(`${SELECT} WHERE symbol = ? AND published_on <= ? ORDER BY taken_at`);
  const snapshotsIn = sqlite.prepare(
    `${SELECT} WHERE symbol = '${FILE_MARKER}' AND published_on >= ? AND published_on <= ? ORDER BY taken_at`,
  );
  const newestMarker = sqlite.prepare(
    `${SELECT} WHERE symbol = '${FILE_MARKER}' AND published_on <= ? ORDER BY taken_at DESC LIMIT 1`,
  );

  const write = (r: BorrowSnapshot) =>
    insert.run(
      r.symbol,
      r.takenAt,
      r.feeRate,
      r.rebateRate,
      r.available,
      r.availableCapped ? 1 : 0,
      r.source,
      r.publishedOn,
    ).changes;

  const store = sqlite.transaction(
    (snap: { takenAt: string; publishedOn: string; source: string; rows: readonly BorrowSnapshot[] }) => {
      if (markerAt.get(snap.takenAt)) return { rows: 0, gone: 0, newStamp: false };
      const before = new Map((latestBefore.all(snap.takenAt) as Row[]).map((r) => [r.symbol, r]));
      let rows = 0;
      for (const r of snap.rows) {
        const prev = before.get(r.symbol);
        before.delete(r.symbol);
        if (prev && sameFigures(prev, r)) continue;
        rows += write(r);
      }
      let gone = 0;
      for (const prev of before.values()) {
        // already marked gone: nothing moved
        if (prev.feeRate === null && prev.rebateRate === null && prev.available === null) continue;
        const away = { ...prev, feeRate: null, rebateRate: null, available: null, availableCapped: false };
        gone += write({ ...away, takenAt: snap.takenAt, publishedOn: snap.publishedOn, source: snap.source });
      }
      write({
        symbol: FILE_MARKER,
        takenAt: snap.takenAt,
        feeRate: null,
        rebateRate: null,
        available: snap.rows.length,
        availableCapped: false,
        source: snap.source,
        publishedOn: snap.publishedOn,
      });
      return { rows: rows + gone, gone, newStamp: true };
    },
  );

  /**
   * The symbol's figures carried to the newest snapshot taken by asOf: a row only says when figures
   * changed, the marker says they still held then (the reader sees how fresh the reading is).
   */
  function carried(rows: BorrowSnapshot[], asOf: string): BorrowSnapshot[] {
    const last = rows.at(-1);
    const marker = newestMarker.get(asOf) as Row | undefined;
    if (!last || !marker || marker.takenAt <= last.takenAt) return rows;
    return [...rows, { ...last, takenAt: marker.takenAt, publishedOn: marker.publishedOn }];
  }

  return {
    /** Stores one whole file's snapshot as changes (see above); a stamp held already stores nothing. */
    storeSnapshot: (snap: {
      takenAt: string;
      publishedOn: string;
      source: string;
      rows: readonly BorrowSnapshot[];
    }): SnapshotStored => store(snap),
    /**
     * A symbol's figures published from `from` to asOf, oldest first: the row in force when the window
     * opens (a base for 1- and 5-day changes), the changes in it, and the figures carried to the newest
     * snapshot taken by asOf.
     */
    window(symbol: string, from: string, asOf: string): BorrowSnapshot[] {
      const base = baseBefore.get(symbol, from) as Row | undefined;
      const rows = (inWindow.all(symbol, from, asOf) as Row[]).map(toSnapshot);
      return carried(base ? [toSnapshot(base), ...rows] : rows, asOf);
    },
    /**
     * `window` cut from rows already read (a replay reads a symbol's rows once): `rows` are the symbol's
     * changes published by the replay's last day, by taken_at (allPublishedBy); `marker` the newest
     * snapshot taken by asOf (newestSnapshot).
     */
    windowOf(
      rows: readonly BorrowSnapshot[],
      from: string,
      asOf: string,
      marker: { takenAt: string; publishedOn: string } | null,
    ): BorrowSnapshot[] {
      let base: BorrowSnapshot | undefined;
      const inside: BorrowSnapshot[] = [];
      for (const r of rows) {
        if (r.publishedOn < from) base = r;
        else if (r.publishedOn <= asOf) inside.push(r);
      }
      const held = base ? [base, ...inside] : inside;
      const last = held.at(-1);
      if (!last || !marker || marker.takenAt <= last.takenAt) return held;
      return [...held, { ...last, takenAt: marker.takenAt, publishedOn: marker.publishedOn }];
    },
    /** A symbol's stored changes published by asOf, oldest first (windowOf's rows). */
    allPublishedBy: (symbol: string, asOf: string): BorrowSnapshot[] =>
      (publishedBy.all(symbol, asOf) as Row[]).map(toSnapshot),
    /** A symbol's stored changes published by asOf, newest first, at most n (/borrow's history lines). */
    newest: (symbol: string, asOf: string, n: number): BorrowSnapshot[] =>
      (newestOf.all(symbol, asOf, n) as Row[]).map(toSnapshot),
    /** The snapshots taken from `from` to asOf (instant and line count), oldest first. */
    snapshots: (from: string, asOf: string): { takenAt: string; publishedOn: string; lines: number }[] =>
      (snapshotsIn.all(from, asOf) as Row[]).map((r) => ({
        takenAt: r.takenAt,
        publishedOn: r.publishedOn,
        lines: r.available ?? 0,
      })),
    /** The newest snapshot taken by asOf (default: any), or null when none is held. */
    newestSnapshot(asOf = '9999-12-31'): { takenAt: string; publishedOn: string } | null {
      const r = newestMarker.get(asOf) as Row | undefined;
      return r ? { takenAt: r.takenAt, publishedOn: r.publishedOn } : null;
    },
  };
}

export type BorrowRepo = ReturnType<typeof createBorrowRepo>;
