import { describe, expect, it } from 'vitest';
import type { PipelineResult } from '../../src/pipeline/pipeline.service';
import { createScanService } from '../../src/pipeline/scan.service';
import { fakeClock } from '../../src/shared/clock';

// Only a run for the current trading day (by the injected clock) reaches the alert engine and the
// learning tracker; the alert engine first, so the tracker can join the run's alerts by id.

const resultFor = (asOf: string) => ({ run: { asOf } }) as unknown as PipelineResult;

function setup(now: string) {
  const calls: string[] = [];
  const scan = createScanService({
    pipeline: { run: async (o = {}) => resultFor(o.asOf ?? '2024-11-27') },
    clock: fakeClock(now),
    alertOnRun: (r) => void calls.push(`alert ${r.run.asOf}`),
    trackRun: (r) => void calls.push(`track ${r.run.asOf}`),
  });
  return { scan, calls };
}

describe('scan service', () => {
  it("alerts, then tracks, a run of today's trading day", async () => {
    const { scan, calls } = setup('2024-11-27T23:45:00Z');
    await scan.run();
    expect(calls).toEqual(['alert 2024-11-27', 'track 2024-11-27']);
  });

  it('uses the last trading day on a holiday (Thanksgiving 2024 scans Wednesday)', async () => {
    const { scan, calls } = setup('2024-11-28T23:45:00Z');
    await scan.run({ asOf: '2024-11-27' });
    expect(calls).toEqual(['alert 2024-11-27', 'track 2024-11-27']);
  });

  it('neither alerts nor tracks a run of a past day', async () => {
    const { scan, calls } = setup('2024-11-27T23:45:00Z');
    const result = await scan.run({ asOf: '2021-01-22' });
    expect(result.run.asOf).toBe('2021-01-22');
    expect(calls).toEqual([]);
  });
});
