// One splitter for every long reply: Telegram takes 4096 characters a message and 1024 a caption.
// Cuts fall on line boundaries; a tag open at a cut (a <pre> table, a <b> heading) is closed at the end
// of one part and reopened at the start of the next, so every part is valid HTML on its own. A single
// line longer than a part is cut between characters, never inside a tag or an entity.

export const MESSAGE_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

const TAG = /<(\/?)([a-z][a-z-]*)([^>]*)>/gi;

interface OpenTag {
  name: string;
  /** the opening tag as written, attributes included, to reopen it */
  open: string;
}

const closing = (stack: OpenTag[]): string =>
  stack
    .map((t) => `</${t.name}>`)
    .reverse()
    .join('');
const opening = (stack: OpenTag[]): string => stack.map((t) => t.open).join('');

function track(stack: OpenTag[], text: string): OpenTag[] {
  const next = [...stack];
  for (const m of text.matchAll(TAG)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      const at = next.map((t) => t.name).lastIndexOf(name);
      if (at >= 0) next.splice(at, 1);
    } else next.push({ name, open: m[0] });
  }
  return next;
}

/** Cuts one over-long line into pieces of at most `size` characters between tags and entities. */
function hardCut(line: string, size: number): string[] {
  const tokens = line.match(/<[^>]*>|&[#a-z0-9]+;|[\s\S]/gi) ?? [];
  const pieces: string[] = [];
  let cur = '';
  for (const t of tokens) {
    if (cur.length + t.length > size && cur) {
      pieces.push(cur);
      cur = '';
    }
    cur += t;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

export function splitMessage(html: string, limit = MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let stack: OpenTag[] = [];
  let body = '';
  let bodyStack: OpenTag[] = [];
  // room left for the tags that must be closed at the end of a part and reopened in the next
  const room = (s: OpenTag[]) => limit - closing(s).length;

  const flush = () => {
    if (body.replace(/<[^>]*>/g, '').trim() !== '') parts.push(body + closing(stack));
    body = opening(stack);
    bodyStack = stack;
  };
  body = '';
  bodyStack = stack;

  for (const rawLine of html.split('\n')) {
    const pieces = rawLine.length > limit / 2 ? hardCut(rawLine, Math.floor(limit / 2)) : [rawLine];
    pieces.forEach((piece, i) => {
      const sep = body === '' || body === opening(bodyStack) || i > 0 ? '' : '\n';
      const after = track(stack, piece);
      if ((body + sep + piece).length > room(after) && body !== opening(bodyStack)) {
        flush();
        body += piece;
      } else body += sep + piece;
      stack = after;
    });
    // a line that ended up at the very start of a part keeps no stray newline
  }
  if (body.replace(/<[^>]*>/g, '').trim() !== '') parts.push(body + closing(stack));
  return parts.length ? parts : [''];
}

/** A caption of at most 1024 characters, and the rest as follow-up messages. */
export function splitCaption(html: string): { caption: string; rest: string[] } {
  if (html.length <= CAPTION_LIMIT) return { caption: html, rest: [] };
  const [caption = '', ...rest] = splitMessage(html, CAPTION_LIMIT);
  return { caption, rest: rest.length ? splitMessage(rest.join('\n')) : [] };
}
