import { htmlToText } from './html';

// A Telegram bubble on a phone shows about 36 characters a line. Width is measured on what Telegram
// shows (tags stripped, entities decoded), an emoji taking two cells, so every chat view can be held to it.

/** The characters a phone bubble shows on one line without wrapping. */
export const PHONE_WIDTH = 36;

const ZERO_WIDTH = /\p{Mn}|\p{Me}|\p{Cf}/u;
const WIDE =
  /\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u;

/** Cells one line of plain text takes: emoji and CJK two, joiners and variation selectors none. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return w;
}

/** The widest line of `html` as Telegram shows it. */
export function visibleWidth(html: string): number {
  return Math.max(0, ...visibleLines(html).map(textWidth));
}

/** The lines of `html` as Telegram shows them. */
export function visibleLines(html: string): string[] {
  return htmlToText(html).split('\n');
}

/** Splits one HTML line into words at spaces outside tags (a tag never breaks). */
function htmlWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inTag = false;
  for (const ch of line) {
    if (ch === '<') inTag = true;
    else if (ch === '>') inTag = false;
    if (ch === ' ' && !inTag) {
      words.push(cur);
      cur = '';
    } else cur += ch;
  }
  words.push(cur);
  return words;
}

const width = (html: string) => textWidth(htmlToText(html));

/**
 * Breaks every line of `html` wider than `max` at spaces, continuation lines indented under a leading
 * bullet (`• `) or indent. Lines inside <pre> are left alone: a view that fits the phone has none wide.
 */
export function fitPhone(html: string, max = PHONE_WIDTH): string {
  let inPre = false;
  const out: string[] = [];
  for (const line of html.split('\n')) {
    const pre = inPre || line.includes('<pre>');
    if (line.includes('<pre>')) inPre = true;
    if (line.includes('</pre>')) inPre = false;
    if (pre || width(line) <= max) {
      out.push(line);
      continue;
    }
    const indent = ' '.repeat(/^(\s*(?:[•·\-–]\s|\d+\.\s+)?)/.exec(htmlToText(line))?.[1]?.length ?? 0);
    let cur = '';
    for (const word of htmlWords(line)) {
      const next = cur === '' ? word : `${cur} ${word}`;
      if (cur !== '' && cur.trim() !== '' && width(next) > max) {
        out.push(cur);
        cur = indent + word;
      } else cur = next;
    }
    out.push(cur);
  }
  return out.join('\n');
}
