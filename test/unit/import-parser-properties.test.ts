import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/domain/line-format';
import { yahooDailyCsvFormat } from '../../src/ingest/importers/yahoo-daily-csv';
import { finraApiRegShoCsvFormat } from '../../src/providers/finra/api-csv';
import { finraShortVolumeFormat } from '../../src/providers/finra/short-volume-file';
import { ParseError } from '../../src/shared/errors';
import {
  barLine,
  barsArb,
  cnmsLine,
  cnmsRowsArb,
  dayArb,
  regShoLine,
  regShoRowsArb,
  REGSHO_HEADER,
  SV_HEADER,
  YAHOO_HEADER,
} from '../support/import-arbitraries';

// Any generated valid file in a real layout parses to exactly its rows (the parsers alone; the import's
// row checks and corrupted lines are in test/integration/import-properties.test.ts).

const crlf = (lines: string[]) => lines.map((l) => `${l}\r\n`).join('');

describe('import parsers, over generated valid files', () => {
  it('a FINRA daily short-volume file parses to its rows, in order, fractions exact', () => {
    fc.assert(
      fc.property(dayArb, cnmsRowsArb, fc.constantFrom('CNMS', 'FNSQ', 'FORF'), (day, rows, prefix) => {
        const compact = day.replaceAll('-', '');
        const text = crlf([SV_HEADER, ...rows.map((r) => cnmsLine(compact, r)), String(rows.length)]);
        const { records, skipped } = parseText(finraShortVolumeFormat, `${prefix}shvol${compact}.txt`, text);
        expect(skipped.size).toBe(0);
        expect(records).toEqual(
          rows.map((r) => ({
            symbol: r.symbol,
            date: day,
            facility: prefix,
            shortVolume: Number(r.v.short),
            shortExemptVolume: Number(r.v.exempt),
            totalVolume: Number(r.v.total),
            markets: r.markets,
            source: 'finra-file',
            publishedOn: day,
          })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('a FINRA daily file whose trailer is off by any amount is refused at the trailer line', () => {
    fc.assert(
      fc.property(
        cnmsRowsArb,
        fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0),
        (rows, off) => {
          const lines = [
            SV_HEADER,
            ...rows.map((r) => cnmsLine('20210104', r)),
            String(Math.max(0, rows.length + off)),
          ];
          fc.pre(Math.max(0, rows.length + off) !== rows.length);
          try {
            parseText(finraShortVolumeFormat, 'CNMSshvol20210104.txt', crlf(lines));
          } catch (err) {
            expect(err).toBeInstanceOf(ParseError);
            expect((err as ParseError).line).toBe(rows.length + 2);
            return;
          }
          throw new Error('accepted a file whose trailer disagrees');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a regShoDaily export parses to its facility rows, then one CNMS row per symbol and day summing the NMS facilities', () => {
    fc.assert(
      fc.property(regShoRowsArb, (rows) => {
        const { records } = parseText(
          finraApiRegShoCsvFormat,
          'SHO.csv',
          [REGSHO_HEADER, ...rows.map(regShoLine), ''].join('\n'),
        );
        const facilityRows = rows.map((r) => ({
          symbol: r.symbol,
          date: r.date,
          facility: r.f.facility,
          shortVolume: Number(r.v.short),
          shortExemptVolume: Number(r.v.exempt),
          totalVolume: Number(r.v.total),
          markets: r.f.market,
          source: 'finra-api',
          publishedOn: r.date,
        }));
        expect(records.slice(0, rows.length)).toEqual(facilityRows);
        // the model: FORF (OTC) is not part of the consolidated figure; markets listed in B,Q,N order
        const sums = new Map<string, { s: number; e: number; t: number; m: Set<string> }>();
        for (const r of facilityRows) {
          if (r.facility === 'FORF') continue;
          const k = `${r.symbol} ${r.date}`;
          const a = sums.get(k) ?? { s: 0, e: 0, t: 0, m: new Set<string>() };
          sums.set(k, {
            s: a.s + r.shortVolume,
            e: a.e + r.shortExemptVolume,
            t: a.t + r.totalVolume,
            m: a.m.add(r.markets),
          });
        }
        const cnms = records.slice(rows.length);
        expect(cnms).toHaveLength(sums.size);
        for (const c of cnms) {
          const want = sums.get(`${c.symbol} ${c.date}`)!;
          expect(c).toEqual({
            symbol: c.symbol,
            date: c.date,
            facility: 'CNMS',
            shortVolume: want.s,
            shortExemptVolume: want.e,
            totalVolume: want.t,
            markets: ['B', 'Q', 'N'].filter((m) => want.m.has(m)).join(','),
            source: 'finra-api-sum',
            publishedOn: c.date,
          });
          // what the row checks demand of every short-volume row holds for the sums too
          expect(c.shortExemptVolume!).toBeLessThanOrEqual(c.shortVolume);
          expect(c.shortVolume).toBeLessThanOrEqual(c.totalVolume);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a Yahoo daily CSV parses to its bars, in order', () => {
    fc.assert(
      fc.property(barsArb, fc.stringMatching(/^[A-Z]{1,5}$/), (bars, symbol) => {
        const { records } = parseText(
          yahooDailyCsvFormat,
          `${symbol}.csv`,
          [YAHOO_HEADER, ...bars.map(barLine)].join('\n'),
        );
        expect(records).toEqual(
          bars.map((b) => ({
            symbol,
            date: b.date,
            open: Number(b.open),
            high: Number(b.high),
            low: Number(b.low),
            close: Number(b.close),
            adjClose: Number(b.adj),
            volume: b.volume,
            vwap: null,
            trades: null,
            source: 'yahoo-csv',
            publishedOn: b.date,
          })),
        );
      }),
      { numRuns: 200 },
    );
  });
});
