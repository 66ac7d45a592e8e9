import { loadConfig } from '../../src/config/load-config';
import type { Config } from '../../src/config/schema';

/** The real default config with test overrides (no retries delay, small timeouts). */
export function testConfig(patch: (c: Config) => void = () => {}): Config {
  const { config } = loadConfig({ env: {} });
  config.performance.error_handling.base_delay_ms = 1;
  config.performance.error_handling.max_delay_ms = 5;
  // test screeners are markets of a few rows, not thousands
  config.providers.nasdaq_api.min_rows = { nasdaq: 1, nyse: 1, amex: 1 };
  // FTP is not intercepted by msw: IBKR's host is a closed local port unless a test starts an FTP server
  config.providers.ibkr.base_url = 'ftp://127.0.0.1:9';
  patch(config);
  return config;
}

/**
 * The seed's level thresholds (0.8 / 0.6 / 0.4 with 5× / 4× / 3× spikes). Tests of the level logic, the
 * suggestions and the cooldown were written against these round figures; the defaults were recalibrated in
 * issue 12, and pinning these keeps those tests about the logic, not about the calibration.
 */
export function seedThresholds(c: Config): void {
  c.alerting.thresholds = {
    high: { squeeze_score: 0.8, min_volume_spike: 5, min_finra_si_percent: 0.25, min_sentiment: 0.6 },
    medium: { squeeze_score: 0.6, min_volume_spike: 4, min_finra_si_percent: 0.2, min_sentiment: 0.5 },
    low: { squeeze_score: 0.4, min_volume_spike: 3, min_finra_si_percent: 0.15, min_sentiment: 0.4 },
  };
}
