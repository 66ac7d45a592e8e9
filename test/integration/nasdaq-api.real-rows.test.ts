import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScreenerExchange } from '../../src/domain/market-data';
import { mapScreenerRow } from '../../src/providers/nasdaq-api/map';
import { validScreenerRows } from '../../src/providers/nasdaq-api/schemas';
import { parseFinraSymbol } from '../../src/market/symbol-map';
import { hasSharedData, SHARED_SKIP_MESSAGE, sharedPath } from '../support/shared-data';

// Every real row of three screener downloads (jq re-prints of data.rows from rreichel3/US-Stock-Symbols)
// through the client's own row schema and mapping: the close of 2021-01-29 for NYSE and Nasdaq, and
// AMEX of 2026-08-21 with its `^` preferreds.

const DIR = 'rreichel3-US-Stock-Symbols';
const FILES: [name: string, exchange: ScreenerExchange, path: string][] = [
  ['nyse 2021-01-29', 'nyse', 'commit-233f423a/nyse/nyse_full_tickers.json'],
  ['nasdaq 2021-01-29', 'nasdaq', 'commit-233f423a/nasdaq/nasdaq_full_tickers.json'],
  ['amex 2026-08-21', 'amex', 'commit-7d1d2218/amex/amex_full_tickers.json'],
];

function load(exchange: ScreenerExchange, path: string) {
  const raw = JSON.parse(readFileSync(sharedPath(DIR, path), 'utf8')) as unknown[];
  const { rows, skipped } = validScreenerRows(raw);
  return { raw, skipped, rows: rows.map((r) => mapScreenerRow(r, exchange)) };
}

describe.skipIf(!hasSharedData)(`real screener rows (${hasSharedData ? DIR : SHARED_SKIP_MESSAGE})`, () => {
  it.each([
    // file, rows, untraded (NA), unknown market cap ("" or "0.00"), padded symbols
    [...FILES[0]!, 3310, 739, 756 + 148, 7],
    [...FILES[1]!, 3689, 40, 53 + 646, 0],
    [...FILES[2]!, 292, 0, 17 + 25, 0],
  ] as const)('%s: every row parses, nothing skipped', (_name, exchange, path, count, untraded, unknownCap, padded) => {
    const { raw, rows, skipped } = load(exchange, path);
    expect(skipped).toEqual({});
    expect(rows).toHaveLength(count);
    expect(rows.filter((r) => r.lastSale === null)).toHaveLength(untraded);
    expect(rows.filter((r) => r.marketCap === null)).toHaveLength(unknownCap);
    const symbols = (raw as { symbol: string }[]).map((r) => r.symbol);
    expect(symbols.filter((s) => s !== s.trim())).toHaveLength(padded);
    // every symbol lands in a valid FINRA spelling, none collide
    expect(rows.filter((r) => !parseFinraSymbol(r.symbol)).map((r) => r.symbol)).toEqual([]);
    expect(new Set(rows.map((r) => r.symbol)).size).toBe(count);
  });

  it("has GME's close of 2021-01-29: $325.00 on 50,232,204 shares, a $22.7B cap", () => {
    const { rows } = load('nyse', FILES[0]![2]);
    expect(rows.find((r) => r.symbol === 'GME')).toMatchObject({
      exchange: 'NYSE',
      lastSale: 325,
      pctChange: 67.872,
      volume: 50_232_204,
      marketCap: 22_667_762_000,
    });
    expect(rows.find((r) => r.symbol === 'BRK/A')).toBeDefined();
    expect(rows.find((r) => r.symbol === 'AAICpB')).toBeDefined(); // AAIC.PRB
  });

  it('reads 2026 AMEX preferreds written with ^ as FINRA preferreds', () => {
    const { rows } = load('amex', FILES[2]![2]);
    expect(rows.find((r) => r.symbol === 'PCGpA')).toMatchObject({ exchange: 'AMEX' });
    expect(rows.filter((r) => /p[A-Z]?$/.test(r.symbol)).length).toBeGreaterThan(10);
  });
});
