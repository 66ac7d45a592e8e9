import type { LineFormat } from '../../domain/line-format';
import type { ThresholdRow } from '../../domain/short-supply';
import { thresholdFormat } from './threshold-file';

// Cboe BZX's `bzx_equities_reg_sho_threshold_YYYYMMDD.txt` [3P] (FORMATS-keyless.md §4): the header
// `Symbol|CompanyName` and one row per BZX-listed threshold security (mostly ETFs). No flag column; a
// timestamp row at the end is reported by some clients and accepted when present. Posted about 03:00 ET
// on D+1; the CDN answers 403 before that.

export const CBOE_THRESHOLD_HEADER = ['Symbol', 'CompanyName'] as const;

export function cboeThresholdFileName(date: string): string {
  return `bzx_equities_reg_sho_threshold_${date.replaceAll('-', '')}.txt`;
}

export const cboeThresholdFormat: LineFormat<ThresholdRow> = thresholdFormat({
  kind: 'cboe-threshold',
  market: 'cboe',
  source: 'cboe-file',
  header: CBOE_THRESHOLD_HEADER,
  flagColumn: null,
  trailer: 'optional',
});
