import type { Config } from '../../config/schema';
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

export function universeStage(source: PipelineSource, config: Config, recorder: RunRecorder): UniverseOut {
  const f = config.universe_loader.filters;
  const listed = source.universe();
  const withBars = source.barSymbols();
  const all = new Set<string>([...listed.map((u) => u.symbol), ...withBars]);
  const stage = recorder.stage('universe_loading', all.size, {
    min_market_cap: f.min_market_cap,
    max_market_cap: f.max_market_cap,
    exchanges: f.exchanges,
    include_etfs: f.include_etfs,
    include_test_issues: f.include_test_issues,
    listed: listed.length,
  });
  if (listed.length === 0) stage.fallback('no universe loaded: every symbol with bars, fundamentals unknown');
  const bySymbol = new Map(listed.map((u) => [u.symbol, u]));
  const allowed = new Set(f.exchanges);
  const out: string[] = [];
  const unknownMarketCap = new Set<string>();
  for (const symbol of [...all].sort()) {
    const u = bySymbol.get(symbol);
    if (u) {
      if (!u.isActive) {
        stage.eliminate(symbol, 'inactive');
        continue;
      }
      if (u.isTestIssue && !f.include_test_issues) {
        stage.eliminate(symbol, 'test_issue');
        continue;
      }
      if (u.isEtf && !f.include_etfs) {
        stage.eliminate(symbol, 'etf_excluded');
        continue;
      }
      const exchange = u.exchange ? (EXCHANGE_ALIASES[u.exchange.toUpperCase()] ?? u.exchange.toUpperCase()) : null;
      if (exchange && !allowed.has(exchange as never)) {
        stage.eliminate(symbol, 'exchange_not_allowed', null, null, exchange);
        continue;
      }
      if (u.marketCap !== null) {
        if (u.marketCap < f.min_market_cap) {
          stage.eliminate(symbol, 'market_cap_too_low', u.marketCap, f.min_market_cap);
          continue;
        }
        if (u.marketCap > f.max_market_cap) {
          stage.eliminate(symbol, 'market_cap_too_high', u.marketCap, f.max_market_cap);
          continue;
        }
      } else unknownMarketCap.add(symbol);
    } else unknownMarketCap.add(symbol);
    out.push(symbol);
  }
  stage.done(out.length);
  return { symbols: out, unknownMarketCap };
}
