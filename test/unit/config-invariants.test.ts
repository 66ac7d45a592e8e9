import { describe, expect, it } from 'vitest';
import { configViolations, isIanaTimeZone } from '../../src/config/config-invariants';
import { loadConfig, type RuntimeSetting } from '../../src/config/load-config';
import { ConfigError, UsageError } from '../../src/shared/errors';
import { suggestThresholds, type SuggestRow } from '../../src/learning/threshold-suggest';
import { memorySettingsStore } from '../support/memory-settings';

// The cross-field rules of config-invariants.ts, at load, at /set (through the real settings store) and on
// /suggest's proposals (random /set and /reset sequences: settings-properties.test.ts).

const load = (runtime: RuntimeSetting[] = []) => loadConfig({ env: {}, runtime });
const errorOf = (runtime: RuntimeSetting[]): string => {
  try {
    load(runtime);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.join('; ');
    throw e;
  }
  return '';
};

describe('config invariants at load', () => {
  it('the defaults hold together', () => {
    expect(configViolations(load().config)).toEqual([]);
  });

  it.each([
    ['alerting.thresholds.high.squeeze_score', 0.3, 'high must be ≥ medium on squeeze_score'],
    ['alerting.thresholds.high.min_volume_spike', 1, 'high must be ≥ medium on min_volume_spike'],
    ['alerting.thresholds.low.min_finra_si_percent', 0.9, 'medium must be ≥ low on min_finra_si_percent'],
    ['alerting.thresholds.medium.min_sentiment', 0.9, 'high must be ≥ medium on min_sentiment'],
    ['volume_detector.filters.min_price', 1000, 'must be below volume_detector.filters.max_price'],
    ['universe_loader.filters.min_market_cap', 1e11, 'min_market_cap must be below max_market_cap'],
    ['app.timezone', 'Mars/Olympus', 'not an IANA time zone'],
    ['scheduling.timezone', 'EST', 'not an IANA time zone'],
    ['alerting.delivery.backoff_base_ms', 1e9, 'must be ≤ alerting.delivery.backoff_max_ms'],
    ['alerting.cooldown.high_alert_days', 10_000, '365'],
    ['chat.rate_limit_per_minute', 1e7, '10000'],
  ])('%s = %s is refused, naming the key and the rule', (key, value, rule) => {
    const message = errorOf([{ key, value }]);
    expect(message).toContain(key);
    expect(message).toContain(rule);
  });

  it('blames the key set by the higher layer', () => {
    expect(errorOf([{ key: 'alerting.thresholds.low.squeeze_score', value: 0.5 }])).toMatch(
      /^alerting\.thresholds\.low\.squeeze_score: medium must be ≥ low/,
    );
  });

  it('knows IANA zones from Intl', () => {
    expect(isIanaTimeZone('America/New_York')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('America/Nowhere')).toBe(false);
  });
});

const store = memorySettingsStore;

describe('/set against the invariants', () => {
  it('refuses high.squeeze_score below medium, naming the key and rule, and keeps the old value', () => {
    const s = store();
    const before = s.current().alerting.thresholds.high.squeeze_score;
    expect(() => s.set('alerting.thresholds.high.squeeze_score', '0.3', 'admin')).toThrow(UsageError);
    expect(() => s.set('alerting.thresholds.high.squeeze_score', '0.3', 'admin')).toThrow(
      /alerting\.thresholds\.high\.squeeze_score.*high must be ≥ medium on squeeze_score/,
    );
    expect(s.current().alerting.thresholds.high.squeeze_score).toBe(before);
    expect(s.stored()).toEqual([]);
  });
  // any sequence of /set and /reset: the fast-check property in settings-properties.test.ts
});

describe('/suggest proposals keep the invariants', () => {
  it('never proposes high.min_volume_spike below medium, applied together the set is valid', () => {
    const config = load().config;
    // low-spike names succeed: every level would like spike 1, which high may not take below medium's
    const rows: SuggestRow[] = Array.from({ length: 60 }, (_, i) => ({
      score: 0.5 + (i % 10) / 100,
      volumeSpike: i % 2 ? 1.2 : 9,
      success: i % 2 === 1,
    }));
    const suggestions = suggestThresholds(rows, config.alerting.thresholds, 5);
    const runtime = suggestions
      .flatMap((s) => s.commands)
      .map((c) => {
        const [, key, value] = c.split(' ');
        return { key: key!, value: Number(value) };
      });
    expect(runtime.length).toBeGreaterThan(0);
    expect(() => load(runtime)).not.toThrow();
    const high = suggestions.find((s) => s.level === 'high')!;
    if (high.best)
      expect(high.best.minVolumeSpike).toBeGreaterThanOrEqual(config.alerting.thresholds.medium.min_volume_spike);
  });
});
