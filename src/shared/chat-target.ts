// Where a Telegram message goes: a chat (`-1001234567890`, `@channel`, a user id) or one topic of a
// forum group (`-1001234567890:42`, chat then message_thread_id). Written as one string so config
// lists, outbox targets and the chat surface carry a topic without a second field.

export const CHAT_TARGET = /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,})(?::(\d+))?$/;

export interface ChatTarget {
  /** a number for numeric ids (the Bot API's chat_id), else the @username */
  chatId: string | number;
  /** the forum topic, when the target names one */
  threadId?: number;
}

export function parseChatTarget(target: string | number): ChatTarget {
  const m = CHAT_TARGET.exec(String(target).trim());
  // an odd id still goes to Telegram as written: its answer ("chat not found") says more than ours would
  if (!m) return { chatId: target };
  const chatId = /^-?\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!;
  return m[2] === undefined ? { chatId } : { chatId, threadId: Number(m[2]) };
}

/** `chatId:threadId` for a topic, else the chat id alone. */
export function chatTarget(chatId: string | number, threadId?: number): string {
  return threadId === undefined ? String(chatId) : `${chatId}:${threadId}`;
}
