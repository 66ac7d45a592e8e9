import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegraf } from 'telegraf';
import type { Chat, Update } from 'telegraf/types';
import type { ChatCore, IncomingBase } from '../../chat/chat-core';
import { code } from '../../present/html';
import { chatTarget } from '../../shared/chat-target';
import type { Config } from '../../config/schema';
import type { TelegramApiGaps } from '../../notify/telegram-api-gaps';
import { createTelegramSender, telegramSteps, type TelegramSender } from '../../notify/telegram-sender';
import { ESSENTIAL_RETRY, retryStartCall, type RetryPolicy } from '../../notify/telegram-start-retry';
import type { Clock } from '../../shared/clock';
import { ConfigError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { publishMenus } from './telegram-menu';
import { createTelegramPoller } from './telegram-poller';
import { telegramSurface } from './telegram-surface';
import { createUpdateInbox, type InboxStore, type UpdateInboxOptions } from './update-inbox';
import { createWebhookServer } from './webhook-server';

// The Telegram transport: telegraf routes each update, the chat core does the rest. Text messages
// become commands, button presses go to the core's button registry; every reply, edit and menu goes
// through the one sender. Handlers run detached from the update loop (a slow /scan must not stall
// other users), are tracked so `stop` lets them finish, and any error that escapes them answers the
// user with a short message and an error id while the log gets the details. Updates from the webhook
// and from polling alike go through the durable inbox (update-inbox.ts) first: stored, then claimed and
// handled one at a time per chat, by whichever process sharing the database gets there first.

export interface TelegramTransportDeps {
  token: string;
  /** TELEGRAM_API_ROOT; default the public Bot API */
  apiRoot?: string;
  /** required in webhook mode: Telegram echoes it in a header we check on every request */
  webhookSecret?: string;
  config: Config;
  core: ChatCore;
  /** admins for the admin-only command menu (TELEGRAM_ADMIN_IDS and admins known at start) */
  adminIds: () => string[];
  clock: Clock;
  logger: Logger;
  /** poll timeout in seconds (tests shorten it) */
  pollTimeoutS?: number;
  /** the methods this Bot API lacks, shared with /status */
  gaps?: TelegramApiGaps;
  /** how start retries getMe and the webhook calls (essential) and the menu (cosmetic); tests shorten them */
  retry?: { essential?: RetryPolicy; cosmetic?: RetryPolicy };
  /** how long start waits for the menu before going on without it (it keeps trying behind); default 5 s */
  menuWaitMs?: number;
  /** the durable inbox's store (repos.telegramInbox) */
  inbox: InboxStore;
  /** the inbox's lease, polling and limits (tests shorten them) */
  inboxOptions?: UpdateInboxOptions;
}

/** Webhook mode rests an update this long before claiming it, so one that arrived out of order can land. */
const WEBHOOK_HOLD_MS = 50;

const chatType = (chat: Chat): IncomingBase['chatType'] => (chat.type === 'private' ? 'private' : 'group');
const nameOf = (u: { username?: string; first_name: string; last_name?: string }) =>
  u.username ?? [u.first_name, u.last_name].filter(Boolean).join(' ');
/** `/help@OtherBot` in a group is meant for another bot */
const addressedElsewhere = (text: string, me: string) => {
  const m = /^\/[A-Za-z0-9_]+@(\S+)/.exec(text);
  return m !== null && m[1]!.toLowerCase() !== me.toLowerCase();
};

export function createTelegramTransport(deps: TelegramTransportDeps) {
  const { core, clock, config } = deps;
  const log = deps.logger.child({ component: 'telegram-bot' });
  const bot = new Telegraf(deps.token, { telegram: { apiRoot: deps.apiRoot || undefined } });
  const sender: TelegramSender = createTelegramSender({
    telegram: bot.telegram,
    logger: deps.logger,
    timeoutMs: config.telegram.request_timeout_ms,
    gaps: deps.gaps,
  });
  const stopping = new AbortController();
  let menusDone: Promise<unknown> = Promise.resolve();
  const essential = <T>(method: string, run: () => Promise<T>) =>
    retryStartCall(method, run, {
      policy: deps.retry?.essential ?? ESSENTIAL_RETRY,
      logger: log,
      signal: stopping.signal,
    });
  const inflight = new Set<Promise<unknown>>();
  /** the detached work each update started, so the inbox marks it done only once that has finished */
  const workOf = new Map<number, Promise<unknown>>();
  const inbox = createUpdateInbox({
    store: deps.inbox,
    clock,
    logger: deps.logger,
    holdMs: config.telegram.mode === 'webhook' ? WEBHOOK_HOLD_MS : 0,
    ...deps.inboxOptions,
    handle: handleStored,
  });
  const poller = createTelegramPoller({
    sender,
    clock,
    logger: deps.logger,
    timeoutS: deps.pollTimeoutS,
    onUpdate: (u) => void inbox.accept(u),
  });
  let webhookServer: Server | null = null;

  async function failed(err: unknown, chatId: string | null, updateId: number | undefined): Promise<void> {
    const errorId = randomBytes(3).toString('hex');
    log.error({ err, errorId, updateId, chatId }, 'telegram update failed');
    if (chatId) {
      await sender
        .send(
          chatId,
          telegramSteps.text(
            `Sorry, something went wrong on our side (error id ${code(errorId)}). An admin can find the details in the log by that id.`,
          ),
        )
        .catch((e: Error) => log.warn({ errorId, err: e.message }, 'error reply not sent'));
    }
  }

  function detach(work: Promise<unknown>, chatId: string, updateId: number): void {
    const p = work.catch((err) => failed(err, chatId, updateId)).finally(() => inflight.delete(p));
    inflight.add(p);
    workOf.set(updateId, p);
  }

  // Not telegraf's await of the handler: its 90 s handler timeout would cut a long /scan short.
  async function handleStored(update: Update): Promise<void> {
    try {
      await bot.handleUpdate(update);
    } finally {
      const work = workOf.get(update.update_id);
      workOf.delete(update.update_id);
      await work;
    }
  }

  const surfaceFor = (target: string) => telegramSurface({ sender, clock }, target);
  /** `where`: the message written or pressed; one inside a forum topic is answered in that topic */
  const base = (
    from: { id: number; username?: string; first_name: string; last_name?: string },
    chat: Chat,
    where?: { is_topic_message?: boolean; message_thread_id?: number },
  ): IncomingBase => ({
    userId: String(from.id),
    userName: nameOf(from),
    chatId: String(chat.id),
    chatType: chatType(chat),
    surface: surfaceFor(chatTarget(chat.id, where?.is_topic_message ? where.message_thread_id : undefined)),
    surfaceFor,
  });

  bot.on('message', (ctx) => {
    const msg = ctx.message;
    if (!('text' in msg) || !msg.from || msg.from.is_bot) return;
    if (addressedElsewhere(msg.text, ctx.botInfo.username)) return;
    detach(
      core.handleCommand({ ...base(msg.from, msg.chat, msg), text: msg.text }),
      String(msg.chat.id),
      ctx.update.update_id,
    );
  });

  bot.on('callback_query', (ctx) => {
    const q = ctx.callbackQuery;
    const chat: Chat = q.message?.chat ?? { id: q.from.id, type: 'private', first_name: q.from.first_name };
    if (!('data' in q) || !q.data) {
      detach(sender.answerCallback(q.id), String(chat.id), ctx.update.update_id);
      return;
    }
    detach(
      core.handleButton({
        ...base(q.from, chat, q.message as { is_topic_message?: boolean; message_thread_id?: number } | undefined),
        data: q.data,
        message: q.message ? { messageId: q.message.message_id } : null,
        answer: (text?: string) => sender.answerCallback(q.id, text),
      }),
      String(chat.id),
      ctx.update.update_id,
    );
  });

  bot.catch((err, ctx) => failed(err, ctx.chat ? String(ctx.chat.id) : null, ctx.update.update_id));

  async function startWebhook(): Promise<void> {
    const { url, listen_host, listen_port } = config.telegram.webhook;
    if (!deps.webhookSecret)
      throw new ConfigError(['telegram.mode: webhook needs TELEGRAM_WEBHOOK_SECRET, so forged updates are refused']);
    webhookServer = createWebhookServer({
      path: new URL(url).pathname || '/',
      secret: deps.webhookSecret,
      accept: (u) => void inbox.accept(u),
      logger: deps.logger,
    });
    await new Promise<void>((resolve, reject) =>
      webhookServer!.once('error', reject).listen(listen_port, listen_host, resolve),
    );
    await essential('setWebhook', () => sender.setWebhook(url, deps.webhookSecret));
  }

  return {
    bot,
    sender,

    /**
     * getMe, the menus, then polling or the webhook. A 5xx or a dropped connection is retried with
     * backoff; a 401 (bad token) or a 404 on getMe (wrong API root) ends the start at once. The menu is
     * waited for briefly and otherwise finishes (or gives up) behind the running bot.
     */
    async start(): Promise<{ username: string; mode: 'polling' | 'webhook' }> {
      const me = await essential('getMe', () => sender.getMe());
      bot.botInfo = me;
      const menus = publishMenus({
        sender,
        core,
        adminIds: deps.adminIds(),
        logger: log,
        retry: deps.retry?.cosmetic,
        signal: stopping.signal,
      });
      menusDone = menus;
      const menuWait = new Promise<null>((r) => setTimeout(() => r(null), deps.menuWaitMs ?? 5_000).unref());
      const published = await Promise.race([menus, menuWait]);
      try {
        inbox.start();
        if (config.telegram.mode === 'webhook') await startWebhook();
        else {
          await essential('deleteWebhook', () => sender.deleteWebhook(config.telegram.drop_pending_updates));
          poller.start();
        }
      } catch (err) {
        stopping.abort(); // the menu's retries end with the start that failed
        throw err;
      }
      log.info(
        { username: me.username, mode: config.telegram.mode, menuScopes: published?.scopes ?? 'still publishing' },
        'telegram bot started',
      );
      return { username: me.username, mode: config.telegram.mode };
    },

    /** Stops taking updates, then waits (bounded) for the commands already running. */
    async stop(options: { graceMs?: number } = {}): Promise<void> {
      stopping.abort();
      await menusDone;
      await poller.stop();
      if (webhookServer) await new Promise<void>((resolve) => webhookServer!.close(() => resolve()));
      const graceMs = options.graceMs ?? 10_000;
      await inbox.stop({ graceMs });
      const grace = new Promise((r) => setTimeout(r, graceMs).unref());
      await Promise.race([Promise.allSettled([...inflight]), grace]);
      log.info({ unfinished: inflight.size }, 'telegram bot stopped');
    },

    /** The port the webhook listens on (tests listen on port 0). */
    webhookPort: () => (webhookServer?.address() as AddressInfo | null)?.port ?? null,
    /** for tests: how many handlers are still running */
    busy: () => inflight.size + inbox.busy(),
    /** a handle for tests to feed an update as if it came from Telegram (past the inbox) */
    handleUpdate: (update: Update) => bot.handleUpdate(update),
    /** the process id this transport's inbox claims under */
    inboxOwner: inbox.owner,
  };
}

export type TelegramTransport = ReturnType<typeof createTelegramTransport>;
