import { keyWords } from '../../shared/key-words';
import { conditionLabel, LEVEL_LABEL } from './level-conditions';

// A setting's dotted key (what /set takes and the store keeps) in words, for /thresholds, /set, /reset
// and every refusal: made from the key's structure (level × condition, section + leaf), with a
// fallback that turns any key into words, so a key added later still reads as words.

/** Section headings, longest prefix first wins. */
const SECTION_LABEL: Readonly<Record<string, string>> = {
  'alerting.thresholds': 'Alert levels',
  'alerting.cooldown': 'Alert cooldown',
  'alerting.delivery': 'Alert delivery',
  'alerting.quiet_hours': 'Quiet hours',
  alerting: 'Alerts',
  'volume_detector.analysis': 'Volume detector',
  'volume_detector.filters': 'Price filter',
  volume_detector: 'Volume detector',
  'universe_loader.filters': 'Universe',
  universe_loader: 'Universe',
  'deep_scan.metrics': 'Deep scan',
  'deep_scan.hybrid_scoring.weights': 'Score weights',
  'deep_scan.hybrid_scoring': 'Score',
  deep_scan: 'Deep scan',
  adhoc: 'Ad-hoc list',
  short_interest: 'Short interest',
  chat: 'Chat',
  learning: 'Learning',
  'learning.outcome': 'Outcomes',
  app: 'App',
  scheduling: 'Schedule',
  performance: 'Performance',
  reports: 'Reports',
  portfolio: 'Portfolio',
};

/** Leaves whose words read better than the key's own tokens. */
const LEAF_LABEL: Readonly<Record<string, string>> = {
  'alerting.cooldown.high_alert_days': 'days between high alerts',
  'alerting.cooldown.medium_alert_days': 'days between medium alerts',
  'alerting.cooldown.low_alert_days': 'days between low alerts',
  'alerting.cooldown.dip_alert_days': 'days between dip alerts',
  'alerting.cooldown.borrow_alert_days': 'days between borrow alerts',
  'volume_detector.analysis.volume_lookback_days': 'days in the volume average',
  'volume_detector.analysis.min_volume_spike_ratio': 'minimum volume spike (× average)',
  'volume_detector.analysis.min_rsi_threshold': 'RSI that passes without a spike',
  'volume_detector.analysis.momentum_period': 'days of momentum',
  'volume_detector.analysis.off_exchange_share': 'off-exchange share of volume',
  'volume_detector.filters.max_candidates': 'most candidates kept',
  'volume_detector.filters.min_price': 'minimum price ($)',
  'volume_detector.filters.max_price': 'maximum price ($)',
  'volume_detector.filters.follow_days': 'days a candidate is followed',
  'deep_scan.ranking_size': 'names in the ranking',
  'deep_scan.metrics.finra_max_age_days': 'oldest short-interest report used (days)',
  'deep_scan.metrics.options_min_volume': 'fewest option contracts read',
  'deep_scan.metrics.sentiment_lookback_hours': 'hours of sentiment',
  'adhoc.default_ttl_days': 'days a ticker stays on the list',
  'adhoc.max_active_candidates': 'most tickers on the list',
  'adhoc.auto_promote_threshold': 'score that adds a ticker by itself',
  'short_interest.quality_threshold': 'lowest report quality used',
  'short_interest.max_age_days': 'oldest report used (days)',
  'short_interest.yahoo_enabled': 'cross-check with Yahoo',
  'chat.rate_limit_per_minute': 'commands a minute per user',
  'universe_loader.filters.min_market_cap': 'minimum market cap ($)',
  'universe_loader.filters.max_market_cap': 'maximum market cap ($)',
  'universe_loader.filters.min_avg_volume': 'minimum average volume (shares)',
  'learning.missed_min_return': 'rise that counts as missed',
};

const LEVEL_KEY = /^alerting\.thresholds\.(high|medium|low)\.([a-z_]+)$/;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The level condition's own words as a setting: `squeeze_score` → `minimum score`. */
function conditionSetting(condition: string): string {
  return `minimum ${conditionLabel(condition)}`;
}

/** The heading a key's section reads as, and the rest of the key under it. */
function sectionOf(key: string): { heading: string; rest: string } | null {
  const parts = key.split('.');
  for (let n = parts.length - 1; n >= 1; n--) {
    const prefix = parts.slice(0, n).join('.');
    const heading = SECTION_LABEL[prefix];
    if (heading) return { heading, rest: parts.slice(n).join('.') };
  }
  return null;
}

/**
 * `alerting.thresholds.high.squeeze_score` → `High level: minimum score`;
 * `volume_detector.filters.max_price` → `Price filter: maximum price ($)`; an unknown key → its words.
 */
export function settingLabel(key: string): string {
  const level = LEVEL_KEY.exec(key);
  if (level) return `${LEVEL_LABEL[level[1]!]} level: ${conditionSetting(level[2]!)}`;
  const leaf = LEAF_LABEL[key];
  const section = sectionOf(key);
  if (section) return `${section.heading}: ${leaf ?? keyWords(section.rest)}`;
  const [head, ...rest] = key.split('.');
  return rest.length ? `${capital(keyWords(head!))}: ${keyWords(rest.join('.'))}` : capital(leaf ?? keyWords(key));
}

/** Only the part under a section heading (the /thresholds lines sit under their heading). */
export function settingLeafLabel(key: string): string {
  const level = LEVEL_KEY.exec(key);
  if (level) return `${LEVEL_LABEL[level[1]!]}: ${conditionSetting(level[2]!)}`;
  const section = sectionOf(key);
  return LEAF_LABEL[key] ?? keyWords(section ? section.rest : key);
}

/** A section's heading: `alerting.cooldown` → `Alert cooldown`. */
export function sectionLabel(section: string): string {
  return SECTION_LABEL[section] ?? sectionOf(section)?.heading ?? capital(keyWords(section));
}

/** `High level: minimum score` → `the high level's` when `key` and `other` are one condition of two levels. */
export function levelOwner(other: string): string | null {
  const m = LEVEL_KEY.exec(other);
  return m ? `the ${m[1]} level's` : null;
}

/** The level condition keys /thresholds and the tests walk: level × condition. */
export function levelSettingKeys(levels: readonly string[], conditions: readonly string[]): string[] {
  return levels.flatMap((l) => conditions.map((c) => `alerting.thresholds.${l}.${c}`));
}

export const LABELLED_LEAVES: readonly string[] = Object.keys(LEAF_LABEL);
