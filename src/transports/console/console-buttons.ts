import type { SentMessage } from '../../chat/chat-context';
import type { ButtonRows } from '../../present/buttons';

// Buttons on a terminal: each one shown gets a number (`[3 ✅ Confirm]`) that the user types to press
// it. Numbers grow through the session, so an alert's buttons printed earlier still work after later
// replies; the oldest are forgotten past MAX_HELD (pressing one then says it is too old).

const MAX_HELD = 500;

export interface HeldButton {
  data: string;
  message: SentMessage;
}

export function createButtonBoard() {
  let next = 0;
  const held = new Map<number, HeldButton>();
  return {
    /** The rows as lines of numbered buttons; remembers each number's callback data and message. */
    render(rows: ButtonRows, message: SentMessage): string {
      const lines = rows.map((row) =>
        row
          .map((b) => {
            if (b.data.startsWith('noop:')) return `(${b.text})`;
            const n = ++next;
            held.set(n, { data: b.data, message });
            if (held.size > MAX_HELD) held.delete(held.keys().next().value!);
            return `[${n} ${b.text}]`;
          })
          .join(' '),
      );
      return lines.join('\n');
    },
    /** The button behind a typed number, or null (never shown, or forgotten). */
    take(n: number): HeldButton | null {
      return held.get(n) ?? null;
    },
  };
}

export type ButtonBoard = ReturnType<typeof createButtonBoard>;

/** A line that presses a button: just its number (`3`). */
export function pressedNumber(line: string): number | null {
  return /^\d{1,4}$/.test(line.trim()) ? Number(line.trim()) : null;
}
