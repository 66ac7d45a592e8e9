import { loadConfig } from '../../src/config/load-config';
import type { Config } from '../../src/config/schema';

/** The real default config with test overrides (no retries delay, small timeouts). */
export function testConfig(patch: (c: Config) => void = () => {}): Config {
  const { config } = loadConfig({ env: {} });
  config.performance.error_handling.base_delay_ms = 1;
  config.performance.error_handling.max_delay_ms = 5;
  patch(config);
  return config;
}
