import type { Clock } from '../shared/clock';
import { defaultAsOf, type PipelineResult, type PipelineService } from './pipeline.service';
import type { StageRecord } from '../domain/runs';

// A scan as every caller starts one (chat /scan, the scheduled scan, `squeezebot scan`): the discovery
// run, then — only for a run of the current trading day by the injected clock — the alert engine and the
// learning tracker. A scan of last January from the CLI must not queue alerts for it; a console chat
// with --as-of pins the clock, so there it does alert, as a demo.

export interface ScanOptions {
  asOf?: string;
  onStage?: (stage: StageRecord) => void | Promise<void>;
}

export interface ScanDeps {
  pipeline: Pick<PipelineService, 'run'>;
  clock: Clock;
  /** the alert engine's reaction to a finished run; never throws */
  alertOnRun: (result: PipelineResult) => void;
  /** the learning tracker's record of a finished run; never throws */
  trackRun: (result: PipelineResult) => void;
}

export type ScanService = ReturnType<typeof createScanService>;

export function createScanService(deps: ScanDeps) {
  return {
    async run(options: ScanOptions = {}): Promise<PipelineResult> {
      const result = await deps.pipeline.run(options);
      if (result.run.asOf === defaultAsOf(deps.clock.now())) {
        deps.alertOnRun(result);
        // after the alert engine, so the run's alerts are tracked with their ids (feedback joins outcomes)
        deps.trackRun(result);
      }
      return result;
    },
  };
}
