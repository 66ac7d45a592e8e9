import type { AlertMessageEditor } from '../../alerts/alert-actions';
import type { ChatCore } from '../../chat/chat-core';
import type { UserAuth } from '../../chat/user-auth';
import type { LoadedConfig } from '../../config/load-config';
import type { DeliveryChannel } from '../../notify/delivery-channel';
import type { TelegramApiGaps } from '../../notify/telegram-api-gaps';
import { createTelegramChannel } from '../../notify/telegram.channel';
import type { Clock } from '../../shared/clock';
import { ConfigError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { createTelegramTransport, type TelegramTransport, type TelegramTransportDeps } from './telegram.transport';

// Everything `squeezebot start` needs to put the bot on Telegram: the transport over the chat core,
// the outbox's Telegram channel (same sender, so replies and alerts share one client), and the editor
// that rewrites delivered alerts when someone acknowledges them.

export interface StartTelegramDeps {
  loaded: LoadedConfig;
  core: ChatCore;
  users: UserAuth;
  clock: Clock;
  logger: Logger;
  /** the outbox's delivery worker, when the app has one */
  delivery?: { register(channel: DeliveryChannel): void };
  /** alert actions, to edit a delivered alert in place on acknowledgement */
  alertActions?: { registerEditor(channel: string, editor: AlertMessageEditor): void };
  /** the methods this Bot API lacks: the app's, so /status reports them */
  gaps?: TelegramApiGaps;
  /** start's retries (tests shorten them) */
  retry?: TelegramTransportDeps['retry'];
  /** the durable inbox of updates (repos.telegramInbox) */
  inbox: TelegramTransportDeps['inbox'];
}

export async function startTelegram(
  deps: StartTelegramDeps,
): Promise<{ transport: TelegramTransport; username: string; mode: string }> {
  const { secrets, config } = deps.loaded;
  if (!secrets.TELEGRAM_BOT_TOKEN) throw new ConfigError(['TELEGRAM_BOT_TOKEN is not set']);
  const apiRoot = secrets.TELEGRAM_API_ROOT;
  if (apiRoot && !/^https?:\/\/[^/]+/.test(apiRoot))
    throw new ConfigError([`TELEGRAM_API_ROOT: not a URL: ${apiRoot}`]);
  const transport = createTelegramTransport({
    token: secrets.TELEGRAM_BOT_TOKEN,
    apiRoot,
    webhookSecret: secrets.TELEGRAM_WEBHOOK_SECRET,
    config,
    core: deps.core,
    adminIds: () =>
      deps.users
        .list()
        .filter((u) => u.role === 'admin')
        .map((u) => u.id),
    clock: deps.clock,
    logger: deps.logger,
    gaps: deps.gaps,
    retry: deps.retry,
    inbox: deps.inbox,
  });
  const { sender } = transport;
  deps.delivery?.register(createTelegramChannel({ sender, logger: deps.logger }));
  deps.alertActions?.registerEditor('telegram', {
    edit: (target, messageId, html, buttons) => sender.editText(target, Number(messageId), html, { buttons }),
  });
  const started = await transport.start();
  return { transport, ...started };
}
