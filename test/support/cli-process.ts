import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// The CLI as users start it: `node bin/squeezebot.mjs <verb>` in a child process, with an environment
// of its own, so no developer's .env (keys, real hosts) leaks into a test run. Free of vitest, so the
// chaos scripts (test/chaos, run with tsx) start the CLI the same way.

export const BIN = resolve(import.meta.dirname, '../../bin/squeezebot.mjs');
const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

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

/** Runs the CLI to its end; a non-zero exit is a result, not a throw. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
