import type { LineFormat } from '../../domain/line-format';
import type { ThresholdRow } from '../../domain/short-supply';
import { thresholdFormat } from './threshold-file';

// Nasdaq's daily `nasdaqth{YYYYMMDD}.txt` (FORMATS-keyless.md §4, [3P]: Nasdaq's definitions page):
//   Symbol|Security Name|Market Category|Reg SHO Threshold Flag|Rule 3210|Filler
// then one row per Nasdaq-listed threshold security (names cut at 30 characters, categories Q/G/S) and a
// final `yyyymmddhhmmss` row that marks the file complete; without it the download was cut short.

export const NASDAQ_THRESHOLD_HEADER = [
  'Symbol',
  'Security Name',
  'Market Category',
  'Reg SHO Threshold Flag',
  'Rule 3210',
  'Filler',
] as const;

export function nasdaqThresholdFileName(date: string): string {
  return `nasdaqth${date.replaceAll('-', '')}.txt`;
}

export const nasdaqThresholdFormat: LineFormat<ThresholdRow> = thresholdFormat({
  kind: 'nasdaq-threshold',
  market: 'nasdaq',
  source: 'nasdaq-file',
  header: NASDAQ_THRESHOLD_HEADER,
  flagColumn: 3,
  trailer: 'required',
});
