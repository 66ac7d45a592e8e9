// Buttons under a message, as every layer that composes a message describes them: the chat core's
// replies, alerts in the outbox, the Telegram sender (which turns them into inline keyboards), the
// console (which numbers them so they can be typed).

/** Telegram refuses callback data over 64 bytes (UTF-8), so every button is checked when it is made. */
export const MAX_CALLBACK_BYTES = 64;

/** A button under a message. `data` is callback data: at most 64 bytes (`ack:123`, `mute:GME:1d`). */
export interface ChatButton {
  text: string;
  data: string;
}

/** Rows of buttons. */
export type ButtonRows = ChatButton[][];

/** A button with its callback data checked against Telegram's limit (a longer one is a bug: it throws). */
export function button(text: string, data: string): ChatButton {
  const bytes = Buffer.byteLength(data, 'utf8');
  if (bytes > MAX_CALLBACK_BYTES)
    throw new Error(`callback data of "${text}" is ${bytes} bytes (Telegram allows ${MAX_CALLBACK_BYTES}): ${data}`);
  return { text, data };
}

/** A button that runs a chat command as if typed, its answer a new message: `commandButton('Why', '/why GME')`. */
export function commandButton(text: string, commandLine: string): ChatButton {
  return button(text, `run:${commandLine}`);
}

/**
 * A button that runs a command again and puts its answer in place of the message it sits under:
 * Refresh, and the Prev/Next of a paged list (`/alerts all 2`).
 */
export function inPlaceButton(text: string, commandLine: string): ChatButton {
  return button(text, `re:${commandLine}`);
}

/** `◀ Prev` / `Next ▶` for page `page` of `pages` (1-based); `line(n)` is the command that shows page n. */
export function pagerRow(page: number, pages: number, line: (page: number) => string): ChatButton[] {
  const row: ChatButton[] = [];
  if (page > 1) row.push(inPlaceButton('◀ Prev', line(page - 1)));
  if (pages > 1) row.push(button(`${page}/${pages}`, 'noop:'));
  if (page < pages) row.push(inPlaceButton('Next ▶', line(page + 1)));
  return pages > 1 ? row : [];
}
