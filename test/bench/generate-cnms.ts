import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { addTradingDays } from '../../src/market/trading-calendar';

// Synthetic FINRA-layout CNMS files (FORMATS.md): header, pipe rows, CRLF, a bare record-count
// trailer. Deterministic (seeded), so every run imports the same bytes.

export function symbolsFor(n: number): string[] {
  const out: string[] = [];
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let i = 0; out.length < n; i++) {
    let s = '';
    let k = i;
    do {
      s = A[k % 26] + s;
      k = Math.floor(k / 26) - 1;
    } while (k >= 0);
    if (s.length >= 2) out.push(s);
  }
  return out.sort();
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export async function generateCnmsFiles(
  dir: string,
  days: number,
  symbolCount: number,
  firstDay = '2024-01-02',
): Promise<{ files: string[]; rows: number; dataFile: string }> {
  const symbols = symbolsFor(symbolCount);
  const random = rng(42);
  const files: string[] = [];
  // the same rows as they are stored (the columns of our short_volume table), for the sqlite3
  // `.import` reference: it loads a ready table, we parse and check FINRA's files
  const data = createWriteStream(join(dir, 'all-rows.psv'));
  let date = firstDay;
  let rows = 0;
  for (let d = 0; d < days; d++, date = addTradingDays(date, 1)) {
    const compact = date.replaceAll('-', '');
    const path = join(dir, 'files', `CNMSshvol${compact}.txt`);
    files.push(path);
    const parts: string[] = ['Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market\r\n'];
    const body: string[] = [];
    const stored: string[] = [];
    for (const symbol of symbols) {
      const total = Math.floor(1000 + random() * 5_000_000);
      const short = Math.floor(total * (0.2 + random() * 0.5));
      const exempt = Math.floor(short * random() * 0.05);
      body.push(`${compact}|${symbol}|${short}|${exempt}|${total}|B,Q,N`);
      stored.push(`${symbol}|${date}|CNMS|${short}|${exempt}|${total}|B,Q,N|finra-file|${date}`);
    }
    parts.push(body.join('\r\n'), `\r\n${symbols.length}\r\n`);
    await writeAll(path, parts.join(''));
    if (!data.write(`${stored.join('\n')}\n`)) await once(data, 'drain');
    rows += symbols.length;
  }
  data.end();
  await once(data, 'finish');
  return { files, rows, dataFile: join(dir, 'all-rows.psv') };
}

async function writeAll(path: string, text: string): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}
