import { createHash } from 'node:crypto';
import type { SymbolRecord } from '../../domain/market-data';
import { parseText } from '../../domain/line-format';
import { ParseError, ProviderError } from '../../shared/errors';
import { excerpt } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { NASDAQ_LISTED_HEADER, OTHER_LISTED_HEADER, nasdaqDirectoryFormat, trailerDate } from './directory-file';

// Nasdaq Trader symbol directory: the keyless universe. Two files cover every US-listed symbol
// (Nasdaq-listed, and NYSE / NYSE American / NYSE Arca / Cboe BZX / IEX), with ETF and test flags.

export interface NasdaqDirectory {
  records: SymbolRecord[];
  /** sha256 of both files as downloaded: an unchanged directory need not be re-stored */
  checksum: string;
  /** the date in nasdaqlisted.txt's File Creation Time */
  asOf: string;
}

export interface NasdaqTraderClient {
  directory(): Promise<NasdaqDirectory>;
  ping(): Promise<void>;
}

const PROVIDER = 'nasdaq_trader';
const FILES = ['nasdaqlisted.txt', 'otherlisted.txt'] as const;
const DIR = 'dynamic/SymDir';

export function createNasdaqTraderClient(deps: ProviderDeps): NasdaqTraderClient {
  const http = httpClientFor(PROVIDER, deps);
  const log = deps.logger.child({ provider: PROVIDER });

  function parse(fileName: string, text: string): SymbolRecord[] {
    try {
      const { records, skipped } = parseText(nasdaqDirectoryFormat, fileName, text);
      if (skipped.size > 0) log.info({ file: fileName, skipped: Object.fromEntries(skipped) }, 'rows skipped');
      return records;
    } catch (err) {
      if (err instanceof ParseError) {
        throw new ProviderError(PROVIDER, 'malformed', {
          message: `${PROVIDER}: ${err.message}`,
          cause: err,
          excerpt: excerpt(text.slice(0, 200)),
        });
      }
      throw err;
    }
  }

  return {
    async directory() {
      const hash = createHash('sha256');
      const bySymbol = new Map<string, SymbolRecord>();
      let asOf: string | null = null;
      for (const file of FILES) {
        const text = await http.text(`${DIR}/${file}`);
        hash.update(`${file}\n`).update(text);
        for (const r of parse(file, text)) {
          // the two files do not overlap; if they ever do, the Nasdaq-listed row (first) wins
          if (!bySymbol.has(r.symbol)) bySymbol.set(r.symbol, r);
        }
        // parse() has checked the trailer is there and valid
        asOf ??=
          text
            .split(/\r?\n/)
            .map(trailerDate)
            .find((d) => d !== null) ?? null;
      }
      const records = [...bySymbol.values()];
      log.info({ records: records.length, asOf }, 'symbol directory fetched');
      return { records, checksum: hash.digest('hex'), asOf: asOf ?? '' };
    },

    async ping() {
      // the files are the API: ask for the first bytes only (a server ignoring Range sends it all)
      const text = await http.text(`${DIR}/${FILES[0]}`, { headers: { range: 'bytes=0-255' } });
      const first = text.split(/\r?\n/)[0]?.trim();
      if (first !== NASDAQ_LISTED_HEADER && first !== OTHER_LISTED_HEADER) {
        throw new ProviderError(PROVIDER, 'malformed', {
          message: `${PROVIDER}: ${FILES[0]} does not start with the directory header`,
          excerpt: excerpt(text),
        });
      }
    },
  };
}
