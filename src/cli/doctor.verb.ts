import { asOfNow } from '../market/as-of';
import { freshnessAsOf } from '../monitoring/freshness-as-of';
import { loadConfig } from '../config/load-config';
import { PROVIDER_INFO, type ProviderKey } from '../providers';
import { ConfigError, ProviderError, errorMessage } from '../shared/errors';
import type { Freshness } from '../signals/freshness';
import { dataCause, type ProviderReach } from '../monitoring/data-cause';
import type { VerbContext } from './verb';
import { appForCli } from './app-for-cli';
import { checkSmtp } from './doctor-smtp';
import type { Config, Secrets } from '../config/schema';
import { storeHealth } from '../db/store-health';

// `squeezebot doctor`: one line per check, each failure saying what to fix.

const OK = 'ok  ';
const BAD = 'FAIL';
const OFF = 'off ';
const WARN = 'warn';

const CONFIG_NAME: Record<ProviderKey, keyof Config['providers']> = {
  finraFiles: 'finra_files',
  finraApi: 'finra_api',
  nasdaqTrader: 'nasdaq_trader',
  nasdaqApi: 'nasdaq_api',
  yahoo: 'yahoo',
  // the threshold lists' own host (Nasdaq Trader's and Cboe's are checked as those providers)
  threshold: 'nyse',
  cboe: 'cboe',
  ibkr: 'ibkr',
  sec: 'sec',
  polygon: 'polygon',
  fmp: 'fmp',
  finnhub: 'finnhub',
};

export function explainProviderError(
  err: unknown,
  name: keyof Config['providers'],
  secret: keyof Secrets | undefined,
  baseUrl: string,
): string {
  if (!(err instanceof ProviderError)) return `unexpected error: ${errorMessage(err)}`;
  switch (err.kind) {
    case 'network':
    case 'timeout':
      return `unreachable: ${err.message.replace(/^[^:]+: /, '').replace(/ \(https?:[^)]*\)$/, '')} — check the network/proxy, or providers.${name}.base_url (${baseUrl})`;
    case 'circuit_open':
      return `circuit open after repeated failures — the provider is down or unreachable; it is retried automatically`;
    case 'unauthorized':
      return secret
        ? `key rejected (HTTP ${err.status}) — check ${secret}`
        : `access refused (HTTP ${err.status}) — the provider may block this network or need a key`;
    case 'rate_limited':
      return `rate limited (HTTP 429) — wait, or lower performance.api_rate_limits.${name}_calls_per_minute`;
    case 'not_found':
      return `answered 404 — providers.${name}.base_url (${baseUrl}) may point at the wrong service`;
    case 'malformed':
      return `unexpected answer (${err.message.replace(/^[^:]+: /, '')}) — providers.${name}.base_url may point at the wrong service`;
    default:
      return `failing: ${err.message.replace(/^[^:]+: /, '')} — try again later`;
  }
}

const NEVER = { circuitState: 'closed', lastError: null, lastSuccessAt: null, lastFailureAt: null } as const;

export async function doctorVerb(ctx: VerbContext): Promise<number> {
  let failures = 0;
  const line = (mark: string, what: string, text: string) => ctx.out(`${mark} ${what.padEnd(16)} ${text}`);

  try {
    const { sources } = loadConfig();
    const layers = new Set([...sources.values()].map((s) => (s.detail ? `${s.source} ${s.detail}` : s.source)));
    line(OK, 'config', `valid (${[...layers].join(', ')})`);
  } catch (err) {
    if (err instanceof ConfigError) {
      line(BAD, 'config', `${err.issues.length} problem(s) — fix them in config/local.yaml or the environment:`);
      for (const issue of err.issues) ctx.out(`       ${issue}`);
      return 1;
    }
    throw err;
  }

  // Doctor asks each provider once: no retries, a short timeout, so a dead host answers fast.
  const app = appForCli(ctx, {
    tweak: ({ config }) => {
      config.performance.error_handling.max_retries = 0;
      for (const p of Object.values(config.providers)) p.timeout_ms = Math.min(p.timeout_ms, 8000);
    },
  });
  try {
    const store = storeHealth(app.db, app.dbPath, { integrity: true });
    if (!store.ok) failures++;
    line(store.ok ? OK : BAD, 'database', `${store.kind} ${store.where} (${store.detail})`);

    const status = app.repos.datasetStatus;
    const now = app.clock.now();
    const freshness: Freshness[] = freshnessAsOf(status, asOfNow(now), now);
    for (const f of freshness) line(f.stale ? WARN : OK, `  ${f.dataset}`, f.message);
    // this run's pings, not older provider_health rows, decide what the summary line blames
    const reach: ProviderReach[] = [];
    const at = app.clock.now().toISOString();

    const { secrets } = app.loaded;
    for (const key of Object.keys(PROVIDER_INFO) as ProviderKey[]) {
      const info = PROVIDER_INFO[key];
      const client = app.providers[key];
      const name = CONFIG_NAME[key];
      if (!client) {
        line(OFF, name, `not configured — set ${info.secret} to add ${info.gives}`);
        continue;
      }
      const t0 = performance.now();
      try {
        await client.ping();
        const auth =
          key === 'finraApi' && !secrets.FINRA_CLIENT_ID ? ' (no FINRA_CLIENT_ID: public datasets only)' : '';
        line(OK, name, `reachable in ${Math.round(performance.now() - t0)} ms${auth}`);
        reach.push({ ...NEVER, provider: name, lastStatus: '200', lastSuccessAt: at });
      } catch (err) {
        failures++;
        const noAnswer = err instanceof ProviderError && ['network', 'timeout', 'circuit_open'].includes(err.kind);
        const lastStatus = noAnswer ? 'error' : String((err as Partial<ProviderError>).status ?? 'failed');
        reach.push({ ...NEVER, provider: name, lastStatus, lastError: errorMessage(err), lastFailureAt: at });
        line(BAD, name, explainProviderError(err, name, info.secret, app.loaded.config.providers[name].base_url));
      }
    }
    const baseUrls = Object.fromEntries(Object.entries(app.loaded.config.providers).map(([k, v]) => [k, v.base_url]));
    const cause = dataCause({ providers: reach, freshness, baseUrls });
    if (cause.summary) line(cause.failing.length ? BAD : WARN, 'data', cause.summary);
    if (cause.offline) line(WARN, 'offline', cause.offline);
    failures += await checkSmtp(secrets, line);
  } finally {
    app.close();
  }
  ctx.out(failures ? `${failures} check(s) failed.` : 'All checks passed.');
  return failures ? 1 : 0;
}
