import { loadConfig } from '../../src/config/load-config';
import type { Config } from '../../src/config/schema';

/** The real default config with test overrides (no retries delay, small timeouts). */
export function testConfig(patch: (c: Config) => void = () => {}): Config {
  const { config } = loadConfig({ env: {} });
  config.performance.error_handling.base_delay_ms = 1;
  config.performance.error_handling.max_delay_ms = 5;
  // test screeners are markets of a few rows, not thousands
  config.providers.nasdaq_api.min_rows = { nasdaq: 1, nyse: 1, amex: 1 };
  patch(config);
  return config;
}
