import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThresholdRow } from '../../src/domain/short-supply';
import { createApp, type App } from '../../src/main';
import { addTradingDays } from '../../src/market/trading-calendar';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { flat, spikeLast, writeMarket } from '../support/market-fixture';
import { oneLine } from '../support/phone-width';

// The ticker card as a user reads it, over the whole app: threshold-list rows and an options snapshot
// stored point in time, the card computed now from the store.

describe('/ticker with threshold lists and an options chain held', () => {
  let dir: string;
  let app: App;
  afterEach(() => {
    app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("says how long it has been on Nasdaq's list and shows the options figures", async () => {
    dir = mkdtempSync(join(tmpdir(), 'squeezebot-supply-card-'));
    app = createApp({
      dbPath: join(dir, 't.db'),
      env: {},
      clock: fakeClock('2024-06-14T21:30:00Z'),
      logLevel: 'silent',
    });
    writeMarket(app.db, '2024-06-14', 60, { HOT: { close: flat(20), volume: spikeLast(2e6, 5) } });
    // on every list of the ten sessions before, with one session before them held without it: a known start
    const rows: ThresholdRow[] = [];
    for (let i = 1; i <= 11; i++) {
      const date = addTradingDays('2024-06-14', -i);
      const symbol = i === 11 ? 'OTHER' : 'HOT';
      rows.push({ symbol, date, market: 'nasdaq', name: null, source: 'test', publishedOn: addTradingDays(date, 1) });
    }
    app.repos.threshold.upsert(rows);
    app.repos.options.upsert([
      {
        symbol: 'HOT',
        date: '2024-06-14',
        takenAt: '2024-06-14T20:45:00.000Z',
        underlyingPrice: 20,
        callVolume: 12_000,
        putVolume: 3000,
        callOpenInterest: 40_000,
        putOpenInterest: 9000,
        nearMoneyCallOpenInterest: 20_000,
        iv30: 0.95,
        contracts: 120,
        source: 'cboe-delayed',
        publishedOn: '2024-06-14',
      },
    ]);
    const said = await sayTo(app, '/ticker hot', { userName: 't' });
    const { outcome } = said;
    const text = oneLine(said.text);
    expect(outcome).toBe('ok');
    // the list of 06-14 comes out that night: as of 06-14 the newest list is 06-13's
    expect(text).toMatch(/Reg SHO\s+on Nasdaq's Reg SHO threshold list, 10 days running/);
    expect(text).toMatch(/Options vol\.\s+calls 12k \/ puts 3,000 +C\/P 4\.00/);
    expect(text).toMatch(/Near-money OI\s+calls = \d/);
    expect(oneLine(text)).toMatch(/IV30 95\.0% \(chain of 2024-06-14\)/);
    expect(text).not.toMatch(/threshold-list streak counted back/);
  });
});
