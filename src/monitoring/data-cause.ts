import type { Dataset } from '../domain/market-data';
import { READY_AFTER, type Freshness } from '../signals/freshness';
import { earlyClose, isAfterTime, isTradingDay, marketDateAt } from '../market/trading-calendar';

// Why the data is missing or old, in plain words, from provider health and dataset freshness. One place,
// so /top, /ticker, /status, doctor, the console greeting and the system alerts all tell the same story:
// "no network: cannot reach cdn.finra.org — nothing to scan yet" rather than each guessing (a misspelt
// ticker, a threshold set too high) when the real cause is that nothing could be fetched. Pure.

/** What this needs of a provider_health row. */
export interface ProviderReach {
  provider: string;
  circuitState: string;
  /** 'error' when the last call got no HTTP answer (network, timeout), else the HTTP status */
  lastStatus: string | null;
  lastError: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
}

export interface FailingHost {
  provider: string;
  host: string;
  /** true when no HTTP answer came back (DNS, refused, timeout): the host is unreachable, not just failing */
  unreachable: boolean;
  error: string | null;
}

export interface DataCause {
  /** providers whose newest call failed (or whose circuit is open), in provider order */
  failing: FailingHost[];
  /** calls were made and none ever got an HTTP answer: this machine has no network (or no way out) */
  noNetwork: boolean;
  /** no monitored dataset holds a single day */
  storeEmpty: boolean;
  missing: Dataset[];
  stale: Dataset[];
  /** the newest daily-bar day held, for the offline path's --as-of */
  newestBars: string | null;
  /** the cause in one sentence, null when providers answer and the store is current */
  summary: string | null;
  /** how to work without the network, when the network (or an empty store) is the problem */
  offline: string | null;
}

/** Which providers feed each dataset (config names), so a stale dataset names the host behind it. */
export const DATASET_PROVIDERS: Readonly<Record<Dataset, readonly string[]>> = {
  universe: ['nasdaq_trader', 'fmp', 'nasdaq_api'],
  bars: ['polygon', 'nasdaq_api', 'yahoo'],
  shortvol: ['finra_files'],
  shortinterest: ['finra_files', 'finra_api'],
  otc: ['finra_api'],
  trades: ['polygon'],
  threshold: ['nasdaq_trader', 'nyse', 'cboe'],
  options: ['cboe'],
  borrow: ['ibkr'],
  fails: ['sec'],
};

/**
 * Trades, threshold lists, options, borrow snapshots and fails-to-deliver are extras beside the market's
 * bars and short data: an empty table of them says nothing about whether the store can be scanned.
 */
const EXTRAS: ReadonlySet<Dataset> = new Set(['trades', 'threshold', 'options', 'borrow', 'fails']);
const MONITORED = (f: Freshness) => !EXTRAS.has(f.dataset);

export function hostOf(baseUrl: string | undefined, fallback: string): string {
  if (!baseUrl) return fallback;
  try {
    return new URL(baseUrl).host || fallback;
  } catch {
    return fallback;
  }
}

export function offlinePath(newestBars: string | null): string {
  return `squeezebot import FOLDER, then squeezebot chat --as-of ${newestBars ?? 'DATE'}`;
}

function lastFailed(p: ProviderReach): boolean {
  if (p.circuitState === 'open') return true;
  return Boolean(p.lastFailureAt && (!p.lastSuccessAt || p.lastFailureAt > p.lastSuccessAt));
}

function listHosts(hosts: readonly string[]): string {
  const unique = [...new Set(hosts)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)!}`;
}

export function dataCause(input: {
  providers: readonly ProviderReach[];
  freshness: readonly Freshness[];
  /** provider config name → its configured base URL */
  baseUrls: Readonly<Record<string, string | undefined>>;
}): DataCause {
  const monitored = input.freshness.filter(MONITORED);
  const missing = monitored.filter((f) => f.newest === null).map((f) => f.dataset);
  const stale = monitored.filter((f) => f.stale && f.newest !== null).map((f) => f.dataset);
  const storeEmpty = monitored.length > 0 && missing.length === monitored.length;
  const newestBars = input.freshness.find((f) => f.dataset === 'bars')?.newest ?? null;
  const failing: FailingHost[] = input.providers.filter(lastFailed).map((p) => ({
    provider: p.provider,
    host: hostOf(input.baseUrls[p.provider], p.provider),
    unreachable: p.lastStatus === 'error' || p.lastStatus === null,
    error: p.lastError,
  }));
  const noNetwork =
    failing.length > 0 && input.providers.every((p) => !p.lastSuccessAt) && failing.every((f) => f.unreachable);

  const consequence = storeEmpty
    ? 'nothing to scan yet'
    : noNetwork
      ? `the store is not being refreshed${newestBars ? ` (daily bars end ${newestBars})` : ''}`
      : 'their data is not being refreshed';
  const down = failing.filter((f) => f.unreachable).map((f) => f.host);
  const erring = failing.filter((f) => !f.unreachable).map((f) => `${f.host} answers ${f.error ?? 'with an error'}`);
  const parts = [...(down.length ? [`cannot reach ${listHosts(down)}`] : []), ...erring];
  let summary: string | null = null;
  if (noNetwork) summary = `no network: ${parts.join('; ')} — ${consequence}`;
  else if (failing.length)
    summary = `provider${failing.length > 1 ? 's' : ''} down: ${parts.join('; ')} — ${consequence}`;
  else if (storeEmpty) summary = 'the store is empty: nothing collected or imported yet — nothing to scan yet';
  const offline = noNetwork || storeEmpty || down.length ? offlinePath(newestBars) : null;
  return { failing, noNetwork, storeEmpty, missing, stale, newestBars, summary, offline };
}

/** The cause behind one dataset's gap: its hosts that failed, else that nothing is held. Null when neither. */
export function datasetCause(cause: DataCause, dataset: Dataset): string | null {
  const feeds = DATASET_PROVIDERS[dataset];
  const hosts = cause.failing.filter((f) => feeds.includes(f.provider));
  if (hosts.length) {
    return hosts
      .map((h) =>
        h.unreachable
          ? `provider unreachable: cannot reach ${h.host} (${h.provider}${h.error ? `: ${h.error}` : ''})`
          : `provider failing: ${h.host} (${h.provider}) answers ${h.error ?? 'with an error'}`,
      )
      .join('; ');
  }
  if (cause.noNetwork) return `no network: cannot reach ${listHosts(cause.failing.map((f) => f.host))}`;
  if (cause.missing.includes(dataset)) return 'data missing: nothing of it was ever collected or imported';
  return null;
}

/** One line for the console chat's start: the store's state and, when offline or empty, the way forward. */
export function greetingLine(cause: DataCause): string {
  const state = cause.storeEmpty
    ? 'Store: empty.'
    : `Store: daily bars to ${cause.newestBars ?? 'none'}${cause.stale.length ? `, behind: ${cause.stale.join(', ')}` : ''}${cause.missing.length ? `, none held: ${cause.missing.join(', ')}` : ''}.`;
  const why = cause.summary ? ` ${capitalise(cause.summary)}.` : '';
  const path = cause.offline ? ` Offline: ${cause.offline}.` : ' /top shows the latest ranking.';
  // an empty store with no provider at fault: the summary already says so, once is enough
  if (cause.storeEmpty && !cause.failing.length) return `${why}${path}`.trim();
  return `${state}${why}${path}`;
}

/** "No network: cannot reach … Offline: squeezebot import …" for a reply that found nothing; '' when all is well. */
export function causeSentence(cause: DataCause): string {
  if (!cause.summary) return '';
  return `${capitalise(cause.summary)}.${cause.offline ? ` Offline: ${cause.offline}.` : ''}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Before today's close is settled (16:30 ET, 13:30 on an early close): the screener holds live
 * prices, which are never stored as a close, so a store without any bars (keyless, the first day) has nothing to price a
 * scan with until the evening. Said in words where a scan ranked nothing for that reason; null otherwise.
 */
export function closesPendingNote(now: Date, newestBars: string | null): string | null {
  if (newestBars) return null;
  const today = marketDateAt(now);
  if (!isTradingDay(today)) return null;
  const settled = earlyClose(today) ? READY_AFTER.barsEarlyClose : READY_AFTER.bars;
  if (isAfterTime(now, settled)) return null;
  return `No closes held yet: until ${settled} ET the Nasdaq screener holds live prices, which are not stored as a close. Today's closes come with the daily update after ${settled} ET and the scan after it ranks the whole market (/scan then does it by hand).`;
}
