// How wide a line of a Telegram HTML message reads in a phone bubble: ~36 monospace-ish columns
// once tags are gone and entities decoded. Emoji take two columns on phones, variation selectors
// and joiners none, so a plain string length would undercount the lines that carry icons.

import { escapeHtml, htmlToText } from './html';

/** The columns a phone bubble shows before it wraps a line. */
export const PHONE_COLUMNS = 36;

const ZERO_WIDTH = /\p{M}|\u200B|\u200C|\u200D/u;
const WIDE =
  /\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]/u;

/** The columns one line shows: tags stripped, entities decoded, an emoji two columns. */
export function visibleWidth(htmlLine: string): number {
  // every tag goes first (a link shows its text only), then the entities escapeHtml makes
  const text = htmlToText(htmlLine.replace(/<[^>]*>/g, ''));
  let width = 0;
  for (const ch of text) {
    if (ZERO_WIDTH.test(ch)) continue;
    width += WIDE.test(ch) ? 2 : 1;
  }
  return width;
}

/** Every line of the message fits `max` columns. */
export function fitsPhone(html: string, max = PHONE_COLUMNS): boolean {
  return html.split('\n').every((line) => visibleWidth(line) <= max);
}

/** The lines of the message wider than `max`, for a test failure that says which. */
export function widePhoneLines(html: string, max = PHONE_COLUMNS): string[] {
  return html.split('\n').filter((line) => visibleWidth(line) > max);
}

/**
 * Plain words wrapped at `max` columns (escape each line afterwards): later lines start with `indent`.
 */
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
 * A message of sentences (HTML) with every line over `max` columns wrapped at its spaces; tags stay
 * whole (a bold run may go on across the break, which Telegram shows as it should). <pre> blocks are
 * left alone: their columns line up only as they are.
 */
export function fitHtml(html: string, max = PHONE_COLUMNS, indent = ''): string {
  const parts = html.split(/(<pre>[\s\S]*?<\/pre>)/);
  return parts
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

function wrapHtmlLine(line: string, max: number, indent: string): string {
  if (visibleWidth(line) <= max) return line;
  const lead = /^\s*/.exec(line)![0];
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
      current = `${lead}${indent}${token}`;
    } else current = next;
  }
  if (current.trim()) lines.push(current);
  return lines.join('\n');
}
