import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, projectConfigDir } from '../../src/config/load-config';
import { ConfigError } from '../../src/shared/errors';

function dirWithLocal(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  copyFileSync(join(projectConfigDir, 'default.yaml'), join(dir, 'default.yaml'));
  writeFileSync(join(dir, 'local.yaml'), yaml);
  return dir;
}

describe('config layers', () => {
  it('loads the defaults of the pipeline design', () => {
    const { config, sources } = loadConfig({ env: {} });
    expect(config.universe_loader.filters.min_market_cap).toBe(100_000_000);
    expect(config.universe_loader.filters.max_market_cap).toBe(10_000_000_000);
    expect(config.universe_loader.filters.exchanges).toEqual(['NYSE', 'NASDAQ']);
    expect(config.adhoc).toEqual({ default_ttl_days: 7, max_active_candidates: 20, auto_promote_threshold: 0.7 });
    expect(config.performance.api_rate_limits.fmp_calls_per_minute).toBe(250);
    expect(config.performance.api_rate_limits.finnhub_calls_per_minute).toBe(50);
    expect(config.performance.error_handling.max_retries).toBe(3);
    expect(config.deep_scan.hybrid_scoring.weights.finra_short_interest).toBe(0.3);
    expect(sources.get('alerting.thresholds.high.squeeze_score')).toEqual({ source: 'default' });
  });

  it('lets a local file, then the environment, then chat settings override, remembering each source', () => {
    const dir = dirWithLocal(
      'alerting:\n  thresholds:\n    high: { squeeze_score: 0.85 }\nadhoc: { max_active_candidates: 30 }\n',
    );
    const { config, sources } = loadConfig({
      configDir: dir,
      env: { SQUEEZEBOT_CFG__ADHOC__MAX_ACTIVE_CANDIDATES: '40', SQUEEZEBOT_CFG__deep_scan__batch_size: '5' },
      runtime: [
        { key: 'alerting.thresholds.low.squeeze_score', value: 0.35, by: 'admin 42', at: '2026-11-20T10:00:00Z' },
      ],
    });
    expect(config.alerting.thresholds.high.squeeze_score).toBe(0.85);
    expect(config.alerting.thresholds.high.min_volume_spike).toBe(3); // untouched siblings survive a partial override
    expect(sources.get('alerting.thresholds.high.squeeze_score')?.source).toBe('file');
    expect(config.adhoc.max_active_candidates).toBe(40);
    expect(sources.get('adhoc.max_active_candidates')?.source).toBe('env');
    expect(config.deep_scan.batch_size).toBe(5);
    expect(config.alerting.thresholds.low.squeeze_score).toBe(0.35);
    expect(sources.get('alerting.thresholds.low.squeeze_score')).toEqual({
      source: 'chat',
      detail: 'by admin 42 at 2026-11-20T10:00:00Z',
    });
  });

  it('names every bad key and its path in one error', () => {
    const dir = dirWithLocal(
      'alerting:\n  thresholds:\n    high: { squeeze_score: 1.5 }\nadhoc: { default_ttl_dayz: 3 }\nuniverse_loader:\n  filters: { exchanges: [LSE] }\n',
    );
    let error: ConfigError | undefined;
    try {
      loadConfig({ configDir: dir, env: {} });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.issues.join('\n');
    expect(text).toMatch(/alerting\.thresholds\.high\.squeeze_score: .*less than or equal to 1/);
    expect(text).toMatch(/adhoc: unknown key\(s\) adhoc\.default_ttl_dayz/);
    expect(text).toMatch(/universe_loader\.filters\.exchanges\.0: /);
    expect(error!.issues).toHaveLength(3);
  });

  it('refuses held_at_prior naming an input that is not weighted', () => {
    const dir = dirWithLocal('deep_scan:\n  hybrid_scoring:\n    held_at_prior: [moon_phase]\n');
    expect(() => loadConfig({ configDir: dir, env: {} })).toThrow(
      /deep_scan\.hybrid_scoring\.held_at_prior: held_at_prior names an input that is not in weights/,
    );
  });

  it('takes secrets only from the environment, blank ones as absent', () => {
    const { secrets } = loadConfig({ env: { POLYGON_API_KEY: 'pk', FMP_API_KEY: '  ' } });
    expect(secrets.POLYGON_API_KEY).toBe('pk');
    expect(secrets.FMP_API_KEY).toBeUndefined();
  });
});

describe('.env file', () => {
  it('fills secrets the environment lacks, never overriding what is already set', async () => {
    const { loadDotEnv } = await import('../../src/config/dotenv');
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    writeFileSync(
      join(dir, '.env'),
      '# keys\nPOLYGON_API_KEY=from-file\nFMP_API_KEY="quoted key"\nFINNHUB_API_KEY=file\n',
    );
    const env: NodeJS.ProcessEnv = { FINNHUB_API_KEY: 'from-shell' };
    expect(loadDotEnv(join(dir, '.env'), env).sort()).toEqual(['FMP_API_KEY', 'POLYGON_API_KEY']);
    expect(env).toEqual({ FINNHUB_API_KEY: 'from-shell', POLYGON_API_KEY: 'from-file', FMP_API_KEY: 'quoted key' });
    expect(loadDotEnv(join(dir, 'missing.env'), env)).toEqual([]);
  });
});
