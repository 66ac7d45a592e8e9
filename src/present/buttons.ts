// Buttons under a message, as every layer that composes a message describes them: the chat core's
// replies, alerts in the outbox, the Telegram sender (which turns them into inline keyboards).

/** A button under a message. `data` is callback data: at most 64 bytes (`ack:123`, `mute:GME:1d`). */
export interface ChatButton {
  text: string;
  data: string;
}

/** Rows of buttons. */
export type ButtonRows = ChatButton[][];
