import type { Dataset } from '../../domain/market-data';

// What `squeezebot import` prints: one line per file as it finishes, then a summary.

export type FileStatus = 'imported' | 'empty' | 'skipped' | 'rejected';

export interface FileResult {
  path: string;
  /** the format's kind (`finra-shortvol`, `yahoo-daily`, ...), null when not recognised */
  kind: string | null;
  dataset: Dataset | null;
  status: FileStatus;
  /** records written (0 unless imported) */
  rows: number;
  firstDate: string | null;
  lastDate: string | null;
  /** distinct symbols among the rows */
  symbols: number;
  /** rows left out on purpose, counted by reason */
  skipped: Record<string, number>;
  /** why the file was rejected or skipped; for a rejected file `line N: problem` when a line is to blame */
  error?: string;
  /** the line a rejection names */
  line?: number;
  /** a caution about a file imported all the same (the format's `warning`) */
  warning?: string;
  /** sha256 of the whole file, when it was read to the end */
  checksum?: string;
  ms: number;
}

export interface ImportReport {
  files: FileResult[];
  /** imported or empty */
  ok: number;
  rejected: number;
  skipped: number;
  exitCode: 0 | 1;
}

export function buildReport(files: FileResult[]): ImportReport {
  const rejected = files.filter((f) => f.status === 'rejected').length;
  return {
    files,
    ok: files.filter((f) => f.status === 'imported' || f.status === 'empty').length,
    rejected,
    skipped: files.filter((f) => f.status === 'skipped').length,
    exitCode: rejected > 0 ? 1 : 0,
  };
}

function dates(first: string | null, last: string | null): string {
  if (!first || !last) return '';
  return first === last ? first : `${first}..${last}`;
}

function skippedText(skipped: Record<string, number>): string {
  const entries = Object.entries(skipped);
  const total = entries.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return '(0 skipped)';
  return `(${total} skipped: ${entries.map(([reason, c]) => `${c} ${reason}`).join('; ')})`;
}

/** One line for one file, e.g. `imported  finra-shortvol  CNMSshvol20200603.txt  12 rows  2020-06-03  (0 skipped)`. */
export function formatImportLine(r: FileResult): string {
  const status = r.status.padEnd(9);
  const kind = r.kind ? `${r.kind}  ` : '';
  switch (r.status) {
    case 'imported':
    case 'empty': {
      const range = dates(r.firstDate, r.lastDate);
      return `${status} ${kind}${r.path}  ${plural(r.rows, 'row')}${range ? `  ${range}` : ''}  ${plural(r.symbols, 'symbol')}  ${skippedText(r.skipped)}${r.warning ? `  warning: ${r.warning}` : ''}`;
    }
    case 'rejected':
    case 'skipped':
      return `${status} ${kind}${r.path}: ${r.error ?? r.status}`;
  }
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Totals, then rows and date range per dataset. */
export function formatImportSummary(report: ImportReport): string {
  const empty = report.files.filter((f) => f.status === 'empty').length;
  const lines = [
    `${report.files.length} files: ${report.ok - empty} imported, ${empty} empty, ${report.skipped} skipped, ${report.rejected} rejected`,
  ];
  const byDataset = new Map<Dataset, { files: number; rows: number; first: string | null; last: string | null }>();
  for (const f of report.files) {
    if (!f.dataset || (f.status !== 'imported' && f.status !== 'empty')) continue;
    const s = byDataset.get(f.dataset) ?? { files: 0, rows: 0, first: null, last: null };
    s.files++;
    s.rows += f.rows;
    if (f.firstDate && (s.first === null || f.firstDate < s.first)) s.first = f.firstDate;
    if (f.lastDate && (s.last === null || f.lastDate > s.last)) s.last = f.lastDate;
    byDataset.set(f.dataset, s);
  }
  for (const [dataset, s] of [...byDataset].sort(([a], [b]) => a.localeCompare(b))) {
    const range = dates(s.first, s.last);
    lines.push(
      `  ${dataset.padEnd(13)} ${plural(s.rows, 'row')} from ${plural(s.files, 'file')}${range ? `  ${range}` : ''}`,
    );
  }
  if (report.rejected > 0)
    lines.push(
      `${plural(report.rejected, 'file')} rejected: nothing from ${report.rejected === 1 ? 'it' : 'them'} was written`,
    );
  return lines.join('\n');
}
