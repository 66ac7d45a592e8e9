import { describe, expect, it } from 'vitest';
import {
  fromIbkr,
  fromNasdaqScreener,
  fromPolygon,
  fromYahoo,
  normaliseTicker,
  parseFinraSymbol,
  symbolKind,
  toPolygon,
  toYahoo,
} from '../../src/market/symbol-map';

// Symbols in the spellings seen in real FINRA CNMS files (2020-01-02, 2021-06-04).
describe('FINRA symbols ↔ provider styles', () => {
  it.each([
    // finra        yahoo          polygon        kind
    ['GME', 'GME', 'GME', 'common'],
    ['BF/B', 'BF-B', 'BF.B', 'common'],
    ['AKO/A', 'AKO-A', 'AKO.A', 'common'],
    ['ABRpA', 'ABR-PA', 'ABRpA', 'preferred'],
    ['ARNCp', 'ARNC-P', 'ARNCp', 'preferred'],
    ['ACIC/WS', 'ACIC-WT', 'ACIC.WS', 'warrant'],
    ['NSPR/WS/B', 'NSPR-WTB', 'NSPR.WS.B', 'warrant'],
    ['ACIC/U', 'ACIC-UN', 'ACIC.U', 'unit'],
    ['ACPr', 'ACP-RI', 'ACPr', 'right'],
    ['GABrw', 'GAB-RIWI', 'GABrw', 'right'],
  ] as const)('%s is %s on Yahoo, %s on Polygon, a %s', (finra, yahoo, polygon, kind) => {
    expect(toYahoo(finra)).toBe(yahoo);
    expect(fromYahoo(yahoo)).toBe(finra);
    expect(toPolygon(finra)).toBe(polygon);
    expect(fromPolygon(polygon)).toBe(finra);
    expect(symbolKind(finra)).toBe(kind);
  });

  it.each([
    ['ACIC-U', 'ACIC/U'], // a bare -U is read as a unit too
    ['bf-b', 'BF/B'],
    ['TDW-WTA', 'TDW/WS/A'],
    ['SHOP.TO', 'SHOP.TO'], // not a US listing: passed through
    ['^GSPC', '^GSPC'],
  ])('reads Yahoo %s as %s', (yahoo, finra) => {
    expect(fromYahoo(yahoo)).toBe(finra);
  });

  it('parses a called preferred and keeps unknown parts out', () => {
    expect(parseFinraSymbol('ALLpA/CL')).toMatchObject({ root: 'ALL', preferredSeries: 'A', called: true });
    expect(parseFinraSymbol('GME/XY')).toBeNull();
    expect(parseFinraSymbol('gme')).toBeNull();
    expect(symbolKind('DNAAW')).toBe('common'); // Nasdaq fifth-letter codes are not decoded by syntax
  });
});

// Spellings seen in the Nasdaq screener's rows (FORMATS-keyless §1): 2021 `.` suffixes, 2026 `^` preferreds.
describe('the Nasdaq screener spelling', () => {
  it.each([
    ['BRK/A', 'BRK/A'],
    ['BRK/B', 'BRK/B'],
    ['PCG^A', 'PCGpA'],
    ['PHXE^', 'PHXEp'],
    ['AAIC.PRB', 'AAICpB'],
    ['ACIC.WS', 'ACIC/WS'],
    ['ACIC.U', 'ACIC/U'],
    ['AGM.A', 'AGM/A'],
    ['ECC           ', 'ECC'], // right-padded in the real rows
  ])('reads %j as %s', (screener, finra) => {
    expect(fromNasdaqScreener(screener)).toBe(finra);
  });
});

describe('fromIbkr (the stock-loan file)', () => {
  it.each([
    ['GME', 'GME'],
    ['BF B', 'BF/B'],
    ['ABR PRD', 'ABRpD'],
    ['ABR PR', 'ABRp'],
    ['AAC U', 'AAC/U'],
    ['ACIC WS', 'ACIC/WS'],
    ['AADI.OLD1', 'AADI.OLD1'], // a renamed line: kept as printed
    ['XYZ QQQ', 'XYZ QQQ'], // an unknown suffix: kept as printed
  ])('reads %j as %s', (ibkr, ours) => {
    expect(fromIbkr(ibkr)).toBe(ours);
  });
});

describe('normaliseTicker', () => {
  it.each([
    ['$gme', 'GME'],
    [' gme ', 'GME'],
    ['GME', 'GME'],
    ['BRK.B', 'BRK/B'],
    ['brk-b', 'BRK/B'],
    ['brk/b', 'BRK/B'],
    ['brk b', 'BRK/B'],
    ['BF/B', 'BF/B'],
    ['ABRpA', 'ABRpA'],
    ['abr-pa', 'ABRpA'],
    ['BAC.PR.L', 'BACpL'],
    ['bac-prl', 'BACpL'],
    ['abrpa', 'ABRPA'], // no separator and no FINRA casing: a plain five-letter ticker
    ['acic.ws', 'ACIC/WS'],
    ['ACIC-WT', 'ACIC/WS'],
    ['acic.u', 'ACIC/U'],
    ['$ DNAAU', 'DNAAU'],
    ['r007', 'R007'], // FINRA/OTC symbols can hold digits
    ['AAPL1', 'AAPL1'],
    ['brk/b', 'BRK/B'],
    ['BRK-B', 'BRK/B'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseTicker(input)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['$'],
    ['TOOLONGX'], // root of 8 letters
    ['GME!'],
    ['12345'], // digits alone are a number
    ['1E23'],
    ['7D'],
    ['BRK..B'],
    ['GME-XYZ'],
    ['DROP TABLE'],
    ['ÄPFEL'],
    ['https://x.y'],
  ])('rejects %j', (input) => {
    expect(normaliseTicker(input)).toBeNull();
  });
});
