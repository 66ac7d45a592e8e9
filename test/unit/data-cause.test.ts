import { describe, expect, it } from 'vitest';
import { healthAlerts } from '../../src/monitoring/health-rules';
import {
  closesPendingNote,
  dataCause,
  datasetCause,
  greetingLine,
  type ProviderReach,
} from '../../src/monitoring/data-cause';
import { assessAllFreshness, assessFreshness } from '../../src/signals/freshness';
import { nyTime } from '../support/scheduler-harness';

// The cause behind missing or old data, in the words every surface repeats: which hosts failed, whether
// nothing was ever reached, whether the store is empty, and the offline path.

const now = nyTime('2024-11-26 22:00');
const BASE_URLS = {
  finra_files: 'https://cdn.finra.org',
  nasdaq_api: 'https://api.nasdaq.com',
  nasdaq_trader: 'https://www.nasdaqtrader.com',
  yahoo: 'https://query1.finance.yahoo.com',
};
const at = '2024-11-26T21:00:00.000Z';
const earlier = '2024-11-25T21:00:00.000Z';
const down = (provider: string): ProviderReach => ({
  provider,
  circuitState: 'closed',
  lastStatus: 'error',
  lastError: 'network error: getaddrinfo ENOTFOUND',
  lastSuccessAt: null,
  lastFailureAt: at,
});
const up = (provider: string): ProviderReach => ({
  ...down(provider),
  lastStatus: '200',
  lastError: null,
  lastSuccessAt: at,
  lastFailureAt: null,
});
const recovered = (provider: string): ProviderReach => ({
  ...down(provider),
  lastFailureAt: earlier,
  lastSuccessAt: at,
});
const http503 = (provider: string): ProviderReach => ({
  ...down(provider),
  lastStatus: '503',
  lastError: 'HTTP 503',
  lastSuccessAt: earlier,
});

const empty = assessAllFreshness(() => null, now);
const current = assessAllFreshness(() => '2024-11-26', now);

describe('dataCause', () => {
  it.each([
    {
      name: 'no network, empty store',
      providers: [down('finra_files'), down('nasdaq_api')],
      freshness: empty,
      summary: 'no network: cannot reach cdn.finra.org and api.nasdaq.com — nothing to scan yet',
      offline: 'squeezebot import FOLDER, then squeezebot chat --as-of DATE',
    },
    {
      name: 'no network, data held',
      providers: [down('finra_files')],
      freshness: assessAllFreshness((d) => (d === 'bars' ? '2024-11-20' : null), now),
      summary: 'no network: cannot reach cdn.finra.org — the store is not being refreshed (daily bars end 2024-11-20)',
      offline: 'squeezebot import FOLDER, then squeezebot chat --as-of 2024-11-20',
    },
    {
      name: 'one provider unreachable, the rest answer',
      providers: [up('finra_files'), down('yahoo')],
      freshness: current,
      summary: 'provider down: cannot reach query1.finance.yahoo.com — their data is not being refreshed',
      offline: 'squeezebot import FOLDER, then squeezebot chat --as-of 2024-11-26',
    },
    {
      name: 'a provider answering 503 (reached, not offline)',
      providers: [up('finra_files'), http503('nasdaq_api')],
      freshness: current,
      summary: 'provider down: api.nasdaq.com answers HTTP 503 — their data is not being refreshed',
      offline: null,
    },
    {
      name: 'a fresh install: nothing called, nothing held',
      providers: [],
      freshness: empty,
      summary: 'the store is empty: nothing collected or imported yet — nothing to scan yet',
      offline: 'squeezebot import FOLDER, then squeezebot chat --as-of DATE',
    },
    {
      name: 'all well',
      providers: [up('finra_files'), recovered('yahoo')],
      freshness: current,
      summary: null,
      offline: null,
    },
  ])('$name', ({ providers, freshness, summary, offline }) => {
    const cause = dataCause({ providers, freshness, baseUrls: BASE_URLS });
    expect(cause.summary).toBe(summary);
    expect(cause.offline).toBe(offline);
  });

  it('names the provider itself when no base URL is configured for it', () => {
    expect(dataCause({ providers: [down('polygon')], freshness: empty, baseUrls: {} }).failing[0]!.host).toBe(
      'polygon',
    );
  });

  it('ties a dataset to the hosts that feed it, else to missing data', () => {
    const cause = dataCause({ providers: [up('yahoo'), down('finra_files')], freshness: empty, baseUrls: BASE_URLS });
    expect(datasetCause(cause, 'shortvol')).toBe(
      'provider unreachable: cannot reach cdn.finra.org (finra_files: network error: getaddrinfo ENOTFOUND)',
    );
    expect(datasetCause(cause, 'universe')).toBe('data missing: nothing of it was ever collected or imported');
  });

  it('opens the console with the store state and, offline, the way forward', () => {
    const cause = dataCause({ providers: [down('finra_files')], freshness: empty, baseUrls: BASE_URLS });
    expect(greetingLine(cause)).toBe(
      'Store: empty. No network: cannot reach cdn.finra.org — nothing to scan yet. Offline: squeezebot import FOLDER, then squeezebot chat --as-of DATE.',
    );
  });
});

it('greets a fresh install once with the empty store, not twice', () => {
  const cause = dataCause({ providers: [], freshness: empty, baseUrls: BASE_URLS });
  expect(greetingLine(cause)).toBe(
    'The store is empty: nothing collected or imported yet — nothing to scan yet. Offline: squeezebot import FOLDER, then squeezebot chat --as-of DATE.',
  );
});

describe('stale-data health alert', () => {
  it('names the unreachable host before the collector advice and never suggests a threshold change', () => {
    const cause = dataCause({ providers: [down('finra_files')], freshness: empty, baseUrls: BASE_URLS });
    const [spec] = healthAlerts(
      {
        now,
        freshness: [{ freshness: assessFreshness('shortvol', '2024-11-22', now), job: 'short_volume' }],
        circuits: [],
        jobs: [],
        cause,
      },
      { circuitOpenMinutes: 30, jobFailuresInARow: 3 },
    );
    expect(spec!.body).toMatch(/^Cause: provider unreachable: cannot reach cdn\.finra\.org/);
    expect(spec!.actions[0]).toBe('Offline: squeezebot import FOLDER, then squeezebot chat --as-of DATE');
    expect([spec!.body, ...spec!.actions].join('\n')).not.toMatch(/relax|\/set |check .*threshold/i);
    expect(spec!.dedupeKey).toBe('health:stale:shortvol:2024-11-26');
  });
});

describe('closes pending (before the screener holds a close)', () => {
  it('says so on a trading day before 16:30 ET with no bars held, and not after, nor with bars, nor on a weekend', () => {
    // Thursday 2026-11-19, 11:00 ET
    expect(closesPendingNote(new Date('2026-11-19T16:00:00Z'), null)).toMatch(
      /^No closes held yet: until 16:30 ET the Nasdaq screener holds live prices/,
    );
    expect(closesPendingNote(new Date('2026-11-19T21:45:00Z'), null)).toBeNull();
    expect(closesPendingNote(new Date('2026-11-19T16:00:00Z'), '2026-11-18')).toBeNull();
    expect(closesPendingNote(new Date('2026-11-21T16:00:00Z'), null)).toBeNull();
    // the day after Thanksgiving closes at 13:00: settled at 13:30
    expect(closesPendingNote(new Date('2026-11-27T17:00:00Z'), null)).toMatch(/until 13:30 ET/);
  });
});
