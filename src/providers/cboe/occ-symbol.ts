import { isIsoDate } from '../../market/iso-date';

// OCC-style option symbols as Cboe prints them: the root unpadded, then YYMMDD, C|P, and the strike × 1000 in
// eight digits (`CLX260821C00055000` = CLX, 2026-08-21, call, 55). Roots may carry digits after an
// adjustment (`GME1`), so the fixed-width tail is read from the right.

export interface OccSymbol {
  root: string;
  expiry: string;
  right: 'C' | 'P';
  strike: number;
}

const OCC = /^([A-Z][A-Z0-9.]{0,5})(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;

export function parseOccSymbol(symbol: string): OccSymbol | null {
  const m = OCC.exec(symbol.trim());
  if (!m) return null;
  // two-digit years: options are listed at most a few years out, all in this century
  const expiry = `20${m[2]}-${m[3]}-${m[4]}`;
  if (!isIsoDate(expiry)) return null;
  return { root: m[1]!, expiry, right: m[5] as 'C' | 'P', strike: Number(m[6]) / 1000 };
}
