// Telegram HTML parse mode: only <b> <i> <u> <s> <code> <pre> <a> are tags, and `<`, `>`, `&` in text
// must be entities. Every value that comes from data or a user goes through escapeHtml; tables go
// in <pre> so columns line up in a monospace font.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** What may be shown as text: an object would print as [object Object], so it is not accepted. */
export type Text = string | number | boolean | null | undefined;

export function escapeHtml(value: Text): string {
  return String(value ?? '').replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}

export const bold = (value: Text): string => `<b>${escapeHtml(value)}</b>`;
export const italic = (value: Text): string => `<i>${escapeHtml(value)}</i>`;
export const code = (value: Text): string => `<code>${escapeHtml(value)}</code>`;

export interface TableOptions {
  /** columns aligned right (numbers); by default a column is right-aligned when every body cell looks numeric */
  alignRight?: boolean[];
  /** a separator line under the header */
  rule?: boolean;
}

const NUMERIC = /^[-+−]?[$]?[\d.,]+[%kKMBx]?$|^[—-]$/;

/** The table as aligned plain text (no tags), for <pre> blocks and the console. */
export function alignColumns(header: string[], rows: string[][], options: TableOptions = {}): string {
  const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const right = header.map(
    (_, i) => options.alignRight?.[i] ?? (rows.length > 0 && rows.every((r) => NUMERIC.test(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(width[i]!) : c.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header)];
  if (options.rule !== false) out.push(width.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) out.push(line(header.map((_, i) => r[i] ?? '')));
  return out.join('\n');
}

/** A <pre> table: cells are plain values, escaped here. */
export function preTable(header: string[], rows: string[][], options: TableOptions = {}): string {
  return `<pre>${escapeHtml(alignColumns(header, rows, options))}</pre>`;
}

/** A <pre> block of `label  value` lines, labels padded to one width. */
export function preFields(fields: [label: string, value: string][]): string {
  const w = Math.max(0, ...fields.map(([l]) => l.length));
  return `<pre>${escapeHtml(fields.map(([l, v]) => `${l.padEnd(w)}  ${v}`).join('\n'))}</pre>`;
}

/** Removes tags and decodes the entities escapeHtml makes: what a plain-text surface shows. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\s+href="([^"]*)">([\s\S]*?)<\/a>/g, '$2 ($1)')
    .replace(/<\/?(?:b|strong|i|em|u|ins|s|strike|del|code|pre|tg-spoiler|blockquote)(?:\s[^>]*)?>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
