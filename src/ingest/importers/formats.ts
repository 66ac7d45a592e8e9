import type { LineFormat } from '../../domain/line-format';
import { finraApiCsvFormats } from '../../providers/finra/api-csv';
import { finraOtcWeeklyFileFormat } from '../../providers/finra/otc-weekly-file';
import { finraShortInterestFileFormat } from '../../providers/finra/short-interest-file';
import { finraShortVolumeFormat } from '../../providers/finra/short-volume-file';
import { nasdaqDirectoryFormat } from '../../providers/nasdaq-trader/directory-file';
import { cboeChainFileFormat } from '../../providers/cboe/chain-file';
import { ibkrStockLoanFormat } from '../../providers/ibkr/stock-loan-file';
import { cboeThresholdFormat } from '../../providers/regsho/cboe-threshold-file';
import { nasdaqThresholdFormat } from '../../providers/regsho/nasdaq-threshold-file';
import { nyseThresholdFormat } from '../../providers/regsho/nyse-threshold-file';
import { secFailsExcerptFormat, secFailsFormat } from '../../providers/sec/fails-file';
import { yahooDailyCsvFormat } from './yahoo-daily-csv';

// Every file format `squeezebot import` knows, in recognition order: the first whose
// `recognise(name, firstLine)` says yes takes the file. Formats that know their file by an exact
// header or name come first; the Yahoo layout, recognised by column names alone, comes last.
// Each format's `dataset` says which table its records go to (see write-records.ts).

const ordered: readonly LineFormat<unknown>[] = [
  finraShortVolumeFormat,
  finraShortInterestFileFormat,
  ...finraApiCsvFormats,
  finraOtcWeeklyFileFormat,
  nasdaqDirectoryFormat,
  nasdaqThresholdFormat,
  nyseThresholdFormat,
  cboeThresholdFormat,
  cboeChainFileFormat,
  ibkrStockLoanFormat,
  // *.meme-symbols.txt excerpts (no trailers) first; every other file with the header must be complete
  secFailsExcerptFormat,
  secFailsFormat,
  yahooDailyCsvFormat,
];

/** The registry, each format once (the short-interest file and its API export share one parser). */
export const importFormats: readonly LineFormat<unknown>[] = [...new Set(ordered)];

/**
 * Formats whose records are only complete after `end()`: the Nasdaq directory's as-of date is in
 * its `File Creation Time` trailer, and its parser fills it into the records it returned. The
 * importer holds these records until the end instead of writing them batch by batch (the files
 * are a few thousand rows, so holding them costs little).
 */
export const completedAtEnd: ReadonlySet<LineFormat<unknown>> = new Set([
  nasdaqDirectoryFormat,
  // a list whose file name carries no date takes it from the timestamp row at its end
  nasdaqThresholdFormat,
  nyseThresholdFormat,
  cboeThresholdFormat,
  // one stock-loan file is one snapshot: stored as changes against the one before, so written whole
  ibkrStockLoanFormat,
  // a fails file's publication day and file id are known once its trailers (or its end) are read
  secFailsFormat,
  secFailsExcerptFormat,
]);
