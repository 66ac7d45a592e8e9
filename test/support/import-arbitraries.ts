import fc from 'fast-check';

// fast-check generators of valid import files in the real layouts (FORMATS.md), and of the single-line
// corruptions each must reject. A file is its lines (header first, line 1); rows are kept beside their
// text so a property can say what the file should parse to.

/** ASCII FINRA-style symbols: letters, then optionally a class, preferred or warrant suffix. */
export const symbolArb: fc.Arbitrary<string> = fc
  .tuple(fc.stringMatching(/^[A-Z]{1,5}$/), fc.constantFrom('', '', '', '/B', 'pA', '/WS'))
  .map(([s, suffix]) => s + suffix);

/** Calendar days 2020-01-01 .. 2021-05-31, all before the tests' import day (2021-06-07). */
export const dayArb: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 516 })
  .map((i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));

/** A share count as FINRA writes it: whole or with up to six decimals (recent files carry fractions). */
const millionthsArb = fc.tuple(fc.nat(1_000_000_000), fc.nat(999_999), fc.boolean());
const render = ([whole, frac, fractional]: [number, number, boolean]): string =>
  fractional ? `${whole}.${String(frac).padStart(6, '0')}` : String(whole);
const value = ([whole, frac, fractional]: [number, number, boolean]): number => whole * 1e6 + (fractional ? frac : 0);

/** exempt ≤ short ≤ total, as text */
export interface Volumes {
  short: string;
  exempt: string;
  total: string;
}
export const volumesArb: fc.Arbitrary<Volumes> = fc.tuple(millionthsArb, millionthsArb, millionthsArb).map((three) => {
  const [exempt, short, total] = [...three].sort((a, b) => value(a) - value(b)).map(render);
  return { short: short!, exempt: exempt!, total: total! };
});

/** One day's CNMS file rows: distinct symbols. */
export const cnmsRowsArb = fc.uniqueArray(
  fc.record({ symbol: symbolArb, v: volumesArb, markets: fc.constantFrom('B,Q,N', 'Q', 'Q,N', 'B,N') }),
  { minLength: 1, maxLength: 25, selector: (r) => r.symbol },
);
export type CnmsRow = { symbol: string; v: Volumes; markets: string };

export const SV_HEADER = 'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market';
export const cnmsLine = (compactDate: string, r: CnmsRow) =>
  `${compactDate}|${r.symbol}|${r.v.short}|${r.v.exempt}|${r.v.total}|${r.markets}`;

/** regShoDaily export rows: distinct (symbol, day, facility). */
export const FACILITY_CODES = [
  { code: 'NCTRF', market: 'B', facility: 'FNQC' },
  { code: 'NQTRF', market: 'Q', facility: 'FNSQ' },
  { code: 'NYTRF', market: 'N', facility: 'FNYX' },
  { code: 'ORF', market: 'O', facility: 'FORF' },
] as const;
export const regShoRowsArb = fc.uniqueArray(
  fc.record({
    symbol: fc.stringMatching(/^[A-Z]{1,4}$/),
    date: dayArb,
    f: fc.constantFrom(...FACILITY_CODES),
    v: volumesArb,
  }),
  { minLength: 1, maxLength: 30, selector: (r) => `${r.symbol} ${r.date} ${r.f.code}` },
);
export type RegShoRow = { symbol: string; date: string; f: (typeof FACILITY_CODES)[number]; v: Volumes };
export const REGSHO_HEADER =
  'tradeReportDate,securitiesInformationProcessorSymbolIdentifier,shortParQuantity,shortExemptParQuantity,totalParQuantity,marketCode,reportingFacilityCode';
export const regShoLine = (r: RegShoRow) =>
  `${r.date},${r.symbol},${r.v.short},${r.v.exempt},${r.v.total},${r.f.market},${r.f.code}`;

/** Yahoo daily bars: distinct days, positive prices with two decimals, whole volumes. */
const priceArb = fc.integer({ min: 1, max: 10_000_000 }).map((c) => (c / 100).toFixed(2));
export const barsArb = fc.uniqueArray(
  fc.record({
    date: dayArb,
    open: priceArb,
    high: priceArb,
    low: priceArb,
    close: priceArb,
    adj: priceArb,
    volume: fc.nat(2_000_000_000),
  }),
  { minLength: 1, maxLength: 30, selector: (r) => r.date },
);
export type BarRow = {
  date: string;
  open: string;
  high: string;
  low: string;
  close: string;
  adj: string;
  volume: number;
};
export const YAHOO_HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';
export const barLine = (b: BarRow) => `${b.date},${b.open},${b.high},${b.low},${b.close},${b.adj},${b.volume}`;

/** Short-interest export rows: distinct (symbol, settlement), each published between its settlement and 2021-06-07. */
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const shortInterestRowsArb = fc.uniqueArray(
  fc
    .record({
      symbol: fc.stringMatching(/^[A-Z]{1,5}$/),
      settlement: dayArb,
      lag: fc.nat(20),
      shares: fc.nat(2_000_000_000),
    })
    .map((r) => {
      const published = addDays(r.settlement, r.lag);
      return {
        symbol: r.symbol,
        settlement: r.settlement,
        shares: r.shares,
        published: published > '2021-06-07' ? '2021-06-07' : published,
      };
    }),
  { minLength: 1, maxLength: 30, selector: (r) => `${r.symbol} ${r.settlement}` },
);
export type ShortInterestRow = { symbol: string; settlement: string; shares: number; published: string };
export const SI_HEADER = 'symbolCode,currentShortPositionQuantity,settlementDate,publishedOn';
export const shortInterestLine = (r: ShortInterestRow) => `${r.symbol},${r.shares},${r.settlement},${r.published}`;
export { addDays };

/** A 400-digit number: parses to Infinity, which must never be stored. */
export const HUGE = '9'.repeat(400);

/** `lines` (data rows, no header) with row `at` replaced, and the 1-based file line it lands on. */
export function replaceRow(lines: readonly string[], at: number, text: string): { lines: string[]; line: number } {
  const out = [...lines];
  out[at] = text;
  return { lines: out, line: at + 2 };
}

/** row `from` copied in after row `after` (≥ from): the copy's file line and the original's. */
export function duplicateRow(
  lines: readonly string[],
  from: number,
  after: number,
): { lines: string[]; line: number; original: number } {
  const out = [...lines];
  out.splice(after + 1, 0, lines[from]!);
  return { lines: out, line: after + 3, original: from + 2 };
}
