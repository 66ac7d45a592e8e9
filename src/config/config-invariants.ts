import type { Config } from './schema';

// The rules that hold between config values, checked on the WHOLE resulting config: at load (every layer
// merged), at /set (the config as it would be after the change, so a value that breaks a rule together
// with another key is refused before anything is stored) and on /suggest's proposals (never a set that
// breaks them). The zod schema checks each value alone; these check values against each other, and the
// ones zod cannot express simply (an IANA zone is whatever this runtime's Intl knows).

/** One broken rule: the dotted key to blame and the rule, with the values that break it. */
export interface ConfigViolation {
  key: string;
  rule: string;
  /** the other key of a rule between two; loadConfig blames whichever of the two was set last */
  other?: string;
  /** key's value against other's, so the chat can say it in words */
  relation?: 'at_least' | 'at_most' | 'below' | 'above';
  value?: unknown;
  otherValue?: unknown;
}

const INVERSE = { at_least: 'at_most', at_most: 'at_least', below: 'above', above: 'below' } as const;

/** The same rule seen from its other key: `a ≥ b` blamed on b reads `b ≤ a`. */
export function fromOther(v: ConfigViolation): ConfigViolation {
  if (!v.other) return v;
  return {
    ...v,
    key: v.other,
    other: v.key,
    relation: v.relation && INVERSE[v.relation],
    value: v.otherValue,
    otherValue: v.value,
  };
}

export const LEVELS = ['high', 'medium', 'low'] as const;
/** every threshold key of a level: a higher level asks at least as much as the one below on each */
export const LEVEL_KEYS = ['squeeze_score', 'min_volume_spike', 'min_finra_si_percent', 'min_sentiment'] as const;
type Thresholds = Config['alerting']['thresholds'];

/**
 * high ≥ medium ≥ low on every key: a name that reaches high must have reached medium, or the levels
 * stop meaning "more" (an alert can be high while failing medium's volume test).
 */
export function thresholdViolations(t: Thresholds): ConfigViolation[] {
  const out: ConfigViolation[] = [];
  for (const key of LEVEL_KEYS) {
    for (const [upper, lower] of [
      ['high', 'medium'],
      ['medium', 'low'],
    ] as const) {
      const u = t[upper][key];
      const l = t[lower][key];
      if (u < l)
        out.push({
          key: `alerting.thresholds.${upper}.${key}`,
          rule: `${upper} must be ≥ ${lower} on ${key} (${upper} ${u} < ${lower} ${l})`,
          other: `alerting.thresholds.${lower}.${key}`,
          relation: 'at_least',
          value: u,
          otherValue: l,
        });
    }
  }
  return out;
}

/** True when this runtime's Intl knows the zone (it throws a RangeError on an unknown one). */
export function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    // a bare offset or abbreviation Intl may accept ("EST") is not a zone with the market's DST rules
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

function below(out: ConfigViolation[], minKey: string, min: number, maxKey: string, max: number, strict = true): void {
  if (strict ? min >= max : min > max)
    out.push({
      key: minKey,
      rule: `must be ${strict ? 'below' : '≤'} ${maxKey} (${min} vs ${max})`,
      other: maxKey,
      relation: strict ? 'below' : 'at_most',
      value: min,
      otherValue: max,
    });
}

/** Every cross-field rule broken by `c`, in a stable order; empty when the config holds together. */
export function configViolations(c: Config): ConfigViolation[] {
  const out = thresholdViolations(c.alerting.thresholds);

  for (const key of ['app.timezone', 'scheduling.timezone'] as const) {
    const zone = key === 'app.timezone' ? c.app.timezone : c.scheduling.timezone;
    if (!isIanaTimeZone(zone))
      out.push({ key, rule: `${JSON.stringify(zone)} is not an IANA time zone (e.g. America/New_York)` });
  }

  const f = c.volume_detector.filters;
  below(out, 'volume_detector.filters.min_price', f.min_price, 'volume_detector.filters.max_price', f.max_price);
  const u = c.universe_loader.filters;
  below(
    out,
    'universe_loader.filters.min_market_cap',
    u.min_market_cap,
    'universe_loader.filters.max_market_cap',
    u.max_market_cap,
  );
  const d = c.alerting.delivery;
  below(
    out,
    'alerting.delivery.backoff_base_ms',
    d.backoff_base_ms,
    'alerting.delivery.backoff_max_ms',
    d.backoff_max_ms,
    false,
  );
  const e = c.performance.error_handling;
  below(
    out,
    'performance.error_handling.base_delay_ms',
    e.base_delay_ms,
    'performance.error_handling.max_delay_ms',
    e.max_delay_ms,
    false,
  );
  return out;
}
