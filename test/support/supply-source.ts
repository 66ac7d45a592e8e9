import type { Db } from '../../src/db/client';
import { createPipelineDataRepo } from '../../src/db/repos/pipeline-data.repo';
import { createBarStore } from '../../src/pipeline/bar-store';
import { createDbPipelineSource } from '../../src/pipeline/db-pipeline-source';
import { createVolumeScreen } from '../../src/pipeline/volume-screen';

/** The pipeline's real db source as of one day, without bars: for the supply datasets' point-in-time reads. */
export function supplySource(db: Db, asOf: string) {
  const bars = createBarStore(new Map());
  return createDbPipelineSource({
    asOf,
    data: createPipelineDataRepo(db),
    bars,
    screen: createVolumeScreen(bars, 20),
    newest: { bars: null, shortvol: null },
  });
}
