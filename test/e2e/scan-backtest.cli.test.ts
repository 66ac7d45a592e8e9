import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOnStore } from '../support/cli';
import { flat, runUp, spikeLast, writeMarket } from '../support/market-fixture';

// `squeezebot scan` and `squeezebot backtest` as users run them, on a constructed market in a real
// store. No provider is configured with a key and every base URL is a closed local port.

const { store, cli } = cliOnStore('squeezebot-scan-', 'scan.db', (db) => {
  const hot = (i: number, n: number) => (i >= n - 6 ? 2e6 * (6 + (i % 3)) : 2e6 * (i % 2 ? 0.9 : 1.1));
  writeMarket(db, '2024-06-14', 80, {
    HOT: { close: runUp(10, 6, 0.08, 0.08), volume: hot }, // a volatile climb, as squeezes are
    WARM: { close: flat(15), volume: spikeLast(2e6, 4) },
    COLD: { close: flat(20), volume: spikeLast(2e6, 1) },
    PRICEY: { close: flat(900), volume: spikeLast(2e6, 8) },
  });
});

describe('squeezebot scan and backtest', () => {
  it('scan prints the funnel with elimination reasons and the top list', async () => {
    const r = await cli(['scan', '--as-of', '2024-06-14']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/as of 2024-06-14: completed/);
    expect(r.stdout).toMatch(/price filter\s+4 → 3/);
    expect(r.stdout).toMatch(/cut: price above max 1/);
    expect(r.stdout).toMatch(/cut: no volume spike 1/);
    expect(r.stdout).toMatch(/^\s+1\s+HOT\s/m);
    expect(r.stdout).toMatch(/^\s+2\s+WARM\s/m);
  });

  it('scan --json gives the stage records in the monitoring shape', async () => {
    const r = await cli(['scan', '--as-of', '2024-06-14', '--json']);
    const json = JSON.parse(r.stdout) as {
      id: string;
      stages: { stage_name: string; criteria: Record<string, unknown> }[];
      ranking: { rank: number; symbol: string }[];
    };
    // a second run in the same second gets a suffix (issue 14): the scans are fast enough now
    expect(json.id).toMatch(/^discovery_\d{8}_\d{6}(_\d+)?$/);
    expect(json.stages.map((s) => s.stage_name)).toEqual([
      'universe_loading',
      'price_filtering',
      'volume_filtering',
      'squeeze_detection',
      'final_ranking',
    ]);
    expect(json.stages[1]!.criteria).toMatchObject({
      price_min: 1,
      price_max: 500,
      eliminated_count: 1,
      elimination_reasons: { price_too_high: 1 },
    });
    expect(json.ranking[0]).toMatchObject({ rank: 1, symbol: 'HOT' });
  });

  it('scan rejects a malformed --as-of with the usage line', async () => {
    const r = await cli(['scan', '--as-of', '14/06/2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as-of takes a date as YYYY-MM-DD/);
    expect(r.stderr).toMatch(/usage: squeezebot scan/);
  });

  it('backtest writes the JSON contract and scores events', async () => {
    const out = join(store.dir, 'bt.json');
    const events = join(store.dir, 'events.json');
    writeFileSync(events, JSON.stringify([{ symbol: 'HOT', start: '2024-06-07', peak: '2024-06-14' }]));
    const r = await cli(['backtest', '--from', '2024-06-03', '--to', '2024-06-14', '--json', out, '--events', events]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/backtest 2024-06-03\.\.2024-06-14: 10 trading days/);
    expect(r.stdout).toMatch(/recall 100% \(1 of 1/);
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      from: string;
      to: string;
      alerts: { symbol: string }[];
      rankings: unknown[];
    };
    expect(Object.keys(json)).toEqual(['from', 'to', 'alerts', 'rankings']);
    expect(json.alerts.find((a) => a.symbol === 'HOT')).toBeDefined();
  });

  it('backtest prints the per-level table and, with --ablate, a row per input saying which had no data', async () => {
    const splits = join(store.dir, 'splits.csv');
    writeFileSync(splits, 'symbol,date,factor\nCOLD,2024-06-10,2\n');
    const r = await cli([
      'backtest',
      '--from',
      '2024-06-03',
      '--to',
      '2024-06-14',
      '--no-record',
      '--ablate',
      '--splits',
      splits,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^10 trading days · base rate \d+\.\d% of \d+ symbol-days/m);
    expect(r.stdout).toMatch(/^\| all pushed \| \d+ \|/m);
    expect(r.stdout).toMatch(/^\| all before budget \|/m);
    expect(r.stdout).toMatch(/^\| volume_spike \| \d+ \|/m);
    expect(r.stdout).toMatch(/^\| borrow_fee \| — .*no data in this store/m);
    const bad = join(store.dir, 'bad-splits.csv');
    writeFileSync(bad, 'symbol,date,factor\nCOLD,10/06/2024,2\n');
    const refused = await cli([
      'backtest',
      '--from',
      '2024-06-03',
      '--to',
      '2024-06-14',
      '--no-record',
      '--splits',
      bad,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--splits .* line 2: needs a YYYY-MM-DD date and a positive factor/);
  });

  it('backtest refuses a bad events file, naming the problem', async () => {
    const events = join(store.dir, 'bad-events.json');
    writeFileSync(events, JSON.stringify([{ symbol: 'HOT', start: '2024-06-14', peak: '2024-06-07' }]));
    const r = await cli(['backtest', '--from', '2024-06-03', '--to', '2024-06-14', '--events', events]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/start after peak/);
  });
});
