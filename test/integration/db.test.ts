import { afterEach, describe, expect, it } from 'vitest';
import { createMarketDataRepo } from '../../src/db/repos/market-data.repo';
import { closeDb, openDb } from '../../src/db/client';
import type { ShortVolumeRecord } from '../../src/domain/market-data';
import { tempDb } from '../support/temp-db';

const rec = (symbol: string, shortVolume: number): ShortVolumeRecord => ({
  symbol,
  date: '2021-01-27',
  facility: 'CNMS',
  shortVolume,
  shortExemptVolume: 10,
  totalVolume: 1000,
  markets: 'B,Q,N',
  source: 'test',
  publishedOn: '2021-01-27',
});

describe('the store', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  it('applies the migrations to a new file and runs in WAL mode', () => {
    t = tempDb();
    expect(t.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = t.db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'symbols',
        'daily_bars',
        'short_volume',
        'short_interest',
        'short_interest_quality',
        'otc_weekly',
        'trades_daily',
        'dataset_status',
        'provider_health',
        'settings',
      ]),
    );
  });

  it('re-opening an up-to-date file applies nothing twice', () => {
    t = tempDb();
    closeDb(t.db);
    const again = openDb(t.path);
    const applied = again.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    expect(applied).toBeGreaterThan(0);
    closeDb(again);
    const third = openDb(t.path);
    expect(third.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(applied);
    closeDb(third);
    t.db = openDb(t.path);
  });

  it('upserts on the natural key: a re-run replaces, never duplicates', () => {
    t = tempDb();
    const repo = createMarketDataRepo(t.db);
    repo.transaction(() => repo.upsertShortVolume([rec('GME', 100), rec('AMC', 200)]));
    repo.transaction(() => repo.upsertShortVolume([rec('GME', 150)]));
    const rows = t.db.$client.prepare('SELECT symbol, short_volume FROM short_volume ORDER BY symbol').all();
    expect(rows).toEqual([
      { symbol: 'AMC', short_volume: 200 },
      { symbol: 'GME', short_volume: 150 },
    ]);
  });

  it('rolls a failed transaction back whole', () => {
    t = tempDb();
    const repo = createMarketDataRepo(t.db);
    expect(() =>
      repo.transaction(() => {
        repo.upsertShortVolume([rec('GME', 100)]);
        throw new Error('crash mid-file');
      }),
    ).toThrow('crash mid-file');
    expect(t.db.$client.prepare('SELECT count(*) FROM short_volume').pluck().get()).toBe(0);
  });
});
