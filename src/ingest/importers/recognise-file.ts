import type { LineFormat } from '../../domain/line-format';
import { finraShortVolumeFormat, parseShortVolumeFileName } from '../../providers/finra/short-volume-file';
import { isTradingDay } from '../../market/trading-calendar';
import { importFormats } from './formats';

// Which format a file is, from its name and first line, before anything is written.
// One special case: FINRA's old host answered a non-trading date with a 404 HTML page, and
// downloaders saved it under the FINRA file name (real example: CNMSshvol20210320.txt, a
// Saturday). That is a hole in the calendar, not a corrupt file: skip it. The same page for a
// trading day means the day's data is missing: reject it so the user sees the hole.

export type Recognition =
  | { type: 'format'; format: LineFormat<unknown> }
  | { type: 'skip'; format: LineFormat<unknown> | null; reason: string }
  | { type: 'reject'; format: LineFormat<unknown>; reason: string };

export const HTML_NON_TRADING_DAY = 'HTML page saved for a non-trading day';
const FIRST_LINE_SHOWN = 60;

function looksLikeHtml(line: string): boolean {
  const t = line.trimStart().toLowerCase();
  return t.startsWith('<!doctype html') || t.startsWith('<html') || t.startsWith('<?xml') || t.startsWith('<head');
}

function tradingDay(date: string): boolean {
  try {
    return isTradingDay(date);
  } catch {
    // a date the calendar refuses (out of range, impossible) is no trading day either
    return false;
  }
}

/**
 * @param fileName the base name (formats read dates and symbols from it)
 * @param firstLine the first non-blank line, or null for an empty file
 */
export function recogniseFile(
  fileName: string,
  firstLine: string | null,
  formats: readonly LineFormat<unknown>[] = importFormats,
): Recognition {
  const line = firstLine ?? '';
  const named = parseShortVolumeFileName(fileName);
  if (named && looksLikeHtml(line)) {
    if (!tradingDay(named.date)) {
      return { type: 'skip', format: finraShortVolumeFormat, reason: `${HTML_NON_TRADING_DAY} (${named.date})` };
    }
    return {
      type: 'reject',
      format: finraShortVolumeFormat,
      reason: `an HTML page, not FINRA's file, for trading day ${named.date}: that day's data is missing`,
    };
  }
  const format = formats.find((f) => f.recognise(fileName, line));
  if (format) return { type: 'format', format };
  if (firstLine === null) return { type: 'skip', format: null, reason: 'not a known format: the file is empty' };
  const shown = line.length > FIRST_LINE_SHOWN ? `${line.slice(0, FIRST_LINE_SHOWN)}…` : line;
  return { type: 'skip', format: null, reason: `not a known format: first line ${JSON.stringify(shown)}` };
}
