import type { Update } from 'telegraf/types';

// The key an update is ordered by: its chat. A button press under a message belongs to that message's
// chat; one without a message (an inline button) and an inline query to the user's private chat, whose
// id is the user's. An update with neither (a poll's state) has its own queue, `-`.

interface WithChat {
  chat?: { id: number };
  from?: { id: number };
  message?: { chat: { id: number } };
}

const KINDS = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'callback_query',
  'inline_query',
  'chosen_inline_result',
  'my_chat_member',
  'chat_member',
  'chat_join_request',
  'message_reaction',
] as const;

export function updateChatId(update: Update): string {
  const u = update as unknown as Record<string, WithChat | undefined>;
  for (const kind of KINDS) {
    const part = u[kind];
    if (!part) continue;
    const chat = part.chat?.id ?? part.message?.chat.id ?? part.from?.id;
    if (chat !== undefined) return String(chat);
  }
  return '-';
}
