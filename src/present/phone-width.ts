import { escapeHtml, htmlToText } from './html';

// A Telegram bubble on a phone shows about 36 characters a line. Width is measured on what Telegram
// shows (tags stripped, entities decoded), an emoji taking two columns and joiners or variation selectors
// none — a plain string length would undercount the lines that carry icons — so every chat view can be
// held to it, and the helpers below wrap what would not fit.

/** The columns a phone bubble shows before it wraps a line. */
export const PHONE_COLUMNS = 36;

const ZERO_WIDTH = /\p{M}|\p{Cf}/u;
const WIDE =
  /\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u;

/** Columns one line of plain text takes. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return w;
}

/** The lines of `html` as Telegram shows them (every tag gone — a link shows its text —, entities decoded). */
export function visibleLines(html: string): string[] {
  return htmlToText(html.replace(/<[^>]*>/g, '')).split('\n');
}

/** The widest line of `html` as Telegram shows it. */
export function visibleWidth(html: string): number {
  return Math.max(0, ...visibleLines(html).map(textWidth));
}

/** Every line of the message fits `max` columns. */
export function fitsPhone(html: string, max = PHONE_COLUMNS): boolean {
  return widePhoneLines(html, max).length === 0;
}

/** The lines of the message wider than `max`, for a test failure that says which. */
export function widePhoneLines(html: string, max = PHONE_COLUMNS): string[] {
  return html.split('\n').filter((line) => visibleWidth(line) > max);
}

/** Plain words wrapped at `max` columns (escape each line afterwards): later lines start with `indent`. */
export function wrapWords(text: string, max = PHONE_COLUMNS, indent = '', firstIndent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  // a word wider than a line (a long key or address) is cut into pieces that fit
  const room = Math.max(8, max - indent.length);
  const pieces = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (w.length <= room ? [w] : (w.match(new RegExp(`.{1,${room}}`, 'gu')) ?? [w])));
  for (const word of pieces) {
    const lead = lines.length ? indent : firstIndent;
    const next = line ? `${line} ${word}` : `${lead}${word}`;
    if (line && visibleWidth(next) > max) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** `first` and `second` (HTML) on one line when it fits, else `second` on its own indented line; no `second`, `first`. */
export function joinOrBreak(first: string, second: string, sep = ' · ', indent = '   '): string {
  if (!second) return first;
  const one = `${first}${sep}${second}`;
  return visibleWidth(one) <= PHONE_COLUMNS ? one : `${first}\n${indent}${second}`;
}

/** Plain text wrapped for a phone and escaped: a sentence from data or a fixed phrase, as HTML lines. */
export function wrapHtml(text: string, indent = '', firstIndent = ''): string {
  return text
    .split('\n')
    .flatMap((line) => (line.trim() ? wrapWords(line, PHONE_COLUMNS, indent, firstIndent) : ['']))
    .map(escapeHtml)
    .join('\n');
}

/**
 * Breaks every line of `html` wider than `max` at spaces outside tags (a bold run may go on across the
 * break, which Telegram shows as it should). Continuation lines are indented by `indent`, or by default
 * under the line's own bullet (`• `), rank (`3. `) or indent. <pre> blocks are left alone: their columns
 * line up only as they are, and a view that fits the phone has none wide.
 */
export function fitPhone(html: string, max = PHONE_COLUMNS, indent?: string): string {
  return html
    .split(/(<pre>[\s\S]*?<\/pre>)/)
    .map((part) =>
      part.startsWith('<pre>')
        ? part
        : part
            .split('\n')
            .map((l) => wrapHtmlLine(l, max, indent))
            .join('\n'),
    )
    .join('');
}

function wrapHtmlLine(line: string, max: number, indent: string | undefined): string {
  if (visibleWidth(line) <= max) return line;
  const lead = /^\s*/.exec(line)![0];
  const under = indent ?? ' '.repeat(/^(\s*(?:[•·\-–]\s|\d+\.\s+)?)/.exec(visibleLines(line)[0]!)?.[1]?.length ?? 0);
  // a space inside a tag (<a href="…">) is not a place to break
  const tokens = line
    .slice(lead.length)
    .split(/ (?![^<]*>)/)
    .filter(Boolean);
  const lines: string[] = [];
  let current = lead;
  for (const token of tokens) {
    const next = current.trim() ? `${current} ${token}` : `${current}${token}`;
    if (current.trim() && visibleWidth(next) > max) {
      lines.push(current);
      current = indent === undefined ? `${under}${token}` : `${lead}${indent}${token}`;
    } else current = next;
  }
  if (current.trim()) lines.push(current);
  return lines.join('\n');
}
