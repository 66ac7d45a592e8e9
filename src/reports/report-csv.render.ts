import { scoreInputLabel } from '../present/labels/score-inputs';
import type { DailyReport } from './daily-report.model';
import type { ComparedName } from './score-row';
import type { WeeklyReport } from './weekly-report.model';

// Reports as CSV: one row per symbol (the day's whole ranking for the daily report, the top list for
// the weekly one), RFC 4180 quoting, fractions as plain decimals (0.234, not 23.4%), an empty cell
// for a missing value (never 0). The columns are documented here and in README.md ("Report CSV").

export interface CsvColumn {
  name: string;
  description: string;
  value: (r: ComparedName, ctx: { asOf: string; newCandidate: boolean }) => string | number | boolean | null;
}

export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'as_of', description: 'the session the scores are as of (YYYY-MM-DD)', value: (_r, c) => c.asOf },
  { name: 'rank', description: 'rank in the ranking, 1 first', value: (r) => r.rank },
  { name: 'symbol', description: 'ticker', value: (r) => r.symbol },
  { name: 'score', description: 'squeeze score, 0..1', value: (r) => r.score },
  {
    name: 'previous_score',
    description: 'score on the comparison day (previous scored session; a week earlier in the weekly CSV)',
    value: (r) => r.previousScore,
  },
  { name: 'score_change', description: 'score - previous_score', value: (r) => r.change },
  {
    name: 'trend',
    description: 'up, down, flat (within 0.01) or new (not scored on the comparison day)',
    value: (r) => r.trend,
  },
  {
    name: 'new_candidate',
    description: 'true when ranked now and not ranked on the comparison day',
    value: (_r, c) => c.newCandidate,
  },
  { name: 'level', description: 'alert level (high, medium, low), empty below alerting', value: (r) => r.level },
  { name: 'fuel', description: 'short-interest side of the score, 0..1', value: (r) => r.fuel },
  { name: 'trigger', description: 'volume/price/short-volume side of the score, 0..1', value: (r) => r.trigger },
  { name: 'close', description: 'closing price of the session', value: (r) => r.close },
  { name: 'volume_spike', description: 'volume / mean volume of the 20 sessions before', value: (r) => r.volumeSpike },
  {
    name: 'volume_basis',
    description: 'consolidated, or off_exchange: the spike is of FINRA off-exchange volume (too few daily bars held)',
    value: (r) => r.volumeBasis,
  },
  { name: 'rsi14', description: 'RSI(14), 0..100', value: (r) => r.rsi14 },
  {
    name: 'si_pct_float',
    description: 'short interest / float as a fraction; empty when the float is unknown',
    value: (r) => r.siPercentFloat,
  },
  {
    name: 'days_to_cover',
    description: 'short interest / 20-session average daily volume (recomputed)',
    value: (r) => r.daysToCover,
  },
  {
    name: 'short_ratio',
    description:
      'FINRA facility short ratio (short volume / facility total volume), a fraction; not a market short ratio',
    value: (r) => r.shortRatio,
  },
  {
    name: 'short_ratio_z60',
    description: 'z-score of short_ratio against the previous 60 sessions',
    value: (r) => r.shortRatioZ,
  },
  {
    name: 'short_exempt_share',
    description: 'short-exempt volume / short volume, a fraction',
    value: (r) => r.shortExemptShare,
  },
  {
    name: 'otc_participation',
    description: 'OTC weekly shares / weekly volume of the newest published week, a fraction',
    value: (r) => r.otcParticipation,
  },
  { name: 'otc_flag', description: 'anchored, stale or none', value: (r) => r.otcFlag },
  {
    name: 'lit_imbalance',
    description: '(buy - sell) / (buy + sell) of classified lit volume, -1..1',
    value: (r) => r.litImbalance,
  },
  { name: 'accumulation_score', description: '0..100 from observable inputs only', value: (r) => r.accumulationScore },
  {
    name: 'threshold_days',
    description:
      'consecutive Reg SHO threshold-list days ending at the newest list held (0 = off the lists); empty when no list is held',
    value: (r) => r.thresholdDays,
  },
  {
    name: 'threshold_lists',
    description: 'the threshold lists it is on (nasdaq, nyse, cboe), separated by "|"',
    value: (r) => r.thresholdMarkets,
  },
  {
    name: 'borrow_fee',
    description: 'IBKR borrow fee of the newest stock-loan snapshot, annual %; empty when none is held or NA',
    value: (r) => r.borrowFee,
  },
  {
    name: 'borrow_fee_change_5d',
    description: 'borrow fee now minus 5 sessions before, percentage points',
    value: (r) => r.borrowFeeChange5d,
  },
  {
    name: 'borrow_available',
    description: 'shares available to borrow at IBKR (10000000 when the file says >10000000, see borrow_capped)',
    value: (r) => r.borrowAvailable,
  },
  {
    name: 'borrow_capped',
    description: '1 when the file printed >10000000 (more shares than the figure), else 0',
    value: (r) => (r.borrowAvailable === null ? null : r.borrowCapped ? 1 : 0),
  },
  {
    name: 'borrow_went_to_zero',
    description: '1 when availability fell to zero within the last session, else 0',
    value: (r) => (r.borrowAvailable === null ? null : r.borrowWentToZero ? 1 : 0),
  },
  {
    name: 'fails_shares',
    description:
      'SEC fails-to-deliver balance on the newest settlement day held (files lag 2-3 weeks), shares; empty when none held',
    value: (r) => r.failsShares,
  },
  { name: 'fails_settlement', description: 'the settlement day of fails_shares', value: (r) => r.failsSettlement },
  { name: 'fails_pct_float', description: 'fails_shares / float, a fraction', value: (r) => r.failsPercentFloat },
  {
    name: 'fails_days',
    description: 'consecutive settlement days with a fails balance ending at fails_settlement',
    value: (r) => r.failsDays,
  },
  {
    name: 'fails_close_out',
    description: 'the first Reg SHO Rule 204(a)(2) T+35 close-out date still ahead of the run day, of those fails',
    value: (r) => r.failsCloseOut,
  },
  {
    name: 'call_put_ratio',
    description: 'call volume / put volume of the newest options chain (Cboe, short list); empty when no put traded',
    value: (r) => r.callPutRatio,
  },
  { name: 'options_volume', description: 'calls + puts traded that day, contracts', value: (r) => r.optionsVolume },
  {
    name: 'near_money_call_oi_adv',
    description: 'open interest of calls within ±10% of the price, ≤ 30 days out, × 100 shares / 20-session ADV',
    value: (r) => r.nearMoneyCallOiToAdv,
  },
  {
    name: 'top_factors',
    description: 'score components with the largest contributions, separated by "|"',
    value: (r) => r.topFactors.join('|'),
  },
  { name: 'source', description: 'volume_detector or adhoc (added by hand)', value: (r) => r.source },
  // last, so every column before it keeps its place; top_factors keeps the machine keys for scripts
  {
    name: 'top_factors_text',
    description: 'the same components in words, separated by "|"',
    value: (r) => r.topFactors.map(scoreInputLabel).join('|'),
  },
];

function cell(v: string | number | boolean | null): string {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = typeof v === 'number' ? String(Number(v.toPrecision(10))) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function reportCsv(r: DailyReport | WeeklyReport): string {
  const rows = r.kind === 'daily' ? r.ranked : r.top;
  const fresh = new Set((r.kind === 'daily' ? r.newCandidates : r.entered).map((c) => c.symbol));
  const lines = [CSV_COLUMNS.map((c) => c.name).join(',')];
  for (const row of rows) {
    const ctx = { asOf: r.asOf, newCandidate: fresh.has(row.symbol) };
    lines.push(CSV_COLUMNS.map((c) => cell(c.value(row, ctx))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The columns as a Markdown table (README.md's "Report CSV" section is this output). */
export function csvColumnsMarkdown(): string {
  return [
    '| column | meaning |',
    '|---|---|',
    ...CSV_COLUMNS.map((c) => `| \`${c.name}\` | ${c.description.replaceAll('|', '\\|')} |`),
  ].join('\n');
}
