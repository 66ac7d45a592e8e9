import { createServer } from 'node:net';
import { join } from 'node:path';
import { isolatedEnv } from './cli';
import type { Hit } from './keyless-server';

// What the keyless end-to-end tests share: the environment of a CLI child pointed at the local keyless
// server (or at closed ports), and readers for what the console prints.

/**
 * The politeness limits (6 screener calls a minute, 600 FINRA files) and the retry back-off are for
 * real hosts; against a local server they only make the test slow. The data dir (chart files) is the
 * test's own.
 */
export const fastEnv = (dir: string): NodeJS.ProcessEnv => ({
  SQUEEZEBOT_CFG__app__data_dir: dir,
  SQUEEZEBOT_CFG__performance__api_rate_limits__nasdaq_api_calls_per_minute: '6000',
  SQUEEZEBOT_CFG__performance__api_rate_limits__nasdaq_trader_calls_per_minute: '6000',
  SQUEEZEBOT_CFG__performance__api_rate_limits__finra_files_calls_per_minute: '60000',
  SQUEEZEBOT_CFG__performance__api_rate_limits__yahoo_calls_per_minute: '6000',
  SQUEEZEBOT_CFG__performance__error_handling__base_delay_ms: '10',
  SQUEEZEBOT_CFG__performance__error_handling__max_delay_ms: '50',
});

/** The CLI's environment in `dir` on `db`, with the keyless server's (or closed ports') base URLs. */
export const keylessEnv = (dir: string, db: string, providers: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  isolatedEnv({ dir, dbPath: join(dir, db), extra: { ...fastEnv(dir), ...providers } });

/** A local port nothing listens on: bound, read, released (connection refused, not fetch's "bad port" list). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** Every keyless provider on a closed port of its own, so the reply has to name each host. */
export async function providersDown(): Promise<{ env: NodeJS.ProcessEnv; hosts: string[] }> {
  const env: NodeJS.ProcessEnv = {};
  const hosts: string[] = [];
  for (const p of ['finra_files', 'nasdaq_trader', 'nasdaq_api', 'yahoo']) {
    const host = `127.0.0.1:${await closedPort()}`;
    env[`SQUEEZEBOT_CFG__providers__${p}__base_url`] = `http://${host}`;
    if (p !== 'yahoo') hosts.push(host);
  }
  env.SQUEEZEBOT_CFG__providers__yahoo__cookie_url = env.SQUEEZEBOT_CFG__providers__yahoo__base_url;
  return { env, hosts };
}

/** The tickers of the last `/top` table printed (the console prints the table as plain text). */
export function topTickers(stdout: string): string[] {
  const last = stdout
    .split(/^Top \d+ · as of /m)
    .slice(1)
    .at(-1);
  if (last === undefined) return [];
  const table = last.split('Tap a ticker for its card.')[0]!;
  return [...table.matchAll(/^\d+\. ([A-Z][A-Z0-9./-]*) {2}\d/gm)].map((m) => m[1]!);
}

/** The request budget of the backfill's first line: `backfill: … — 65 requests`. */
export function printedBudget(stdout: string): number | null {
  const m = /^backfill: .* — (\d+) requests?$/m.exec(stdout);
  return m ? Number(m[1]) : null;
}

/** Requests per host. */
export function countByHost(hits: readonly Hit[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const h of hits) out[h.host] = (out[h.host] ?? 0) + 1;
  return out;
}

/** `/why SYM`'s answer: from its first line to the next line that starts another reply. */
export function whyReply(stdout: string, symbol: string): string {
  const m = new RegExp(`^${symbol} · as of .*(?:\\n(?!\\S+ · as of |Top \\d|📣|\\[\\d).*)*`, 'm').exec(stdout);
  // the reply's lines are wrapped for a phone: joined, a sentence reads as one line again
  return m ? m[0].replace(/\n(?=[^\S\n]|[a-z(])/g, ' ') : '';
}
