import type { Chat, Message, Update, User } from 'telegraf/types';
import { htmlProblem, plainText, telegramLength } from './fake-telegram-html';
import type { MultipartFile } from './multipart';

// The state and the methods of the fake Bot API: the answers have the real shapes (Message with
// message_id, from, chat, date, text/photo/document, reply_markup; `true` for the methods that answer
// true) and the real 400 descriptions for what our code could get wrong (empty or too long text, a
// caption over 1024, callback data over 64 bytes, markup Telegram cannot parse, editing a message
// that is not there or not changed).

export interface ApiAnswer {
  status: number;
  body: unknown;
}

const ok = (result: unknown): ApiAnswer => ({ status: 200, body: { ok: true, result } });
const bad = (description: string, status = 400): ApiAnswer => ({
  status,
  body: {
    ok: false,
    error_code: status,
    description: `${status === 400 ? 'Bad Request' : 'Forbidden'}: ${description}`,
  },
});
const now = () => Math.floor(Date.now() / 1000);

type InlineKeyboard = { inline_keyboard: { text: string; callback_data?: string }[][] };

export function createFakeTelegramMethods(deps: { wake: () => void }) {
  const bot: User = { id: 7_000_000_001, is_bot: true, first_name: 'SqueezeBot', username: 'squeeze_test_bot' };
  const getMe = { ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
  const updates: Update[] = [];
  let nextUpdateId = 100_000;
  const chats = new Map<string, Chat>();
  const nextMessageId = new Map<string, number>();
  const messages = new Map<string, Message>();
  const callbackQueries = new Set<string>();
  const commands = new Map<string, { command: string; description: string }[]>();
  let webhook: { url: string; secret_token?: string } | null = null;
  let fileSeq = 0;

  const userOf = (u: number | (Partial<User> & { id: number })): User =>
    typeof u === 'number'
      ? { id: u, is_bot: false, first_name: `User${u}`, language_code: 'en' }
      : { is_bot: false, first_name: `User${u.id}`, ...u };

  function chatOf(c: number | string | (Partial<Chat> & { id: number })): Chat {
    const id = typeof c === 'object' ? c.id : Number(c);
    const known = chats.get(String(id));
    if (known && typeof c !== 'object') return known;
    const made = (
      id > 0 ? { id, type: 'private', first_name: `User${id}` } : { id, type: 'supergroup', title: `Group ${id}` }
    ) as Chat;
    const chat = { ...made, ...(typeof c === 'object' ? c : {}) } as Chat;
    chats.set(String(id), chat);
    return chat;
  }

  function store(chatKey: number | string, fields: Partial<Message> & { from: User }): Message {
    const chat = chatOf(chatKey);
    const id = nextMessageId.get(String(chat.id)) ?? 1;
    nextMessageId.set(String(chat.id), id + 1);
    const message = { message_id: id, date: now(), chat, ...fields } as Message;
    messages.set(`${chat.id}:${id}`, message);
    return message;
  }

  function push(
    update: Omit<Update.MessageUpdate, 'update_id'> | Omit<Update.CallbackQueryUpdate, 'update_id'>,
  ): Update {
    const full = { update_id: nextUpdateId++, ...update } as Update;
    updates.push(full);
    deps.wake();
    return full;
  }

  function keyboardProblem(markup: unknown): string | null {
    const rows = (markup as InlineKeyboard | undefined)?.inline_keyboard;
    if (!rows) return null;
    for (const b of rows.flat())
      if (b.callback_data !== undefined && (Buffer.byteLength(b.callback_data) > 64 || !b.callback_data))
        return 'BUTTON_DATA_INVALID';
    return null;
  }

  function textProblem(text: unknown, parseMode: unknown, max: number, what: 'text' | 'caption'): string | null {
    if (what === 'text' && (typeof text !== 'string' || !text.trim())) return 'message text is empty';
    if (typeof text !== 'string') return null;
    if (telegramLength(text, parseMode) > max)
      return what === 'text' ? 'message is too long' : 'message caption is too long';
    const problem = parseMode === 'HTML' ? htmlProblem(text) : null;
    return problem ? `can't parse entities: ${problem}` : null;
  }

  const shown = (text: string, parseMode: unknown) => (parseMode === 'HTML' ? plainText(text) : text);
  const withMarkup = (p: Record<string, unknown>) => ({
    ...(p.reply_markup ? { reply_markup: p.reply_markup as InlineKeyboard } : {}),
    ...inTopic(p.message_thread_id),
  });
  /** a message sent to a forum topic is marked so, as Telegram marks it (the test asserts the topic) */
  const inTopic = (thread: unknown) => {
    // a multipart upload (photo, document) carries it as a string field
    const id = typeof thread === 'string' && /^\d+$/.test(thread) ? Number(thread) : thread;
    return typeof id === 'number' ? { message_thread_id: id, is_topic_message: true as const } : {};
  };

  function sendMedia(p: Record<string, unknown>, files: MultipartFile[], field: 'photo' | 'document'): ApiAnswer {
    const file = files.find((f) => f.field === field);
    if (!file && typeof p[field] !== 'string') return bad(`there is no ${field} in the request`);
    const problem = textProblem(p.caption, p.parse_mode, 1024, 'caption') ?? keyboardProblem(p.reply_markup);
    if (problem) return bad(problem);
    const fileId = `file-${++fileSeq}`;
    const size = file?.bytes.length ?? 0;
    const media =
      field === 'photo'
        ? {
            photo: [
              {
                file_id: `${fileId}-s`,
                file_unique_id: `u${fileId}-s`,
                width: 90,
                height: 60,
                file_size: Math.ceil(size / 10),
              },
              { file_id: fileId, file_unique_id: `u${fileId}`, width: 1200, height: 800, file_size: size },
            ],
          }
        : {
            document: {
              file_id: fileId,
              file_unique_id: `u${fileId}`,
              file_name: file?.filename,
              mime_type: file?.contentType ?? 'application/octet-stream',
              file_size: size,
            },
          };
    const caption = typeof p.caption === 'string' ? { caption: shown(p.caption, p.parse_mode) } : {};
    return ok(store(String(p.chat_id), { from: bot, ...media, ...caption, ...withMarkup(p) }));
  }

  function edit(p: Record<string, unknown>, change: 'text' | 'markup'): ApiAnswer {
    const key = `${String(p.chat_id)}:${String(p.message_id)}`;
    const current: (Message & { text?: string; reply_markup?: InlineKeyboard }) | undefined = messages.get(key);
    if (!current || current.from?.id !== bot.id) return bad('message to edit not found');
    const problem =
      (change === 'text' ? textProblem(p.text, p.parse_mode, 4096, 'text') : null) ?? keyboardProblem(p.reply_markup);
    if (problem) return bad(problem);
    const text = change === 'text' ? shown(String(p.text), p.parse_mode) : current.text;
    const markup = p.reply_markup as InlineKeyboard | undefined;
    if (text === current.text && JSON.stringify(markup) === JSON.stringify(current.reply_markup)) {
      return bad(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    const next = { ...current, text, edit_date: now() } as Message & { reply_markup?: InlineKeyboard };
    if (markup) next.reply_markup = markup;
    else delete next.reply_markup;
    messages.set(key, next);
    return ok(next);
  }

  const table: Record<string, (p: Record<string, unknown>, files: MultipartFile[]) => ApiAnswer> = {
    getMe: () => ok(getMe),
    sendMessage: (p) => {
      const problem = textProblem(p.text, p.parse_mode, 4096, 'text') ?? keyboardProblem(p.reply_markup);
      if (problem) return bad(problem);
      return ok(
        store(String(p.chat_id), {
          from: bot,
          text: shown(String(p.text), p.parse_mode),
          ...withMarkup(p),
        }),
      );
    },
    sendPhoto: (p, files) => sendMedia(p, files, 'photo'),
    sendDocument: (p, files) => sendMedia(p, files, 'document'),
    sendChatAction: (p) => (typeof p.action === 'string' ? ok(true) : bad('wrong parameter action in request')),
    editMessageText: (p) => edit(p, 'text'),
    editMessageReplyMarkup: (p) => edit(p, 'markup'),
    answerCallbackQuery: (p) =>
      callbackQueries.delete(String(p.callback_query_id))
        ? ok(true)
        : bad('query is too old and response timeout expired or query ID is invalid'),
    setMyCommands: (p) => {
      const list = p.commands as { command: string; description: string }[];
      if (
        !Array.isArray(list) ||
        list.some((c) => !/^[a-z0-9_]{1,32}$/.test(c.command) || !c.description || c.description.length > 256)
      )
        return bad('BOT_COMMAND_INVALID');
      const scope = p.scope as { type: string; chat_id?: number | string; user_id?: number } | undefined;
      commands.set(
        !scope || scope.type === 'default'
          ? 'default'
          : [scope.type, scope.chat_id, scope.user_id].filter((x) => x !== undefined).join(':'),
        list,
      );
      return ok(true);
    },
    deleteWebhook: () => {
      webhook = null;
      return ok(true);
    },
    setWebhook: (p) => {
      webhook = { url: String(p.url), secret_token: p.secret_token as string | undefined };
      return ok(true);
    },
    getWebhookInfo: () =>
      ok({ url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: updates.length }),
  };

  return {
    bot,
    commands,
    get webhook() {
      return webhook;
    },
    call(method: string, params: Record<string, unknown>, files: MultipartFile[]): ApiAnswer {
      const fn = table[method];
      if (!fn) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
      if (/^(send|edit)/.test(method) && params.chat_id === undefined) return bad('chat_id is empty');
      return fn(params, files);
    },
    /** updates below `offset` are confirmed and forgotten, as getUpdates does */
    confirm(offset: number) {
      while (updates.length && updates[0]!.update_id < offset) updates.shift();
    },
    pending: (offset: number) => updates.filter((u) => u.update_id >= offset),
    message: (chatId: string, messageId: number) => messages.get(`${chatId}:${messageId}`),
    pushMessage(
      from: number | (Partial<User> & { id: number }),
      chat: number | (Partial<Chat> & { id: number }),
      text: string,
      options: { threadId?: number } = {},
    ) {
      const command = /^\/\S+/.exec(text);
      const entities = command ? [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] : undefined;
      const message = store(typeof chat === 'number' ? chat : (chatOf(chat), chat.id), {
        from: userOf(from),
        text,
        ...(entities ? { entities } : {}),
        ...inTopic(options.threadId),
      });
      return push({ message: message as Update.MessageUpdate['message'] }) as Update.MessageUpdate;
    },
    pushCallback(
      from: number | (Partial<User> & { id: number }),
      chat: number | (Partial<Chat> & { id: number }),
      messageId: number,
      data: string,
    ) {
      const c = chatOf(chat);
      const id = `cbq-${nextUpdateId}`;
      callbackQueries.add(id);
      const message = messages.get(`${c.id}:${messageId}`) ?? {
        message_id: messageId,
        date: now(),
        chat: c,
        from: bot,
        text: '',
      };
      return push({
        callback_query: {
          id,
          from: userOf(from),
          message,
          chat_instance: `ci${c.id}`,
          data,
        } as Update.CallbackQueryUpdate['callback_query'],
      }) as Update.CallbackQueryUpdate;
    },
  };
}
