import { describe, expect, it } from 'vitest';
import { botBesideImport } from '../chaos/bot-beside-import';

// The short form of `npm run chaos`'s bot scenario (test/chaos/bot-beside-import.ts): the real telegraf bot
// (`squeezebot start` against the fake Bot API) answers /add after /add while an import writes the same
// file. No add may be lost; latency is printed, not asserted (a loaded CI machine is no timer).

describe('the Telegram bot beside an import', () => {
  it('answers and stores every /add sent while the import runs', { timeout: 180_000 }, async () => {
    const f = await botBesideImport({ days: 30, symbols: 8_000 });
    console.log(
      `import ${Math.round(f.importMs)} ms; ${f.adds} adds; max reply ${Math.round(Math.max(0, ...f.latencies))} ms`,
    );
    expect(f.importExit).toBe(0);
    expect(f.adds).toBeGreaterThanOrEqual(2);
    expect(f.lost).toEqual([]);
    expect(f.botExit).toBe(0);
  });
});
