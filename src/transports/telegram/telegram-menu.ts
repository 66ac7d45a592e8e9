import type { BotCommand, BotCommandScope } from 'telegraf/types';
import type { ChatCore } from '../../chat/chat-core';
import { COSMETIC_RETRY, retryStartCall, type RetryPolicy } from '../../notify/telegram-start-retry';
import type { TelegramSender } from '../../notify/telegram-sender';
import { errorMessage } from '../../shared/errors';
import type { Logger } from '../../shared/logger';

// The "/" menu Telegram shows. Scopes do not add up: a chat-scoped list replaces the default one for
// that chat, so each admin's private chat gets the whole admin menu (everyone's commands and the
// admin-only ones), and everyone else sees the trader menu (a viewer who picks a trader command is
// told which role it needs). Admins added later with /users get their menu at the next start.
// The menu is cosmetic: a Bot API that keeps failing, or has no setMyCommands, leaves the bot
// without one (logged), never without the bot.

export async function publishMenus(deps: {
  sender: TelegramSender;
  core: ChatCore;
  adminIds: string[];
  logger: Logger;
  retry?: RetryPolicy;
  /** the bot stopping: no more retries */
  signal?: AbortSignal;
}): Promise<{ scopes: number }> {
  const { sender, core } = deps;
  const set = (commands: BotCommand[], scope: BotCommandScope) =>
    retryStartCall('setMyCommands', () => sender.setCommands(commands, scope), {
      policy: deps.retry ?? COSMETIC_RETRY,
      logger: deps.logger,
      signal: deps.signal,
    });
  try {
    if (!(await set(core.menuCommands('trader'), { type: 'default' }))) return { scopes: 0 };
  } catch (err) {
    deps.logger.warn({ err: errorMessage(err) }, 'command menu not set; the bot runs without it');
    return { scopes: 0 };
  }
  const adminMenu = core.menuCommands('admin');
  let scopes = 1;
  for (const id of deps.adminIds) {
    // a user id is also the id of the private chat with that user
    if (!/^\d+$/.test(id)) continue;
    await set(adminMenu, { type: 'chat', chat_id: Number(id) }).then(
      () => void scopes++,
      // an admin who never opened a chat with the bot: Telegram says "chat not found"; the rest still work
      (err: Error) => deps.logger.warn({ adminId: id, err: err.message }, 'admin menu not set'),
    );
  }
  return { scopes };
}
