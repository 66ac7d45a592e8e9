import { join } from 'node:path';

// The environment every CLI child of a test or a chaos scenario runs in: no developer's .env (keys, real
// hosts) leaks in, and no provider can reach a real host. Free of vitest, so scripts run outside it too.

export const PROVIDERS = [
  'finra_files',
  'finra_api',
  'polygon',
  'fmp',
  'finnhub',
  'yahoo',
  'nasdaq_trader',
  'nasdaq_api',
  'nyse',
  'cboe',
  'ibkr',
  'sec',
] as const;

/**
 * PATH and HOME only, the db and a missing env file in `dir`, and every provider's base URL on a closed
 * local port (nothing can reach a real host; `closedPort`, else 9); `extra` overrides any of it.
 */
export function isolatedEnv(options: {
  dir: string;
  dbPath: string;
  closedPort?: number;
  extra?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  const host = `127.0.0.1:${options.closedPort ?? 9}`;
  const closed = `http://${host}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SQUEEZEBOT_DB: options.dbPath,
    SQUEEZEBOT_ENV_FILE: join(options.dir, 'no.env'),
  };
  for (const p of PROVIDERS) env[`SQUEEZEBOT_CFG__providers__${p}__base_url`] = closed;
  // IBKR is FTP, not HTTP
  env.SQUEEZEBOT_CFG__providers__ibkr__base_url = `ftp://${host}`;
  env.SQUEEZEBOT_CFG__providers__finra_api__auth_url = `${closed}/token`;
  env.SQUEEZEBOT_CFG__providers__yahoo__cookie_url = closed;
  return { ...env, ...options.extra };
}
