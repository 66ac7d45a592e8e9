// What the real Bot API does with parse_mode HTML, reduced to what catches our bugs: it rejects
// unknown or unbalanced tags and bare `<` / `&` ("can't parse entities"), and the Message it answers
// carries the text with the markup removed. A splitter that cuts inside a tag, or a value that was
// not escaped, fails here as it would on Telegram.

const ALLOWED = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'span',
  'tg-spoiler',
  'tg-emoji',
  'blockquote',
]);
const ENTITY = /^&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i;

/** null when Telegram would accept the text, else the reason it would give. */
export function htmlProblem(html: string): string | null {
  const open: string[] = [];
  for (let i = 0; i < html.length; i++) {
    const ch = html[i];
    if (ch === '&') {
      if (!ENTITY.test(html.slice(i, i + 12))) return `Can't find end of the entity starting at byte offset ${i}`;
      continue;
    }
    if (ch !== '<') continue;
    const end = html.indexOf('>', i);
    if (end < 0) return `Unclosed start tag at byte offset ${i}`;
    const tag = html.slice(i + 1, end);
    const closing = tag.startsWith('/');
    const name = (closing ? tag.slice(1) : tag).split(/[\s=]/)[0]!.toLowerCase();
    if (!ALLOWED.has(name)) return `Unsupported start tag "${name}" at byte offset ${i}`;
    if (closing) {
      const top = open.pop();
      if (top !== name) return `Can't find end tag corresponding to start tag "${top ?? name}"`;
    } else {
      open.push(name);
    }
    i = end;
  }
  return open.length ? `Can't find end tag corresponding to start tag "${open[open.length - 1]}"` : null;
}

/** The text as a Telegram client shows it: tags removed, entities decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** Telegram counts message length in UTF-16 code units after entity parsing. */
export function telegramLength(html: string, parseMode: unknown): number {
  return parseMode === 'HTML' ? plainText(html).length : html.length;
}
