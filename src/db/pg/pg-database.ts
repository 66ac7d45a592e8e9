import { toPgPlaceholders, type PgStatementText } from './placeholders';
import { sqliteToPg } from './sqlite-to-pg';
import type { SyncPg } from './sync-pg';

// The PostgreSQL store in the shape of a better-sqlite3 Database — prepare/run/get/all/iterate, pluck and
// raw, exec, transaction with savepoints, inTransaction — over the synchronous bridge (sync-pg.ts). The
// repos and drizzle's query builder use that shape, and the schema stores what SQLite stores (text dates,
// JSON text, 0/1 booleans: schema-pg/from-sqlite.ts), so the same repos run on either store; the few
// statements SQLite and PostgreSQL write differently are chosen by dialect in the repos themselves.

type Args = unknown[];

export interface PgRunResult {
  changes: number;
  /** the first column of the first row a RETURNING gave back; 0 without one */
  lastInsertRowid: number;
}

export class PgStatement {
  private pluckOn = false;
  private rawOn = false;
  private bound: Args | null = null;
  private readonly sql: PgStatementText;
  /** whether the statement only reads (better-sqlite3's `readonly`) */
  readonly readonly: boolean;

  constructor(
    private readonly db: PgDatabase,
    readonly source: string,
  ) {
    this.sql = toPgPlaceholders(sqliteToPg(source));
    this.readonly =
      /^\s*(select|with|values|show|explain)\b/i.test(source) && !/\b(insert|update|delete)\b/i.test(source);
  }

  pluck(on = true): this {
    this.pluckOn = on;
    if (on) this.rawOn = false;
    return this;
  }

  raw(on = true): this {
    this.rawOn = on;
    if (on) this.pluckOn = false;
    return this;
  }

  bind(...args: Args): this {
    this.bound = args;
    return this;
  }

  run(...args: Args): PgRunResult {
    const r = this.query(args, true);
    const first = r.rows[0] as unknown[] | undefined;
    return { changes: r.rowCount, lastInsertRowid: first && first.length > 0 ? Number(first[0]) : 0 };
  }

  get(...args: Args): unknown {
    return this.shape(this.query(args, this.rawOn || this.pluckOn).rows)[0];
  }

  all(...args: Args): unknown[] {
    return this.shape(this.query(args, this.rawOn || this.pluckOn).rows);
  }

  iterate(...args: Args): IterableIterator<unknown> {
    return this.all(...args)[Symbol.iterator]();
  }

  private shape(rows: unknown[]): unknown[] {
    return this.pluckOn ? rows.map((r) => (r as unknown[])[0]) : rows;
  }

  private query(args: Args, array: boolean) {
    return this.db.bridge.query(this.sql.text, this.values(this.bound ?? args), { array });
  }

  /** better-sqlite3's binding: values in order, or one object of named values */
  private values(args: Args): unknown[] {
    const p = this.sql.params;
    if (p.kind === 'named') {
      const named = (args[0] ?? {}) as Record<string, unknown>;
      return p.names.map((n) => {
        if (!(n in named)) throw new RangeError(`missing named parameter "${n}"`);
        return toPg(named[n]);
      });
    }
    const flat = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Args) : args;
    const count = p.kind === 'positional' ? p.count : 0;
    if (flat.length !== count) throw new RangeError(`expected ${count} parameters, got ${flat.length}`);
    return flat.map(toPg);
  }
}

/** A value as SQLite would have stored it: booleans as 0/1 (better-sqlite3 refuses them; drizzle converts first). */
function toPg(v: unknown): unknown {
  if (v === undefined) throw new TypeError('undefined is not a value SQLite or PostgreSQL can bind');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v.toString();
  return v;
}

// SQLite's transaction verbs: PostgreSQL takes each lock when it writes, so all three begin alike
const BEGIN = /^\s*BEGIN(\s+(IMMEDIATE|DEFERRED|EXCLUSIVE))?(\s+TRANSACTION)?\s*;?\s*$/i;

export class PgDatabase {
  readonly memory = false;
  private depth = 0;

  constructor(
    readonly bridge: SyncPg,
    /** for messages and `doctor`: the URL without its password */
    readonly name: string,
  ) {}

  get open(): boolean {
    return !this.bridge.closed;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare(source: string): PgStatement {
    return new PgStatement(this, source);
  }

  exec(source: string): this {
    if (BEGIN.test(source)) {
      this.bridge.exec('BEGIN');
      this.depth = 1;
    } else if (/^\s*(COMMIT|END|ROLLBACK)\b/i.test(source)) {
      this.bridge.exec(source);
      this.depth = 0;
    } else this.bridge.exec(source);
    return this;
  }

  /** SQLite's pragmas mean nothing here: answered as "none", so shared set-up code runs unchanged. */
  pragma(_source: string, options: { simple?: boolean } = {}): unknown {
    return options.simple ? undefined : [];
  }

  /** better-sqlite3's transaction(fn): BEGIN…COMMIT, a SAVEPOINT when already inside one, rolled back on a throw. */
  transaction<F extends (...args: never[]) => unknown>(fn: F) {
    const run = (...args: Parameters<F>): ReturnType<F> => {
      const nested = this.depth > 0;
      const savepoint = `sb_${this.depth}`;
      this.bridge.exec(nested ? `SAVEPOINT ${savepoint}` : 'BEGIN');
      this.depth++;
      try {
        const out = fn(...args) as ReturnType<F>;
        if (out && typeof (out as { then?: unknown }).then === 'function')
          throw new TypeError('Transaction function cannot return a promise');
        this.bridge.exec(nested ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
        return out;
      } catch (err) {
        if (!this.bridge.closed) this.bridge.exec(nested ? `ROLLBACK TO SAVEPOINT ${savepoint}` : 'ROLLBACK');
        throw err;
      } finally {
        this.depth--;
      }
    };
    return Object.assign(run, { default: run, deferred: run, immediate: run, exclusive: run, database: this });
  }

  close(): this {
    this.bridge.close();
    return this;
  }
}
