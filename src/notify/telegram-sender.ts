import { Telegram } from 'telegraf';
import type { BotCommand, BotCommandScope, InlineKeyboardMarkup, Update } from 'telegraf/types';
import type { ButtonRows } from '../present/buttons';
import { splitCaption, splitMessage } from '../present/split-message';
import { escapeHtml } from '../present/html';
import { parseChatTarget } from '../shared/chat-target';
import type { Logger } from '../shared/logger';
import { DeliveryError } from './delivery-channel';
import { createTelegramApiGaps, type OptionalMethod, type TelegramApiGaps } from './telegram-api-gaps';
import { isMethodMissing, isNotModified, isStaleCallback, toDeliveryError } from './telegram-errors';

// The one place every Telegram Bot API call goes through: the chat transport's replies and edits, the
// outbox's deliveries, the command menu. It speaks HTML parse mode, splits long text at 4096 and cuts
// captions at 1024 with the chat core's splitter (the rest follows as text, nothing is dropped), turns
// ButtonRows into inline keyboards, bounds every call with a timeout, and turns failures into
// DeliveryError kinds the delivery worker can act on. Where the Bot API lacks a method (telegram-api-gaps.ts)
// a photo goes as a document, a file as a text saying where to get it, and a chat action is skipped.

export const PUBLIC_API_ROOT = 'https://api.telegram.org';
const DEFAULT_TIMEOUT_MS = 30_000;

/** One Bot API call's worth of a message: long text and long captions become several. */
export type TelegramStep =
  | { kind: 'text'; html: string }
  | { kind: 'photo'; content: Buffer; filename: string; caption: string; where?: string }
  | { kind: 'document'; content: Buffer; filename: string; caption: string; where?: string };

export interface TelegramSendOptions {
  buttons?: ButtonRows;
  silent?: boolean;
}

/** A Telegram client on the configured API root (TELEGRAM_API_ROOT: a local Bot API server, or a test fake). */
export function createTelegramClient(options: { token: string; apiRoot?: string }): Telegram {
  return new Telegram(options.token, { apiRoot: options.apiRoot || PUBLIC_API_ROOT });
}

export function inlineKeyboard(buttons: ButtonRows | undefined): InlineKeyboardMarkup | undefined {
  if (!buttons?.length) return undefined;
  for (const b of buttons.flat()) {
    // Telegram would answer BUTTON_DATA_INVALID; say which button instead
    if (Buffer.byteLength(b.data) > 64)
      throw new DeliveryError('permanent', `callback data over 64 bytes: ${b.data.slice(0, 80)}`);
  }
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) };
}

/** callApi's third argument */
type CallOpts = NonNullable<Parameters<Telegram['callApi']>[2]>;

/** The chat of a target (`-100…:42` names a forum topic; edits and actions need only the chat). */
const chatKey = (target: string | number): string | number => parseChatTarget(target).chatId;

export const telegramSteps = {
  text: (html: string): TelegramStep[] => splitMessage(html).map((part) => ({ kind: 'text', html: part })),
  /** `where` (HTML): how to get the file when it cannot be attached, e.g. the CLI command that makes it */
  photo: (content: Buffer, caption = '', filename = 'chart.png', where?: string): TelegramStep[] =>
    withCaption({ kind: 'photo', content, filename, caption: '', where }, caption),
  document: (content: Buffer, filename: string, caption = '', where?: string): TelegramStep[] =>
    withCaption({ kind: 'document', content, filename, caption: '', where }, caption),
};

/** A file this Bot API cannot take (no sendPhoto, no sendDocument): its caption, and a word on where it is. */
export function unattachedText(step: Extract<TelegramStep, { kind: 'photo' | 'document' }>): string {
  const note = `<i>${escapeHtml(step.filename)} could not be attached: this Bot API has no sendDocument${step.kind === 'photo' ? ' or sendPhoto' : ''}.</i>`;
  return [step.caption, note, step.where].filter(Boolean).join('\n');
}

function withCaption(step: Extract<TelegramStep, { kind: 'photo' | 'document' }>, html: string): TelegramStep[] {
  const { caption, rest } = splitCaption(html);
  return [{ ...step, caption }, ...rest.map((part): TelegramStep => ({ kind: 'text', html: part }))];
}

export function createTelegramSender(deps: {
  telegram: Telegram;
  logger: Logger;
  timeoutMs?: number;
  /** the methods this Bot API lacks, shared with /status; one of its own by default */
  gaps?: TelegramApiGaps;
}) {
  const { telegram } = deps;
  const log = deps.logger.child({ component: 'telegram' });
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const gaps = deps.gaps ?? createTelegramApiGaps();

  /** Runs an optional method; null when this Bot API lacks it (remembered, logged once). */
  async function optional<T>(method: OptionalMethod, run: () => Promise<T>): Promise<T | null> {
    if (gaps.has(method)) return null;
    try {
      return await run();
    } catch (err) {
      if (!isMethodMissing(err)) throw err;
      if (gaps.add(method)) log.warn({ method }, 'this Bot API lacks the method: degrading (see /status)');
      return null;
    }
  }

  /** Every call: a timeout, a debug line, and failures as DeliveryError (the TelegramError is its cause). */
  async function call<T>(method: string, run: (opts: CallOpts) => Promise<T>, chatId?: string | number): Promise<T> {
    const t0 = performance.now();
    try {
      // telegraf types its signal with the abort-controller polyfill; node-fetch takes the native one
      const result = await run({ signal: AbortSignal.timeout(timeoutMs) as unknown as CallOpts['signal'] });
      log.debug({ method, chatId, ms: Math.round(performance.now() - t0) }, 'telegram call');
      return result;
    } catch (err) {
      const mapped = toDeliveryError(err, method);
      log.debug({ method, chatId, kind: mapped.kind, err: mapped.message }, 'telegram call failed');
      throw mapped;
    }
  }

  async function sendStep(
    chatId: string | number,
    step: TelegramStep,
    options: TelegramSendOptions,
    withButtons: boolean,
  ): Promise<number> {
    const { chatId: chat_id, threadId } = parseChatTarget(chatId);
    const common = {
      // a forum topic target: every message lands in that topic, not in General
      message_thread_id: threadId,
      parse_mode: 'HTML' as const,
      disable_notification: options.silent || undefined,
      reply_markup: withButtons ? inlineKeyboard(options.buttons) : undefined,
    };
    if (step.kind === 'text') {
      const m = await call(
        'sendMessage',
        (opts) =>
          telegram.callApi(
            'sendMessage',
            { chat_id, text: step.html, link_preview_options: { is_disabled: true }, ...common },
            opts,
          ),
        chatId,
      );
      return m.message_id;
    }
    const caption = step.caption || undefined;
    const upload = (method: 'sendPhoto' | 'sendDocument', field: 'photo' | 'document') =>
      optional(method, () =>
        call(
          method,
          (opts) =>
            telegram.callApi(
              method,
              { chat_id, [field]: { source: step.content, filename: step.filename }, caption, ...common } as never,
              opts,
            ) as Promise<{ message_id: number }>,
          chatId,
        ),
      );
    const m =
      (step.kind === 'photo' ? await upload('sendPhoto', 'photo') : null) ?? (await upload('sendDocument', 'document'));
    if (m) return m.message_id;
    // neither upload exists here: the text still arrives, with a word on where the file is
    return sendStep(chatId, { kind: 'text', html: unattachedText(step) }, options, withButtons);
  }

  return {
    telegram,

    /**
     * Sends the steps in order, buttons under the last one. `from` resumes after the steps an earlier
     * attempt already got through (the outbox retrying part 3 of 3 must not repeat parts 1 and 2);
     * `onSent` hears of each step as it lands.
     */
    async send(
      chatId: string | number,
      steps: TelegramStep[],
      options: TelegramSendOptions = {},
      progress: { from?: number; onSent?: (index: number, messageId: number) => void } = {},
    ): Promise<number[]> {
      const ids: number[] = [];
      for (let i = progress.from ?? 0; i < steps.length; i++) {
        const id = await sendStep(chatId, steps[i]!, options, i === steps.length - 1);
        ids.push(id);
        progress.onSent?.(i, id);
      }
      return ids;
    },

    async editText(
      chatId: string | number,
      messageId: number,
      html: string,
      options: TelegramSendOptions = {},
    ): Promise<void> {
      // an edit replaces one message: a longer text keeps its first part rather than failing
      const [text = ''] = splitMessage(html);
      await call(
        'editMessageText',
        (opts) =>
          telegram.callApi(
            'editMessageText',
            {
              chat_id: chatKey(chatId),
              message_id: messageId,
              text,
              parse_mode: 'HTML',
              link_preview_options: { is_disabled: true },
              reply_markup: inlineKeyboard(options.buttons),
            },
            opts,
          ),
        chatId,
      ).catch((err: DeliveryError) => {
        if (!isNotModified(err.cause)) throw err;
      });
    },

    /** Replaces the buttons under a message; none removes them. */
    async editButtons(chatId: string | number, messageId: number, buttons?: ButtonRows): Promise<void> {
      await call(
        'editMessageReplyMarkup',
        (opts) =>
          telegram.callApi(
            'editMessageReplyMarkup',
            { chat_id: chatKey(chatId), message_id: messageId, reply_markup: inlineKeyboard(buttons) },
            opts,
          ),
        chatId,
      ).catch((err: DeliveryError) => {
        if (!isNotModified(err.cause)) throw err;
      });
    },

    async action(chatId: string | number, kind: 'typing' | 'upload_photo' | 'upload_document'): Promise<void> {
      await optional('sendChatAction', () =>
        call(
          'sendChatAction',
          (opts) =>
            telegram.callApi(
              'sendChatAction',
              { chat_id: chatKey(chatId), message_thread_id: parseChatTarget(chatId).threadId, action: kind },
              opts,
            ),
          chatId,
        ),
      );
    },

    /** The toast after a button press; a press too old to answer is logged, not thrown. */
    async answerCallback(queryId: string, text?: string): Promise<void> {
      await call('answerCallbackQuery', (opts) =>
        telegram.callApi('answerCallbackQuery', { callback_query_id: queryId, text: text?.slice(0, 200) }, opts),
      ).catch((err: DeliveryError) => {
        if (!isStaleCallback(err.cause)) throw err;
        log.info({ queryId }, 'callback answered too late');
      });
    },

    /** false when this Bot API has no setMyCommands (there is no menu to set) */
    async setCommands(commands: BotCommand[], scope?: BotCommandScope): Promise<boolean> {
      const done = await optional('setMyCommands', () =>
        call('setMyCommands', (opts) => telegram.callApi('setMyCommands', { commands, scope }, opts)),
      );
      return done !== null;
    },

    /** what this Bot API lacks, for /status */
    gaps,

    /** One long poll: held by Telegram up to `timeoutS`; `stop` aborts it at once. */
    getUpdates(offset: number, timeoutS: number, stop: AbortSignal): Promise<Update[]> {
      return call('getUpdates', () =>
        telegram.callApi(
          'getUpdates',
          { offset, timeout: timeoutS, allowed_updates: ['message', 'callback_query'] },
          {
            signal: AbortSignal.any([
              stop,
              AbortSignal.timeout((timeoutS + 15) * 1000),
            ]) as unknown as CallOpts['signal'],
          },
        ),
      );
    },

    getMe: () => call('getMe', (opts) => telegram.callApi('getMe', {}, opts)),
    deleteWebhook: (dropPending = false) =>
      call('deleteWebhook', (opts) => telegram.callApi('deleteWebhook', { drop_pending_updates: dropPending }, opts)),
    setWebhook: (url: string, secretToken?: string) =>
      call('setWebhook', (opts) => telegram.callApi('setWebhook', { url, secret_token: secretToken }, opts)),
  };
}

export type TelegramSender = ReturnType<typeof createTelegramSender>;
