import type { Dataset } from '../../domain/market-data';
import type {
  DailyBar,
  OtcWeeklyRecord,
  ShortInterestRecord,
  ShortVolumeRecord,
  SymbolRecord,
  TradesDailyRecord,
} from '../../domain/market-data';
import type { FailsRow, OptionsSnapshot, ThresholdRow } from '../../domain/short-supply';
import { Rejection } from './import-rejection';

// The invariants every imported record must hold, per dataset, checked in one place for every format
// (import-file.ts runs them on each record before it is written): a parser turns text into fields, this
// decides whether the figures can be true. A record that breaks one rejects its whole file with its line
// and the rule, because a file holding one impossible row is not a file whose other rows can be trusted.
//   - dates are real calendar dates (no 2021-02-30) and the date a record is about is not after today
//     (the import's clock, market time zone);
//   - volumes and share counts are finite and ≥ 0 (a 400-digit number would be stored as Infinity), and
//     whole numbers except FINRA short volume, whose files carry fractional shares (FORMATS.md);
//   - short volume: exempt ≤ short ≤ total; prices > 0;
//   - short interest: published on or after its settlement day and not after today (a backtest reads a
//     figure from its publication day on, so a wrong one leaks the future or hides the past);
//   - one record per key in one file: a repeated key is a file that double counts, whose rows would
//     otherwise be stored last-wins. The key is the table's primary key. The IBKR stock-loan file is not
//     keyed: it is one snapshot stored whole as changes (borrow.repo.ts), and the Cboe chain summary is one
//     row per file.

/** The rule a record breaks, or null. */
type Check<T> = (r: T) => string | null;
interface DatasetRules<T> {
  /** the fields naming one record of the table (its primary key); none where a file is one snapshot */
  key?: (r: T) => string;
  /** the date the record is about: real and not after today */
  date: (r: T) => string;
  check?: Check<T>;
  /** a publication date that must fall between the record's date and today */
  published?: (r: T) => string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` that names a day on the calendar (Date.UTC rolls 2021-02-30 over to March). */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Why `v` is not a share count (finite, ≥ 0, exactly representable; whole unless `fractional`). */
export function volumeProblem(name: string, v: number, fractional = false): string | null {
  if (!Number.isFinite(v)) return `${name} is not a finite number (${v})`;
  if (v < 0) return `${name} is negative (${v})`;
  if (v > Number.MAX_SAFE_INTEGER) return `${name} is too large to be a share count (${v})`;
  if (!fractional && !Number.isInteger(v)) return `${name} is not a whole number (${v})`;
  return null;
}

/** Why `v` is not a price (finite and > 0); null, an absent price, passes. */
export function priceProblem(name: string, v: number | null): string | null {
  if (v === null) return null;
  if (!Number.isFinite(v) || v <= 0) return `${name} must be a positive price (${v})`;
  return null;
}

// each dataset's rules chain with ??: the first that finds a problem answers, the rest are not evaluated
const optionalVolume = (name: string, v: number | null) => (v === null ? null : volumeProblem(name, v));

const shortvol: DatasetRules<ShortVolumeRecord> = {
  key: (r) => `${r.symbol} ${r.date} ${r.facility}`,
  date: (r) => r.date,
  check: (r) =>
    volumeProblem('ShortVolume', r.shortVolume, true) ??
    (r.shortExemptVolume === null ? null : volumeProblem('ShortExemptVolume', r.shortExemptVolume, true)) ??
    volumeProblem('TotalVolume', r.totalVolume, true) ??
    (r.shortExemptVolume !== null && r.shortExemptVolume > r.shortVolume
      ? `ShortExemptVolume ${r.shortExemptVolume} is above ShortVolume ${r.shortVolume} (exempt is part of short)`
      : null) ??
    (r.shortVolume > r.totalVolume
      ? `ShortVolume ${r.shortVolume} is above TotalVolume ${r.totalVolume} (short is part of total)`
      : null),
};

const bars: DatasetRules<DailyBar> = {
  key: (r) => `${r.symbol} ${r.date}`,
  date: (r) => r.date,
  check: (r) =>
    priceProblem('Open', r.open) ??
    priceProblem('High', r.high) ??
    priceProblem('Low', r.low) ??
    priceProblem('Close', r.close) ??
    priceProblem('Adj Close', r.adjClose) ??
    volumeProblem('Volume', r.volume),
};

const shortinterest: DatasetRules<ShortInterestRecord> = {
  key: (r) => `${r.symbol} ${r.settlementDate} ${r.source}`,
  date: (r) => r.settlementDate,
  published: (r) => r.publishedOn,
  check: (r) =>
    volumeProblem('short interest', r.shortInterest) ??
    optionalVolume('previous short interest', r.previousShortInterest) ??
    (r.avgDailyVolume === null ? null : volumeProblem('average daily volume', r.avgDailyVolume, true)),
};

const otc: DatasetRules<OtcWeeklyRecord> = {
  key: (r) => `${r.symbol} ${r.weekStart} ${r.tier} ${r.summaryType} ${r.mpid}`,
  date: (r) => r.weekStart,
  check: (r) => volumeProblem('shares', r.shares, true) ?? optionalVolume('trades', r.trades),
};

const trades: DatasetRules<TradesDailyRecord> = {
  key: (r) => `${r.symbol} ${r.date}`,
  date: (r) => r.date,
  check: (r) =>
    volumeProblem('buy volume', r.buyVolume, true) ??
    volumeProblem('sell volume', r.sellVolume, true) ??
    volumeProblem('unclassified volume', r.unclassifiedVolume, true) ??
    volumeProblem('trade count', r.tradeCount),
};

const fails: DatasetRules<FailsRow> = {
  key: (r) => `${r.symbol} ${r.settlementDate} ${r.cusip}`,
  date: (r) => r.settlementDate,
  check: (r) => volumeProblem('QUANTITY (FAILS)', r.quantity) ?? priceProblem('PRICE', r.price),
};

const threshold: DatasetRules<ThresholdRow> = {
  key: (r) => `${r.symbol} ${r.date} ${r.market}`,
  date: (r) => r.date,
};

const options: DatasetRules<OptionsSnapshot> = {
  date: (r) => r.date,
  check: (r) =>
    priceProblem('underlying price', r.underlyingPrice) ??
    volumeProblem('call volume', r.callVolume) ??
    volumeProblem('put volume', r.putVolume) ??
    volumeProblem('call open interest', r.callOpenInterest) ??
    volumeProblem('put open interest', r.putOpenInterest),
};

const universe: DatasetRules<SymbolRecord> = {
  key: (r) => r.symbol,
  date: (r) => r.asOf,
};

const borrow: DatasetRules<{ publishedOn: string; available: number | null }> = {
  date: (r) => r.publishedOn,
  check: (r) => optionalVolume('available', r.available),
};

const RULES: Record<Dataset, DatasetRules<never>> = {
  shortvol,
  bars,
  shortinterest,
  otc,
  trades,
  fails,
  threshold,
  options,
  universe,
  borrow,
};

/**
 * The checks for one file: `check(record, line)` throws a Rejection naming the line and the rule. It
 * remembers the keys seen, so a second record with the same key names both lines.
 */
export class RowChecker {
  private readonly rules: DatasetRules<unknown>;
  private readonly seen = new Map<string, number | null>();
  /** dates already found real: a file's rows share one or a few, and the check is per row */
  private readonly realDates = new Set<string>();

  constructor(
    dataset: Dataset,
    /** the import's today, `YYYY-MM-DD` in market time: no record may be about a later day */
    private readonly today: string,
  ) {
    this.rules = RULES[dataset] as DatasetRules<unknown>;
  }

  check(record: unknown, line: number | null): void {
    const problem = this.problem(record, line);
    if (problem) throw new Rejection(line, problem);
  }

  private problem(record: unknown, line: number | null): string | null {
    const date = this.rules.date(record);
    if (!this.isRealDate(date)) return `${JSON.stringify(date)} is not a calendar date`;
    if (date > this.today)
      return `date ${date} is after today (${this.today}): a figure cannot be known before its day`;
    const published = (record as { publishedOn?: unknown }).publishedOn;
    if (typeof published === 'string' && !this.isRealDate(published))
      return `publication date ${JSON.stringify(published)} is not a calendar date`;
    const bound = this.rules.published?.(record);
    if (bound !== undefined) {
      if (bound > this.today)
        return `publication date ${bound} is after today (${this.today}): the figure is not out yet`;
      if (bound < date) return `publication date ${bound} is before settlement date ${date}`;
    }
    const broken = this.rules.check?.(record);
    if (broken) return broken;
    if (this.rules.key) {
      const key = this.rules.key(record);
      if (this.seen.has(key)) {
        const before = this.seen.get(key);
        return `duplicate of ${before === null || before === undefined ? 'an earlier row' : `line ${before}`} (${key}): a file holds one row per key`;
      }
      this.seen.set(key, line);
    }
    return null;
  }

  private isRealDate(s: string): boolean {
    if (this.realDates.has(s)) return true;
    if (!isCalendarDate(s)) return false;
    this.realDates.add(s);
    return true;
  }
}
