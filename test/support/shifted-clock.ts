// Preloaded into a CLI child (`node --import tsx --import ./test/support/shifted-clock.ts bin/…`):
// `start` and `ingest backfill` read the system clock and take no --as-of, so a test that needs a fixed
// "now" (a weekday evening after FINRA's 18:00 posting) shifts Date to SQUEEZEBOT_TEST_NOW. The clock
// then runs forward in real time from there; timers are untouched.

const target = Date.parse(process.env.SQUEEZEBOT_TEST_NOW ?? '');
if (Number.isFinite(target)) {
  const RealDate = Date;
  const offset = target - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}

export {};
