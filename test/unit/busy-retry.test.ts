import { describe, expect, it } from 'vitest';
import { isBusyError, retryOnBusy } from '../../src/db/busy-retry';

const busy = (code = 'SQLITE_BUSY') => Object.assign(new Error('database is locked'), { code });
const noSleep = { sleep: async () => {} };

describe('retryOnBusy', () => {
  it('runs again after SQLITE_BUSY and its extended codes, and returns the first success', async () => {
    const errors = [busy(), busy('SQLITE_BUSY_SNAPSHOT')];
    const pauses: number[] = [];
    let runs = 0;
    const out = await retryOnBusy(
      () => {
        runs++;
        const e = errors.shift();
        if (e) throw e;
        return 'done';
      },
      { baseMs: 100, sleep: async (ms) => void pauses.push(ms) },
    );
    expect(out).toBe('done');
    expect(runs).toBe(3);
    // backoff doubles, with jitter of ±50%
    expect(pauses[0]).toBeGreaterThanOrEqual(50);
    expect(pauses[0]).toBeLessThanOrEqual(150);
    expect(pauses[1]).toBeGreaterThanOrEqual(100);
    expect(pauses[1]).toBeLessThanOrEqual(300);
  });

  it('gives up after the bounded number of runs with the last SQLITE_BUSY', async () => {
    let runs = 0;
    await expect(
      retryOnBusy(
        () => {
          runs++;
          throw busy();
        },
        { attempts: 3, ...noSleep },
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(runs).toBe(3);
  });

  it('does not retry any other error', async () => {
    let runs = 0;
    await expect(
      retryOnBusy(() => {
        runs++;
        throw Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
      }, noSleep),
    ).rejects.toThrow('UNIQUE');
    expect(runs).toBe(1);
    expect(isBusyError(busy('SQLITE_BUSY_TIMEOUT'))).toBe(true);
    expect(isBusyError(new Error('SQLITE_BUSY'))).toBe(false);
  });
});
