import type { LineFormat } from '../../domain/line-format';
import type { ThresholdRow } from '../../domain/short-supply';
import { thresholdFormat } from './threshold-file';

// NYSE's threshold-securities download, one per NYSE market (NYSE, NYSE American, NYSE Arca), as client
// code reports it [3P] (FORMATS-keyless.md §4):
//   Symbol|Security Name|Market Category|Reg SHO Threshold Flag|Filler|Filler
// plus a bare `YYYYMMDDHHMMSS` row. An empty day, AND today's date before the list is out, both answer
// the header and a placeholder timestamp only: the parser reads both as no rows, and the client decides
// which it was from the date (threshold.client.ts).

export const NYSE_THRESHOLD_HEADER = [
  'Symbol',
  'Security Name',
  'Market Category',
  'Reg SHO Threshold Flag',
  'Filler',
  'Filler',
] as const;

export function nyseThresholdFileName(market: string, date: string): string {
  return `nyse_threshold_${market.toLowerCase().replace(/\s+/g, '_')}_${date.replaceAll('-', '')}.txt`;
}

export const nyseThresholdFormat: LineFormat<ThresholdRow> = thresholdFormat({
  kind: 'nyse-threshold',
  market: 'nyse',
  source: 'nyse-file',
  header: NYSE_THRESHOLD_HEADER,
  flagColumn: 3,
  trailer: 'required',
});
