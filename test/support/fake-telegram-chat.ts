import type { FakeTelegram, RecordedCall } from './fake-telegram-server';

// What the Telegram e2e tests do as a user against the fake Bot API: type a message and wait for the
// bot's answer in that chat, read the inline keyboard and the id of a message the bot sent.

/** `from` types `text` in `chat`; resolves with the bot's next sendMessage to that chat. */
export async function typeIn(fake: FakeTelegram, from: number, chat: number, text: string): Promise<RecordedCall> {
  const after = fake.calls.length;
  fake.pushMessage(from, chat, text);
  return fake.waitFor((c) => c.seq > after && c.method === 'sendMessage' && c.chatId === String(chat));
}

type Keyboard = { inline_keyboard: { text: string; callback_data?: string }[][] };

/** The buttons of a sent or edited message, row by row flattened: text and callback data. */
export const keyboardOf = (c: RecordedCall): { text: string; callback_data?: string }[] =>
  ((c.params.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat();

/** The id Telegram gave a message the bot sent. */
export const sentMessageId = (c: RecordedCall): number => (c.result as { message_id: number }).message_id;
