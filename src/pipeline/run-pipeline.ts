import type { Config } from '../config/schema';
import type { UniverseRow } from '../db/repos/pipeline-data.repo';
import { healthReasons, healthScore, type HealthInput } from './health-score';
import type { PipelineSource } from './pipeline-source';
import type { RunRecorder } from './run-recorder';
import type { RunRecord, StageRecord } from '../domain/runs';
import { deepScanStage, type ScannedSymbol } from './stages/deep-scan.stage';
import { priceStage } from './stages/price.stage';
import { rankingStage, type Ranked } from './stages/ranking.stage';
import { universeStage } from './stages/universe.stage';
import { volumeStage, type VolumeCandidate } from './stages/volume.stage';

// One pass of the funnel for one day, over any PipelineSource: universe → price → volume → deep scan
// (+ ad-hoc) → ranking. The live service and the backtest both call this, so a backtest day is the
// live run that day would have been. A stage that throws is recorded as failed and the run goes on
// with what it has (status partial); when the deep scan's error rate passes
// performance.error_handling.circuit_breaker_threshold the run aborts: its ranking would rest on a
// minority of the names.

export interface FunnelResult {
  run: RunRecord;
  /** the day's list, rank 1 first (empty when aborted) */
  ranking: Ranked[];
  /** every scanned symbol, ranked */
  scored: Ranked[];
}

export interface FunnelOptions {
  source: PipelineSource;
  config: Config;
  recorder: RunRecorder;
  adhoc: string[];
  /** names alerted or top-ranked in the last follow_days trading days: deep-scanned whatever the funnel says */
  followed?: readonly string[];
  onStage?: (stage: StageRecord) => void | Promise<void>;
}

export async function runFunnel(options: FunnelOptions): Promise<FunnelResult> {
  const { source, config, recorder, adhoc } = options;
  const notify = async () => {
    const last = recorder.run.stages.at(-1);
    if (last && options.onStage) await options.onStage(last);
  };
  /** Runs a stage; a throw marks it failed (with the error) and yields `fallback`. */
  const guarded = async <T>(
    name: StageRecord['name'],
    symbolsIn: number,
    fallback: T,
    body: () => T | Promise<T>,
  ): Promise<T> => {
    try {
      const out = await body();
      await notify();
      return out;
    } catch (err) {
      recorder.failStage(name, symbolsIn, err instanceof Error ? err.message : String(err));
      await notify();
      return fallback;
    }
  };

  let floats: ReadonlyMap<string, number | null> = new Map();
  const universe = await guarded(
    'universe_loading',
    0,
    { symbols: [] as string[], unknownMarketCap: new Set<string>() },
    () => {
      const out = universeStage(source, config, recorder);
      floats = floatsOf(source.universe());
      return out;
    },
  );
  const priced = await guarded('price_filtering', universe.symbols.length, [] as string[], () =>
    priceStage(universe.symbols, source, config, recorder),
  );
  const candidates = await guarded('volume_filtering', priced.length, new Map<string, VolumeCandidate>(), () =>
    volumeStage(priced, source, config, recorder),
  );
  const scan = await guarded(
    'squeeze_detection',
    candidates.size + adhoc.length + (options.followed?.length ?? 0),
    { scanned: [] as ScannedSymbol[], failed: [] as { symbol: string; error: string }[] },
    () =>
      deepScanStage(candidates, adhoc, {
        source,
        config,
        recorder,
        floatOf: (s) => floats.get(s) ?? null,
        followed: options.followed,
      }),
  );

  const processed = scan.scanned.length + scan.failed.length;
  const errorRate = processed > 0 ? scan.failed.length / processed : 0;
  const threshold = config.performance.error_handling.circuit_breaker_threshold;
  const newest = source.newest();
  const healthInput = (): HealthInput => ({
    stages: recorder.run.stages,
    asOf: source.asOf,
    newestBars: newest.bars,
    newestShortVolume: newest.shortvol,
    errors: scan.failed.length,
    processed,
  });
  const health = () => healthScore(healthInput());
  const summary = (extra: Record<string, unknown> = {}) => ({
    universe: universe.symbols.length,
    unknown_market_cap: universe.unknownMarketCap.size,
    candidates: candidates.size,
    adhoc: adhoc.length,
    scored: scan.scanned.length,
    failed: scan.failed.length,
    newest_bars: newest.bars,
    newest_short_volume: newest.shortvol,
    health_reasons: healthReasons(healthInput()),
    ...extra,
  });

  if (processed > 0 && errorRate > threshold) {
    const error = `deep scan failed for ${scan.failed.length} of ${processed} symbols (${pct(errorRate)} > ${pct(threshold)} circuit_breaker_threshold); first: ${scan.failed[0]!.symbol}: ${scan.failed[0]!.error}`;
    recorder.finish('aborted', { healthScore: health(), error, summary: summary() });
    return { run: recorder.run, ranking: [], scored: [] };
  }

  const ranked = await guarded(
    'final_ranking',
    scan.scanned.length,
    { ranking: [] as Ranked[], all: [] as Ranked[] },
    () => rankingStage(scan.scanned, config, recorder),
  );
  const failedStages = recorder.run.stages.filter((s) => s.status === 'failed');
  const status = failedStages.length > 0 ? 'partial' : 'completed';
  const error = failedStages.length > 0 ? failedStages.map((s) => `${s.name}: ${s.errors[0]}`).join('; ') : undefined;
  recorder.finish(status, {
    healthScore: health(),
    ...(error ? { error } : {}),
    summary: summary({ alerts: ranked.all.filter((r) => r.result.level).length }),
  });
  return { run: recorder.run, ranking: ranked.ranking, scored: ranked.all };
}

/** Each listing's float by symbol, made once per universe read (a backtest hands every day the same one). */
const floatMaps = new WeakMap<readonly UniverseRow[], Map<string, number | null>>();
function floatsOf(listed: readonly UniverseRow[]): ReadonlyMap<string, number | null> {
  let m = floatMaps.get(listed);
  if (!m) floatMaps.set(listed, (m = new Map(listed.map((u) => [u.symbol, u.floatShares]))));
  return m;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
