// Ticker symbols in the FINRA/CMS style the store keys on (`BF/B`, `ABRpA`, `ACIC/WS`, `ACIC/U`, `ACPr`) and
// in the styles of the price providers. Conventions, with their sources:
// - FINRA files (seen in real CNMS files): root + `p[series]` preferred, `r` rights (`rw` when issued),
//   `/A` class, `/WS` warrant (`/WS/A` class-A warrant), `/U` unit, `/CL` called.
// - Yahoo (per the public "Symbology Rosetta" table): `BF-B`, `BAC-PL` / `TY-P`, `OXY-WT` / `TDW-WTA`,
//   `GRP-UN`, `CELG-RI`, when issued `-WI` / `-PWI`. A bare `-U` is also read as a unit.
// - Polygon (assumption, not from Polygon's own docs): CQS suffixes, i.e. FINRA style with `.` for `/`
//   (`BRK.B`, `BACpM`, `ACIC.WS`, `ACIC.U`). A third party reports that Polygon's market-data endpoints
//   write preferreds with a capital P (`BACPM`); that form cannot be told from a common ticker, so it is
//   passed through as a plain symbol.
// Nasdaq's fifth-letter codes (`DNAAW`, `DNAAU`) are plain roots in every style, so they map unchanged and
// `symbolKind` (syntax only) calls them common: the universe file's names are the place to tell.

export type SymbolKind = 'common' | 'preferred' | 'warrant' | 'unit' | 'right';

export interface ParsedSymbol {
  root: string;
  /** share class letter (`BF/B` → 'B') */
  classLetter: string | null;
  /** preferred series letter, '' for a preferred without series, null when not a preferred */
  preferredSeries: string | null;
  right: boolean;
  /** warrant class letter, '' for a plain warrant, null when not a warrant */
  warrantClass: string | null;
  unit: boolean;
  whenIssued: boolean;
  called: boolean;
  whenDistributed: boolean;
}

const FINRA_SYMBOL = /^([A-Z]{1,6})(?:(p)([A-Z]?)|(r))?(w)?((?:\/[A-Z]{1,2})*)$/;
const MAX_ROOT = 6;

function blank(root: string): ParsedSymbol {
  return {
    root,
    classLetter: null,
    preferredSeries: null,
    right: false,
    warrantClass: null,
    unit: false,
    whenIssued: false,
    called: false,
    whenDistributed: false,
  };
}

/** Parse a FINRA-style symbol; null when it does not follow the convention. */
export function parseFinraSymbol(sym: string): ParsedSymbol | null {
  const m = FINRA_SYMBOL.exec(sym);
  if (!m) return null;
  const out = blank(m[1]!);
  if (m[2]) out.preferredSeries = m[3] ?? '';
  if (m[4]) out.right = true;
  if (m[5]) out.whenIssued = true;
  const parts = (m[6] ?? '').split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === 'WS') {
      const next = parts[i + 1];
      out.warrantClass = next && next.length === 1 ? next : '';
      if (out.warrantClass) i++;
    } else if (part === 'U') out.unit = true;
    else if (part === 'CL') out.called = true;
    else if (part === 'WD') out.whenDistributed = true;
    else if (part === 'WI') out.whenIssued = true;
    else if (part.length === 1 && out.classLetter === null) out.classLetter = part;
    else return null;
  }
  return out;
}

/** Render a parsed symbol back in FINRA style. */
export function formatFinraSymbol(p: ParsedSymbol): string {
  let s = p.root;
  if (p.preferredSeries !== null) s += `p${p.preferredSeries}`;
  if (p.right) s += 'r';
  if (p.whenIssued && (p.preferredSeries !== null || p.right)) s += 'w';
  if (p.classLetter) s += `/${p.classLetter}`;
  if (p.warrantClass !== null) s += p.warrantClass ? `/WS/${p.warrantClass}` : '/WS';
  if (p.unit) s += '/U';
  if (p.called) s += '/CL';
  if (p.whenDistributed) s += '/WD';
  if (p.whenIssued && p.preferredSeries === null && !p.right) s += '/WI';
  return s;
}

export function symbolKind(sym: string): SymbolKind {
  const p = parseFinraSymbol(sym);
  if (!p) return 'common';
  if (p.unit) return 'unit';
  if (p.warrantClass !== null) return 'warrant';
  if (p.right) return 'right';
  if (p.preferredSeries !== null) return 'preferred';
  return 'common';
}

export function toYahoo(sym: string): string {
  const p = parseFinraSymbol(sym);
  if (!p) return sym.replaceAll('/', '-');
  let suffix = p.classLetter ?? '';
  if (p.preferredSeries !== null) suffix += `P${p.preferredSeries}`;
  if (p.right) suffix += 'RI';
  if (p.warrantClass !== null) suffix += `WT${p.warrantClass}`;
  if (p.unit) suffix += 'UN';
  if (p.whenIssued) suffix += 'WI';
  if (p.called) suffix += 'CL';
  if (p.whenDistributed) suffix += 'WD';
  return suffix ? `${p.root}-${suffix}` : p.root;
}

/** Parse the suffix after a separator, in any provider's spelling; null when unknown. */
function applySuffix(p: ParsedSymbol, parts: string[]): ParsedSymbol | null {
  let rest = parts.join('');
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = rest.slice(m[0].length);
    return m;
  };
  let m: RegExpExecArray | null;
  // Yahoo `PL` (one letter after P) before Nasdaq `PRL`/`PR`, so `-PR` reads as Yahoo's series R.
  if ((m = take(/^P([A-Z])?(?=WI$|$)/)) ?? (m = take(/^PR([A-Z])?(?=WI$|$)/))) p.preferredSeries = m[1] ?? '';
  else if ((m = take(/^(?:WS|WT)([A-Z])?(?=WI$|$)/))) p.warrantClass = m[1] ?? '';
  else if (take(/^(?:UN|U)$/)) p.unit = true;
  else if (take(/^(?:RT|RI|R)(?=WI$|$)/)) p.right = true;
  else if (take(/^CL$/)) p.called = true;
  else if (take(/^WD$/)) p.whenDistributed = true;
  else if ((m = take(/^([A-Z])(?=$|WS$|WT$)/))) {
    p.classLetter = m[1]!;
    if (take(/^(?:WS|WT)$/)) p.warrantClass = '';
  }
  if (take(/^WI$/)) p.whenIssued = true;
  return rest === '' ? p : null;
}

export function fromYahoo(sym: string): string {
  const [root, ...rest] = sym.trim().toUpperCase().split('-');
  if (!root || !/^[A-Z]+$/.test(root)) return sym;
  if (rest.length === 0) return root;
  const p = applySuffix(blank(root), rest);
  // Unknown suffixes (foreign listings like `.TO`, indices) pass through with FINRA's separator.
  return p ? formatFinraSymbol(p) : sym.trim().toUpperCase().replaceAll('-', '/');
}

/**
 * The Nasdaq stock screener's spelling (api.nasdaq.com): `/` for classes (`BRK/A`, already ours), `.`
 * suffixes in the Nasdaq style of 2021 (`AAIC.PRB`, `ACIC.WS`, `ACIC.U`, `AGM.A`), and `^` for a
 * preferred from about 2023 (`PCG^A`, `PHXE^`). The same suffix reader as Yahoo's, so both providers land
 * on one FINRA spelling; `^` is read as Yahoo's `-P`.
 */
export function fromNasdaqScreener(sym: string): string {
  const s = sym.trim().toUpperCase();
  if (parseFinraSymbol(s)) return s;
  const m = /^([A-Z]+)([./^])(.*)$/.exec(s);
  if (!m) return s;
  const [, root, sep, rest] = m as unknown as [string, string, string, string];
  const parts = (sep === '^' ? `P${rest}` : rest).split(/[./^]/);
  const p = applySuffix(blank(root), parts);
  // an unknown suffix keeps its letters with FINRA's separator, as fromYahoo does
  return p ? formatFinraSymbol(p) : s.replace(/[.^]/g, '/');
}

/**
 * IBKR's stock-loan file (`usa.txt`) writes a suffix after a space in the Nasdaq style: `BF B` (class),
 * `ABR PRD` / `ABR PR` (preferred, series after `PR`), `AAC U` (unit), `X WS` (warrant). Those land on our
 * FINRA spelling; anything else (`AADI.OLD1`, a renamed line; an unknown suffix) is kept as the file has it.
 */
export function fromIbkr(sym: string): string {
  const s = sym.trim();
  const m = /^([A-Z]+) ([A-Z]+)$/.exec(s);
  if (!m) return s;
  const [, root, rest] = m as unknown as [string, string, string];
  // `PR` alone is a preferred without series here (Yahoo would read it as series R)
  const pref = /^PR([A-Z])?$/.exec(rest);
  if (pref) return formatFinraSymbol({ ...blank(root), preferredSeries: pref[1] ?? '' });
  const p = applySuffix(blank(root), [rest]);
  return p ? formatFinraSymbol(p) : s;
}

export function toPolygon(sym: string): string {
  return sym.replaceAll('/', '.');
}

export function fromPolygon(sym: string): string {
  return sym.replaceAll('.', '/');
}

// A root of a letter then letters or digits (FINRA and OTC symbols can hold digits: R007); starting with a
// letter keeps every word that begins with a digit (`7d`, `1e9`, `12345`) a number or a duration, never a
// ticker. Suffixes are letters.
const USER_INPUT = /^[A-Za-z][A-Za-z0-9]*(?:[./\- ][A-Za-z]+)*$/;

/**
 * Canonical FINRA-style symbol from what a user typed (`$gme`, ` gme `, `BRK.B`, `brk-b`, `bac-pl`,
 * `ACIC.WS`), or null for junk. All-lowercase input is upper-cased first, so `abrpa` stays the plain
 * ticker `ABRPA`: only an exact FINRA spelling (`ABRpA`) or a separated form (`ABR-PA`) names a preferred.
 */
export function normaliseTicker(input: string): string | null {
  const raw = input.trim().replace(/^\$/, '').trim();
  if (raw.length === 0 || raw.length > 14) return null;
  if (parseFinraSymbol(raw)) return raw;
  if (!USER_INPUT.test(raw)) return null;
  const [root, ...parts] = raw.toUpperCase().split(/[./\- ]/);
  if (!root || root.length > MAX_ROOT) return null;
  if (parts.length === 0) return root;
  const p = applySuffix(blank(root), parts);
  return p ? formatFinraSymbol(p) : null;
}
