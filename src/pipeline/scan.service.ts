import type { Clock } from '../shared/clock';
import type { SymbolMetrics } from '../signals/metric-types';
import { defaultAsOf, type PipelineResult, type PipelineService, type RunOptions } from './pipeline.service';
import type { Ranked } from './stages/ranking.stage';

// A scan as every caller starts one (chat /scan, the scheduled scan, `squeezebot scan`): the discovery
// run, then — only for a run of the current trading day by the injected clock — the alert engine and the
// learning tracker. A scan of last January from the CLI must not queue alerts for it; a console chat
// with --as-of pins the clock, so there it does alert, as a demo.
//
// Keyless, most names have only the screener's closes and FINRA's off-exchange volume. A scan of today
// first evaluates the funnel on what the store holds; names of its list whose figures rest on that
// (the volume proxy, close-only bars) get their per-symbol history — a year of OHLCV and the float, one
// name at a time, paced — and the run is evaluated again on it, so the cards, ATR, stops and % of float
// of the names a trader sees are exact. Only the final run is saved, alerted on and tracked.

export interface ScanOptions extends RunOptions {
  /** false: the run is saved and tracked but raises no alerts (the scheduled scan under /emergency_off) */
  alerts?: boolean;
  /** told which names get their history fetched before the final run (a progress line) */
  onHistory?: (symbols: string[]) => void | Promise<void>;
}

/** Fetches per-symbol history for `symbols` as of `asOf`; resolves to the names that got bars. */
export type HistoryFill = (symbols: string[], asOf: string) => Promise<string[]>;

export interface ScanDeps {
  pipeline: Pick<PipelineService, 'run' | 'evaluate' | 'save'>;
  clock: Clock;
  /** the alert engine's reaction to a finished run; never throws */
  alertOnRun: (result: PipelineResult) => void;
  /** the learning tracker's record of a finished run; never throws */
  trackRun: (result: PipelineResult) => void;
  /** per-symbol history for names that lack it (absent: runs are evaluated once) */
  fillHistory?: HistoryFill;
}

export type ScanService = ReturnType<typeof createScanService>;

/** Whether a name's figures rest on the off-exchange proxy or close-only bars, not on its own daily bars. */
export function lacksHistory(m: SymbolMetrics): boolean {
  return m.volume?.volumeBasis === 'off_exchange' || m.flags.some((f) => f.code === 'atr_close_to_close');
}

export function createScanService(deps: ScanDeps) {
  async function finalRun(options: ScanOptions): Promise<PipelineResult> {
    const today = defaultAsOf(deps.clock.now());
    if (!deps.fillHistory || (options.asOf ?? today) !== today) return deps.pipeline.run(options);
    const first = await deps.pipeline.evaluate(options);
    // the day's list and the ad-hoc names: what a trader reads cards of
    const shown = new Map<string, Ranked>();
    for (const r of [...first.ranking, ...first.scored.filter((x) => x.source === 'adhoc')]) shown.set(r.symbol, r);
    const lacking = [...shown.values()].filter((r) => lacksHistory(r.metrics)).map((r) => r.symbol);
    if (lacking.length === 0) return deps.pipeline.save(first);
    await options.onHistory?.(lacking);
    const filled = await deps.fillHistory(lacking, first.run.asOf);
    return filled.length ? deps.pipeline.run(options) : deps.pipeline.save(first);
  }

  return {
    async run(options: ScanOptions = {}): Promise<PipelineResult> {
      const result = await finalRun(options);
      if (result.run.asOf === defaultAsOf(deps.clock.now())) {
        if (options.alerts !== false) deps.alertOnRun(result);
        // after the alert engine, so the run's alerts are tracked with their ids (feedback joins outcomes)
        deps.trackRun(result);
      }
      return result;
    },
  };
}
