import { describe, expect, it } from 'vitest';
import { killRestart } from '../chaos/kill-restart';

// The short form of `npm run chaos`'s kill scenario (test/chaos/kill-restart.ts): one kill -9 inside the
// first backfill, one inside an import and one inside a scan, each followed by a restart; every data table
// must end as the clean run's, no child may crash, and no output or table may show a secret.

describe('kill -9 and restart', { timeout: 240_000 }, () => {
  it('a backfill, an import or a scan killed at a random instant and started again leaves the store a clean run leaves', async () => {
    const r = await killRestart({ kills: 3, seed: 7 });
    expect(r.cleanRows).toBeGreaterThan(30);
    expect(r.crashes).toBe(0);
    expect(r.differing).toEqual([]);
    expect(r.secretsFound).toEqual([]);
  });
});
