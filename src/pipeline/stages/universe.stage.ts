import type { Config } from '../../config/schema';
import type { UniverseRow } from '../../db/repos/pipeline-data.repo';
import type { EliminationReason } from '../../domain/runs';
import type { PipelineSource } from '../pipeline-source';
import type { RunRecorder } from '../run-recorder';

// Stage 1, universe loading: the listed universe (ETF, test-issue, exchange and market-cap filters)
// joined with every symbol that has bars. A fundamental that is unknown (no market cap on imported
// data) never eliminates a symbol; it is flagged. With no universe loaded at all the run falls back
// to "every symbol with bars", and says so.

const EXCHANGE_ALIASES: Record<string, string> = {
  'NYSE AMERICAN': 'AMEX',
  'NYSE ARCA': 'ARCA',
  'NYSE MKT': 'AMEX',
  'CBOE BZX': 'BATS',
};

export interface UniverseOut {
  symbols: string[];
  unknownMarketCap: Set<string>;
}

type Filters = Config['universe_loader']['filters'];
type Verdict =
  | { cut: EliminationReason; value?: number; threshold?: number; detail?: string }
  | { cut: null; unknownMarketCap: boolean };

/**
 * The listed universe's sorted symbols and each one's verdict under one set of filters: the same on every
 * day of a backtest (one universe read, one config), so worked out once per listing and filters.
 */
const listings = new WeakMap<
  readonly UniverseRow[],
  { f: Filters; symbols: string[]; verdicts: Map<string, Verdict> }
>();

function listing(listed: readonly UniverseRow[], f: Filters) {
  const held = listings.get(listed);
  if (held && held.f === f) return held;
  const allowed = new Set(f.exchanges);
  const verdicts = new Map<string, Verdict>();
  for (const u of listed) verdicts.set(u.symbol, verdict(u, f, allowed));
  const out = { f, symbols: [...verdicts.keys()].sort(), verdicts };
  listings.set(listed, out);
  return out;
}

function verdict(u: UniverseRow, f: Filters, allowed: Set<string>): Verdict {
  if (!u.isActive) return { cut: 'inactive' };
  if (u.isTestIssue && !f.include_test_issues) return { cut: 'test_issue' };
  if (u.isEtf && !f.include_etfs) return { cut: 'etf_excluded' };
  const exchange = u.exchange ? (EXCHANGE_ALIASES[u.exchange.toUpperCase()] ?? u.exchange.toUpperCase()) : null;
  if (exchange && !allowed.has(exchange)) return { cut: 'exchange_not_allowed', detail: exchange };
  if (u.marketCap !== null) {
    if (u.marketCap < f.min_market_cap)
      return { cut: 'market_cap_too_low', value: u.marketCap, threshold: f.min_market_cap };
    if (u.marketCap > f.max_market_cap)
      return { cut: 'market_cap_too_high', value: u.marketCap, threshold: f.max_market_cap };
  }
  return { cut: null, unknownMarketCap: u.marketCap === null };
}

export function universeStage(source: PipelineSource, config: Config, recorder: RunRecorder): UniverseOut {
  const f = config.universe_loader.filters;
  const listed = source.universe();
  const { symbols: listedSymbols, verdicts } = listing(listed, f);
  // both sorted: their union in order, without a set and a sort of the whole market each day
  const all = mergeSorted(listedSymbols, sortedList(source.barSymbols()));
  const stage = recorder.stage('universe_loading', all.length, {
    min_market_cap: f.min_market_cap,
    max_market_cap: f.max_market_cap,
    exchanges: f.exchanges,
    include_etfs: f.include_etfs,
    include_test_issues: f.include_test_issues,
    listed: listed.length,
  });
  if (listed.length === 0) stage.fallback('no universe loaded: every symbol with bars, fundamentals unknown');
  const out: string[] = [];
  const unknownMarketCap = new Set<string>();
  for (const symbol of all) {
    const v = verdicts.get(symbol);
    if (v?.cut) {
      stage.eliminate(symbol, v.cut, v.value ?? null, v.threshold ?? null, v.detail ?? null);
      continue;
    }
    if (!v || v.unknownMarketCap) unknownMarketCap.add(symbol);
    out.push(symbol);
  }
  stage.done(out.length);
  return { symbols: out, unknownMarketCap };
}

/** `xs` when already in order (the bar store's are), else a sorted copy. */
function sortedList(xs: string[]): string[] {
  for (let i = 1; i < xs.length; i++) if (xs[i - 1]! > xs[i]!) return [...xs].sort();
  return xs;
}

/** The sorted union of two sorted lists (code-unit order, as Array.prototype.sort), each symbol once. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next);
  }
  return out;
}
