import { describe, expect, it } from 'vitest';
import { createResourceMeter, resourceAlerts } from '../../src/monitoring/resource-rules';

const LIMITS = { max_memory_mb: 1000, max_cpu_pct: 80, warn_fraction: 0.8 };

describe('resource limits', () => {
  it.each([
    [700, null, []],
    [800, null, ['warning']],
    [1000, null, ['warning']],
    [1001, null, ['critical']],
    [100, 63, []],
    [100, 64, ['warning']],
    [100, 95, ['critical']],
    [1200, 95, ['critical', 'critical']],
  ])('rss %d MB, cpu %s%% → %j', (rssMb, cpuPct, severities) => {
    const out = resourceAlerts({ rssMb, heapUsedMb: 50, cpuPct }, LIMITS);
    expect(out.map((a) => a.severity)).toEqual(severities);
    // one dedupe key per level: a warning that turns critical is told again, not swallowed
    for (const a of out) expect(a.dedupeKey).toMatch(new RegExp(`:${a.severity}$`));
  });

  it('measures CPU over the interval since the last reading, not since start', () => {
    let t = 0;
    let cpu = 0;
    const meter = createResourceMeter(() => ({
      mem: { rss: 300 * 1_048_576, heapUsed: 100 * 1_048_576 } as NodeJS.MemoryUsage,
      cpu: { user: cpu, system: 0 },
      at: t,
    }));
    expect(meter()).toEqual({ rssMb: 300, heapUsedMb: 100, cpuPct: null });
    t += 10_000; // 10 s of wall time, 9 s of CPU
    cpu += 9_000_000;
    expect(meter().cpuPct).toBeCloseTo(90);
    t += 10_000; // then idle
    expect(meter().cpuPct).toBe(0);
  });
});
