import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A big import folder for the concurrency tests and the chaos figures: FINRA CNMS daily short-volume
// files (FORMATS.md layout: pipe separated, CRLF, trailing record count), one per weekday, every
// symbol on every day. Deterministic, so two runs write the same rows.

export interface FinraFolderOptions {
  days: number;
  symbols: number;
  /** first trade date, YYYY-MM-DD; weekends are skipped */
  from?: string;
}

export function symbolAt(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `Z${s}`;
}

/** Writes the folder and returns the trade dates it holds. */
export function writeFinraFolder(dir: string, options: FinraFolderOptions): string[] {
  mkdirSync(dir, { recursive: true });
  const dates: string[] = [];
  const day = new Date(`${options.from ?? '2023-01-03'}T00:00:00Z`);
  while (dates.length < options.days) {
    const wd = day.getUTCDay();
    if (wd !== 0 && wd !== 6) dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  const symbols = Array.from({ length: options.symbols }, (_, i) => symbolAt(i)).sort();
  dates.forEach((date, d) => {
    const ymd = date.replaceAll('-', '');
    const lines = ['Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market'];
    symbols.forEach((sym, s) => {
      const total = 10_000 + ((s * 7919 + d * 104729) % 900_000);
      const short = Math.floor(total * (0.3 + ((s + d) % 40) / 100));
      lines.push(`${ymd}|${sym}|${short}|${short % 997}|${total}|B,Q,N`);
    });
    lines.push(String(symbols.length));
    writeFileSync(join(dir, `CNMSshvol${ymd}.txt`), lines.join('\r\n') + '\r\n');
  });
  return dates;
}
