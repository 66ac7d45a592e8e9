import { asOfDate } from '../../src/market/as-of';
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepos } from '../../src/db/repos';
import { collectSupplyMetrics } from '../../src/pipeline/supply-metrics';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { hasSharedData, sharedPath } from '../support/shared-data';
import { supplySource } from '../support/supply-source';

// Cboe's delayed chains answered by msw in their real shape: our own GME chain (test/fixtures/cboe, written
// from FORMATS-keyless.md §6) and, when ../shared is present, the real CLX excerpt as its body.

const own = readFileSync(new URL('../fixtures/cboe/GME.json', import.meta.url), 'utf8');
const realClx = hasSharedData
  ? readFileSync(
      sharedPath('OpenBB-finance-OpenBB/openbb_platform/providers/cboe/tests/data/options_clx.first36.json'),
      'utf8',
    )
  : null;
const requested: string[] = [];
let bodies: Record<string, string | number> = {};

useMsw(
  http.get('https://cdn.cboe.com/api/global/delayed_quotes/options/:file', ({ params }) => {
    const symbol = String(params.file).replace(/\.json$/, '');
    requested.push(symbol);
    const b = bodies[symbol] ?? 403;
    return typeof b === 'number'
      ? new HttpResponse('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>', { status: b })
      : new HttpResponse(b, { headers: { 'content-type': 'application/json' } });
  }),
);

function track(h: ReturnType<typeof ingestHarness>, date: string, ...symbols: string[]) {
  const insert = h.db.$client.prepare(
    "INSERT INTO daily_bars (symbol, date, close, volume, source, published_on) VALUES (?, ?, 10, 1000000, 'yahoo', ?)",
  );
  for (const s of symbols) insert.run(s, date, date);
}

describe('options collector (Cboe delayed quotes, the short list)', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requested.length = 0;
    bodies = {};
  });

  it('asks once per short-list name, stores each chain summary, and takes a name without options as an answer', async () => {
    bodies = { GME: own, ...(realClx ? { CLX: realClx } : {}) };
    // Friday 2026-07-24 after the close
    h = ingestHarness({ now: '2026-07-24T20:50:00Z' });
    track(h, '2026-07-23', 'GME', 'CLX', 'ZZZZ');
    const out = await h.ingest.optionsFor('2026-07-24');
    expect(requested.sort()).toEqual(['CLX', 'GME', 'ZZZZ']);
    expect(out).toMatchObject({ dataset: 'options', status: 'ok', rows: realClx ? 2 : 1 });
    expect(out.note).toMatch(/^3 requests; (1|2) without listed options$/);
    const row = h.db.$client.prepare("SELECT * FROM options_snapshots WHERE symbol = 'GME'").get();
    expect(row).toMatchObject({
      date: '2026-07-24',
      call_volume: 1150,
      put_volume: 350,
      near_money_call_open_interest: 5000,
      iv30: 1.205,
      contracts: 8,
      source: 'cboe-delayed',
      published_on: '2026-07-24',
    });
    if (realClx) expect(h.count("SELECT call_open_interest FROM options_snapshots WHERE symbol = 'CLX'")).toBe(14_393);
  });

  it('keeps going when one chain is malformed or the host fails, and says which', async () => {
    bodies = { GME: own, AMC: '{"data": {"options": [{"option": "AMC"}]}}', BB: 500 };
    h = ingestHarness({ now: '2026-07-24T20:50:00Z' });
    const [out] = await h.ingest.run('options', {
      from: '2026-07-24',
      to: '2026-07-24',
      symbols: ['GME', 'AMC', 'BB'],
    });
    expect(out).toMatchObject({ status: 'ok', rows: 1 });
    expect(out!.failed!.map((f) => f.key)).toEqual(['AMC', 'BB']);
    expect(out!.failed![0]!.error).toMatch(/malformed options chain/);
  });

  it('cannot fetch a past day: Cboe serves the current chain only', async () => {
    h = ingestHarness({ now: '2026-07-24T20:50:00Z' });
    const [out] = await h.ingest.run('options', { from: '2026-07-01', to: '2026-07-01', symbols: ['GME'] });
    expect(out).toMatchObject({ status: 'skipped' });
    expect(out!.note).toMatch(/Cboe serves only the current chain \(2026-07-24\)/);
    expect(requested).toEqual([]);
  });

  it('is read point in time, with near-money call open interest against the 20-day volume', async () => {
    bodies = { GME: own };
    h = ingestHarness({ now: '2026-07-24T20:50:00Z' });
    await h.ingest.run('options', { from: '2026-07-24', to: '2026-07-24', symbols: ['GME'] });
    const before = collectSupplyMetrics('GME', supplySource(h.db, '2026-07-23'), { floatShares: null, adv20: 1e6 });
    expect(before.supply.options).toBeNull();
    const on = collectSupplyMetrics('GME', supplySource(h.db, '2026-07-24'), { floatShares: null, adv20: 1e6 });
    expect(on.supply.options).toMatchObject({
      date: '2026-07-24',
      callPutRatio: 1150 / 350,
      optionsVolume: 1500,
      // 5,000 contracts × 100 shares / 1,000,000 shares a day
      nearMoneyCallOiToAdv: 0.5,
      iv30: 1.205,
    });
    const later = collectSupplyMetrics('GME', supplySource(h.db, '2026-07-30'), { floatShares: null, adv20: 1e6 });
    expect(later.flags.map((f) => f.code)).toContain('options_stale');
  });
});

describe('options freshness', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => h?.cleanup());

  it('counts a run over names without listed options as current, so the health check does not cry stale', async () => {
    h = ingestHarness({ now: '2026-07-24T20:50:00Z' });
    const out = await h.ingest.run('options', { from: '2026-07-24', to: '2026-07-24', symbols: ['ZZZZ'] });
    expect(out[0]).toMatchObject({ status: 'empty', rows: 0 });
    expect(createRepos(h.db).datasetStatus.newestDate('options', asOfDate('2026-07-24'))).toBe('2026-07-24');
  });
});
