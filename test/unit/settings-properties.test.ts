import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configViolations } from '../../src/config/config-invariants';
import { loadConfig, type RuntimeSetting } from '../../src/config/load-config';
import { UsageError } from '../../src/shared/errors';
import { memorySettingsStore } from '../support/memory-settings';

// The settings layer over any sequence of /set and /reset (fast-check): after each change the config in
// force passes every cross-field invariant and is what the stored settings reload to; a refused change is
// a UsageError (what chat shows as a refusal) and leaves the config and the stored settings untouched.

const load = (runtime: RuntimeSetting[] = []) => loadConfig({ env: {}, runtime });

const store = memorySettingsStore;

const KEYS = [
  ...['high', 'medium', 'low'].flatMap((l) =>
    ['squeeze_score', 'min_volume_spike', 'min_finra_si_percent', 'min_sentiment'].map(
      (k) => `alerting.thresholds.${l}.${k}`,
    ),
  ),
  'volume_detector.filters.min_price',
  'volume_detector.filters.max_price',
  'universe_loader.filters.min_market_cap',
  'universe_loader.filters.max_market_cap',
  'alerting.delivery.backoff_base_ms',
  'alerting.delivery.backoff_max_ms',
  'alerting.cooldown.low_alert_days',
  'app.timezone',
  'no.such.key',
];
const valueArb = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((c) => String(c / 100)),
  fc.integer({ min: 0, max: 20 }).map(String),
  fc.integer({ min: 0, max: 11 }).map((e) => String(10 ** e)),
  fc.constantFrom('-1', 'x', '1e400', '[1]', '', 'true', 'America/New_York', 'Mars/Olympus', 'UTC'),
);
type Op = { op: 'set'; key: string; value: string } | { op: 'reset'; key: string };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...KEYS), value: valueArb }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reset' as const), key: fc.constantFrom(...KEYS) }) },
);

describe('settings layer, over any sequence of /set and /reset', () => {
  it('keeps every invariant, or refuses the change with nothing applied', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 8 }), (ops) => {
        const s = store();
        for (const o of ops) {
          const before = s.current();
          const storedBefore = s.stored().map((r) => ({ ...r }));
          try {
            if (o.op === 'set') s.set(o.key, o.value, 'prop');
            else s.reset(o.key, 'prop');
            accepted++;
          } catch (e) {
            expect(e).toBeInstanceOf(UsageError);
            expect(s.current()).toBe(before);
            expect(s.stored()).toEqual(storedBefore);
            refused++;
          }
          expect(configViolations(s.current())).toEqual([]);
          expect(load(s.stored().map((r) => ({ key: r.key, value: r.value }))).config).toEqual(s.current());
        }
      }),
      { numRuns: 40 },
    );
    // both branches were exercised
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  }, 60_000);

  it('refuses a /reset that would bring back a default breaking a rule with a stored value', () => {
    const s = store();
    s.set('alerting.thresholds.low.squeeze_score', '0.1', 'admin');
    s.set('alerting.thresholds.medium.squeeze_score', '0.2', 'admin');
    s.set('alerting.thresholds.high.squeeze_score', '0.25', 'admin');
    const before = s.current();
    expect(() => s.reset('alerting.thresholds.medium.squeeze_score', 'admin')).toThrow(UsageError);
    expect(() => s.reset('alerting.thresholds.medium.squeeze_score', 'admin')).toThrow(
      /high must be ≥ medium on squeeze_score/,
    );
    expect(s.current()).toBe(before);
    expect(s.stored().map((r) => r.key)).toContain('alerting.thresholds.medium.squeeze_score');
  });
});
